"""The managers' part of the generic case page: Form 1's nominees, their eligibility, scores and the decree."""

from django import template

from apps.accounts.permissions import may, route_open_to

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


@register.filter
def opens(user, url_name: str) -> bool:
    """Whether the permission table opens the page `url_name` to this person (the managers' tabs)."""
    return route_open_to(user, url_name)


@register.filter
def may_do(user, rule: str) -> bool:
    """`user|may_do:"managers.profile:bulk"`: whether the table grants the action on some row of the kind."""
    kind_name, action = rule.split(":")
    return may(user, kind_name, action)
