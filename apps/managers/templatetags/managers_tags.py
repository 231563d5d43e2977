"""The managers' part of the generic case page: Form 1's nominees, their eligibility, scores and the decree."""

from django import template
from django.template.loader import render_to_string

from apps.accounts.permissions import may, route_key, route_open_to

from ..selectors import change_get_for_case, nomination_candidates, nomination_selected_shortfall
from ..services.agency import rules_for

register = template.Library()


@register.inclusion_tag("managers/_appointment_panel.html", takes_context=True)
def appointment_panel(context, case):
    nomination = case.nomination
    rules = rules_for(nomination.organization_id)
    user = context["user"]
    state = case.state
    decree = getattr(nomination, "decree", None) if case.state == "appointed" else None
    rows = nomination_candidates(nomination=nomination)
    return {
        "case": case,
        "nomination": nomination,
        "rows": rows,
        "shortfall": nomination_selected_shortfall(rows=rows, nomination=nomination),
        "desired": rules.desired_for(nomination.post.level),
        # Each step's work, to whom the permission table gives it (apps/managers/permissions.py).
        "can_nominate": state == "nomination" and may(user, "managers.nomination", "edit", nomination),
        "can_check": state == "hr_check" and may(user, "managers.form3", "act"),
        "can_score": state == "council" and may(user, "managers.candidate", "act"),
        "can_record_session": state == "council" and may(user, "managers.form4", "edit", nomination),
        # The council reads a nominee's Form 2, not the agency's database.
        "opens_database": may(user, "managers.profile", "view"),
        "decree": decree,
        "user": user,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("managers/_change_panel.html")
def change_panel(case):
    return {"change": change_get_for_case(case=case)}


# The tabs as rendered, by route key: bounded, emptied when full.
_NAVS: dict[tuple, str] = {}
_NAVS_HELD = 256


@register.simple_tag(takes_context=True)
def managers_nav(context) -> str:
    """The service's tabs (managers/_nav.html): the pages of it this person may open. They depend on nothing
    else, which `route_key` names, so each set of tabs is rendered once per process (asking the permission
    table of each tab on every page was some 2.4 of the 14.5 million instructions of the kept database page)."""
    user = context["user"]
    key = route_key(user)
    html = _NAVS.get(key)
    if html is None:
        if len(_NAVS) >= _NAVS_HELD:
            _NAVS.clear()
        html = _NAVS[key] = render_to_string("managers/_nav.html", {"user": user})
    return html


@register.filter
def opens(user, url_name: str) -> bool:
    """Whether the permission table opens the page `url_name` to this person (the managers' tabs)."""
    return route_open_to(user, url_name)


@register.filter
def may_do(user, rule: str) -> bool:
    """`user|may_do:"managers.profile:bulk"`: whether the table grants the action on some row of the kind."""
    kind_name, action = rule.split(":")
    return may(user, kind_name, action)
