"""The filters of the cases' lists (the cartable, every case, and their API), as one django-filter FilterSet.

The parameters' names are the lists' public address: saved views (apps/savedviews/lists.py) keep exactly
these, so a name changes only with them. django_filters stays out of INSTALLED_APPS: nothing here renders
its templates, and the start-up warm-up would compile them (they load crispy-forms, which the desk lacks).
"""

from collections.abc import Mapping

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from apps.accounts.provinces import province_filter_value
from apps.core.digits import normalize_text
from apps.core.jalali import today

from .models import Case


class TypedText(forms.CharField):
    """What a person types, read as it is stored: Latin digits, Persian yeh and keheh. The box shows back what
    was typed (the form's bound value), the query reads the normalised text."""

    def to_python(self, value):
        return normalize_text(super().to_python(value))


class TypedTextFilter(django_filters.CharFilter):
    field_class = TypedText


class CaseFilter(django_filters.FilterSet):
    # Exact, as a saved view's process or state: an unknown one lists nothing rather than everything.
    q = TypedTextFilter(method="_tracking_code_or_title", label="کد رهگیری یا عنوان")
    process = django_filters.CharFilter(field_name="process", label="خدمت")
    state = django_filters.CharFilter(field_name="state", label="وضعیت")
    # A checkbox ("1" from the page, a boolean from the API): unticked or absent leaves the list whole.
    overdue = django_filters.BooleanFilter(
        method="_overdue", widget=forms.CheckboxInput, label="فقط دیرکرددار"
    )
    owner = TypedTextFilter(method="_owner", label="دستگاه")
    # The national body's lists reach every province; this narrows them to one. Anyone else's rows are
    # their own province's already, so the filter only ever narrows what the table lets them see.
    province = TypedTextFilter(method="_province", label="استان")

    class Meta:
        model = Case
        fields: list[str] = []

    def get_form_class(self):
        # django-filter builds a form class for every FilterSet, a fifth of its time on the lists; these
        # fields take nothing from the request, so the class is built once.
        built = type(self).__dict__.get("_built_form")
        if built is None:
            built = type(self)._built_form = super().get_form_class()
        return built

    def _tracking_code_or_title(self, cases: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return cases.filter(Q(tracking_code=value) | Q(title__icontains=value))

    def _overdue(self, cases: QuerySet[Case], name: str, value: bool) -> QuerySet[Case]:
        return cases.filter(due_date__lt=today(), is_closed=False) if value else cases

    def _owner(self, cases: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # An organization's id; anything else names no organization, so nothing is listed.
        return cases.filter(owner_id=int(value)) if value.isascii() and value.isdigit() else cases.none()

    def _province(self, cases: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        province = province_filter_value(value)
        return cases if province is None else cases.filter(province_id=province)


def cases_filtered(cases: QuerySet[Case], filters: CaseFilter | Mapping | None) -> QuerySet[Case]:
    """`cases` narrowed by the list's parameters: the page's own CaseFilter (so a page validates its
    parameters once, for its form and its rows), or a mapping of them (the API's)."""
    if not isinstance(filters, CaseFilter):
        filters = CaseFilter(filters or {})
    filters.is_valid()  # what filter_queryset reads: the valid parameters, the others left out
    return filters.filter_queryset(cases)
