"""Forms 1–4 and the semi-annual report as PDFs, printed from the current records with the seed's fields."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from apps.core.jalali import today
from apps.documents.render import render_pdf

from .models import Candidate, Nomination
from .rules import GENERAL_CRITERIA, SCORE_GROUPS, SCORE_YEARS, months_label
from .selectors import REPORT_HEADERS, nomination_candidates
from .services.agency import rules_for


def _pdf(template: str, context: dict, filename: str) -> HttpResponse:
    response = HttpResponse(
        render_pdf(template, {**context, "printed_on": today()}), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


def form1_pdf(nomination: Nomination) -> HttpResponse:
    context = {
        "nomination": nomination,
        "issuer": nomination.organization,
        "candidates": nomination.candidates.select_related("profile"),
    }
    return _pdf("managers/pdf/form1.html", context, f"form1-{nomination.pk}.pdf")


def form2_pdf(profile) -> HttpResponse:
    return _pdf(
        "managers/pdf/form2.html",
        {"profile": profile, "issuer": profile.organization},
        f"form2-{profile.pk}.pdf",
    )


def form3_pdf(candidate: Candidate, results: list) -> HttpResponse:
    appraisal = candidate.appraisal_scores + [None] * (SCORE_YEARS - len(candidate.appraisal_scores))
    performance = candidate.performance_scores + [None] * (SCORE_YEARS - len(candidate.performance_scores))
    context = {
        "candidate": candidate,
        "issuer": candidate.nomination.organization,
        "results": results,
        "appraisal": appraisal,
        "performance": performance,
        "related_label": months_label(candidate.related_experience_months),
        "managing_label": months_label(candidate.management_experience_months),
    }
    return _pdf("managers/pdf/form3.html", context, f"form3-{candidate.pk}.pdf")


def form4_pdf(nomination: Nomination) -> HttpResponse:
    rules = rules_for(nomination.organization_id)
    context = {
        "nomination": nomination,
        "issuer": nomination.organization,
        "rows": nomination_candidates(nomination=nomination),
        "criteria": GENERAL_CRITERIA,
        "groups": SCORE_GROUPS,
        "rules": rules,
        "desired": rules.desired_for(nomination.post.level),
        "specific_titles": rules.specific_criteria,
        "attendee_rows": range(8),
    }
    return _pdf("managers/pdf/form4.html", context, f"form4-{nomination.pk}.pdf")


def report_pdf(*, rows: list, period, organization) -> HttpResponse:
    context = {"rows": rows, "headers": REPORT_HEADERS, "period": period, "issuer": organization}
    return _pdf("managers/pdf/report.html", context, f"managers-report-{period.year}-{period.half}.pdf")
