"""`{% saved_views "<list url name>" %}`: the bar of a list's saved views, and the form that saves the filters.

The bar is a Jinja2 template (`jinja2/savedviews/_bar.html`), as a list's rows are (`apps/core/jinja.py`): every
look at a list renders it, and in Django's engine it was some 1.3 of the 14.5 million instructions of a kept
list's page."""

from django import template
from django.template import engines
from django.utils.safestring import mark_safe

from apps.accounts.permissions import may_at_all

from ..lists import LISTS, query_clean
from ..permissions import SAVED_VIEW
from ..selectors import saved_views_for_request

register = template.Library()


@register.simple_tag(takes_context=True)
def saved_views(context, list_key: str) -> str:
    request = context.get("request")
    bar = engines["jinja2"].get_template("savedviews/_bar.html").render(_bar(request, list_key), request)
    return mark_safe(bar)  # Jinja2 escaped what it put in


def _bar(request, list_key: str) -> dict:
    user = getattr(request, "user", None)
    if list_key not in LISTS or not may_at_all(user, SAVED_VIEW, "view"):
        return {"bar": False}
    views = saved_views_for_request(request, list_key)
    query = query_clean(list_key, request.GET.urlencode())
    mine = [v for v in views if v.owner_id == user.pk]
    return {
        "bar": True,
        "list_key": list_key,
        "slug": list_key.replace(":", "-").replace("_", "-"),
        "mine": mine,
        "shared": [v for v in views if v.owner_id != user.pk],
        # The view the list shows now: the first whose filters are the address's.
        "active": next((v for v in views if v.query == query), None) if request.GET else None,
        "query": query,
        "next": request.get_full_path(),
        "can_save": may_at_all(user, SAVED_VIEW, "create"),
        "in_unit": bool(user.unit_id),
    }
