"""The service's part of the generic case page: the request, its learners, certificates and timeline."""

from django import template
from django.utils import timezone

from apps.accounts import permissions
from apps.core.workdays import WorkCalendar

from ..permissions import CERTIFICATES, EVALUATION, REQUEST, SESSION, SURVEY
from ..rules import PROMISE_MAX_DAYS, PROMISE_MIN_DAYS

register = template.Library()


@register.inclusion_tag("training/_request_panel.html", takes_context=True)
def training_request_panel(context, case):
    user = context["user"]
    request = case.training_request
    filed_on = timezone.localdate(case.created_at)
    calendar = WorkCalendar()
    # The buttons the table would let this person follow: the agency's fix and forms, the group's session.
    is_owner = permissions.may(user, EVALUATION, "create", request) or permissions.may(
        user, SURVEY, "create", request
    )
    return {
        "user": user,
        "case": case,
        "training_request": request,
        "learners": request.learners.select_related("certificate").order_by("pk"),
        "released": permissions.may(user, CERTIFICATES, "download", request),
        "is_owner": is_owner,
        "can_fix": permissions.may(user, REQUEST, "edit", request),
        "can_open_session": request.session_id is not None
        and permissions.may(user, SESSION, "view", request.session),
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
