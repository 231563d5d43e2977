"""The filters of the cases' lists (the cartable, every case, and their API), as one django-filter FilterSet.

The parameters' names are the lists' public address: saved views (apps/savedviews/lists.py) keep exactly
these, so a name changes only with them. django_filters stays out of INSTALLED_APPS: nothing here renders
its templates, and the start-up warm-up would compile them (they load crispy-forms, which the desk lacks).
"""

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

    def _tracking_code_or_title(self, cases: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return cases.filter(Q(tracking_code=value) | Q(title__icontains=value))

    def _overdue(self, cases: QuerySet[Case], name: str, value: bool) -> QuerySet[Case]:
        return cases.filter(due_date__lt=today(), is_closed=False) if value else cases

    def _owner(self, cases: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # An organization's id; anything else names no organization, so nothing is listed.
        return cases.filter(owner_id=int(value)) if value.isascii() and value.isdigit() else cases.none()

    def _province(self, cases: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        province = province_filter_value(value)
        return cases if province is None else cases.filter(owner__province_id=province)


def cases_filtered(cases: QuerySet[Case], filters) -> QuerySet[Case]:
    """`cases` narrowed by the list's parameters (a request's GET, or the API's dict of them)."""
    return CaseFilter(filters, queryset=cases).qs
