"""Parts of the generic case page that belong to issue 7: a complaint's own panel and the satisfaction survey."""

from django import template

from apps.accounts import permissions

from .. import selectors
from ..forms import AssignForm, RateForm, SurveyForm
from ..permissions import COMPLAINT_CASE, may_answer_survey
from ..workflow import COMPLAINT

register = template.Library()


@register.inclusion_tag("complaints/_complaint_panel.html")
def complaint_panel(case, user):
    complaint = case.complaint
    may_assign = case.state == "submitted" and permissions.may(user, COMPLAINT_CASE, "act", case)
    return {
        "case": case,
        "complaint": complaint,
        "assign_form": AssignForm(handlers=selectors.complaint_handlers(province_id=case.owner.province_id))
        if may_assign
        else None,
        "rate_form": RateForm()
        if user.pk == case.created_by_id and complaint.answer and complaint.rating is None
        else None,
    }


@register.inclusion_tag("complaints/_survey.html")
def satisfaction_survey(case, user):
    """The short survey on a closed case, for its own agency's people, once each."""
    show = (
        case.is_closed
        and case.process != COMPLAINT.name
        and may_answer_survey(user, case)
        and not selectors.satisfaction_answered(case=case, user=user)
    )
    return {"case": case, "form": SurveyForm(steps=selectors.survey_steps(case=case)) if show else None}


@register.simple_tag
def complaint_process() -> str:
    return COMPLAINT.name


@register.filter
def chart_data(chart) -> dict:
    """A dashboard chart as plain data for json_script; the page's script draws it with Chart.js."""
    return {"kind": chart.kind, "labels": chart.labels, "datasets": chart.datasets}
