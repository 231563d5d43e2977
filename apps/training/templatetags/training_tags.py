"""The service's part of the generic case page: the request, its learners, certificates and timeline."""

from django import template
from django.utils import timezone

from apps.core.workdays import WorkCalendar

from ..rules import PROMISE_MAX_DAYS, PROMISE_MIN_DAYS

register = template.Library()


@register.inclusion_tag("training/_request_panel.html", takes_context=True)
def training_request_panel(context, case):
    user = context["user"]
    request = case.training_request
    filed_on = timezone.localdate(case.created_at)
    calendar = WorkCalendar()
    is_owner = user.is_agency_user and user.organization_id == request.organization_id
    return {
        "user": user,
        "case": case,
        "training_request": request,
        "learners": request.learners.select_related("certificate").order_by("pk"),
        "released": user.is_province_staff or request.forms_complete,
        "is_owner": is_owner,
        "has_evaluation": hasattr(request, "evaluation"),
        "has_survey": hasattr(request, "survey"),
        "timeline": case.steps.all(),
        "promise_from": calendar.add_working_days(filed_on, PROMISE_MIN_DAYS),
        "promise_to": calendar.add_working_days(filed_on, PROMISE_MAX_DAYS),
        "step_labels": dict(case.process_def.states),
    }


@register.filter
def step_label(state: str, labels: dict) -> str:
    return labels.get(state, state)
