"""The managers' part of the generic case page: Form 1's nominees, their eligibility, scores and the decree."""

from django import template

from apps.workflow.services import can_act

from ..selectors import change_get_for_case, nomination_candidates, nomination_selected_shortfall
from ..services import rules_for

register = template.Library()


@register.inclusion_tag("managers/_appointment_panel.html", takes_context=True)
def appointment_panel(context, case):
    nomination = case.nomination
    rules = rules_for(nomination.organization_id)
    acting = can_act(context["user"], case)
    decree = getattr(nomination, "decree", None) if case.state == "appointed" else None
    rows = nomination_candidates(nomination=nomination)
    return {
        "case": case,
        "nomination": nomination,
        "rows": rows,
        "shortfall": nomination_selected_shortfall(rows=rows, nomination=nomination),
        "desired": rules.desired_for(nomination.post.level),
        "can_nominate": acting and case.state == "nomination",
        "can_check": acting and case.state == "hr_check",
        "can_score": acting and case.state == "council",
        "decree": decree,
        "user": context["user"],
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("managers/_change_panel.html")
def change_panel(case):
    return {"change": change_get_for_case(case=case)}
