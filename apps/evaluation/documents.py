"""Service D's PDFs: members' appointment letters, the results book and the festival report."""

from django.db import transaction

from apps.accounts.models import User
from apps.core.errors import ConflictError
from apps.core.jalali import format_year
from apps.documents.kinds import register_kind
from apps.documents.models import IssuedDocument
from apps.documents.services import document_issue

from .models import BodyMember, Cycle, Nomination
from .scoring import cycle_standings
from .selectors import index_averages
from .services import require_may
from .services.common import GROUP_ONLY

APPOINTMENT = register_kind("evaluation_appointment", "حکم عضویت در ستاد جشنواره یا کمیته راهبری")
RESULTS_BOOK = register_kind("evaluation_book", "کتاب نتایج ارزیابی عملکرد دستگاه‌ها")
FESTIVAL_REPORT = register_kind("evaluation_festival", "گزارش جشنواره شهید رجایی")


@transaction.atomic
def member_letter_issue(*, actor: User, member: BodyMember) -> IssuedDocument:
    """The appointment letter (حکم) of one member of the festival HQ or the steering committee."""
    require_may(actor, "document.evaluation_appointment", "create", message=GROUP_ONLY)
    member = BodyMember.objects.select_for_update(no_key=True).select_related("body__cycle").get(pk=member.pk)
    if member.letter_id:
        raise ConflictError("حکم این عضو پیش‌تر صادر شده است.")
    body = member.body
    document = document_issue(
        kind=APPOINTMENT,
        template_name="evaluation/pdf_appointment.html",
        context={"member": member, "body_label": body.get_kind_display(), "cycle": body.cycle},
        title=f"حکم عضویت در {body.get_kind_display()}",
        owner=actor.organization,
        holder_name=member.full_name,
        actor=actor,
        summary={"نهاد": body.get_kind_display(), "سمت": member.role_in_body, "دوره": body.cycle.year},
    )
    member.letter = document
    member.save(update_fields=["letter"])
    return document


@transaction.atomic
def results_book_issue(*, actor: User, cycle: Cycle) -> IssuedDocument:
    """The cycle's results as a book: tables per group, bars per agency and per index (seed row 22)."""
    require_may(actor, "document.evaluation_book", "create", message=GROUP_ONLY)
    cycle = Cycle.objects.select_for_update(no_key=True).get(pk=cycle.pk)
    if cycle.phase != Cycle.Phase.FINAL:
        raise ConflictError("کتاب نتایج پس از تصویب نتایج نهایی منتشر می‌شود.")
    standings = cycle_standings(cycle, states=("approved",))
    book = document_issue(
        kind=RESULTS_BOOK,
        template_name="evaluation/pdf_book.html",
        context={"cycle": cycle, "standings": standings, "indices": index_averages(cycle=cycle)},
        title=f"کتاب نتایج {cycle.title}",
        owner=actor.organization,
        holder_name=actor.organization.name,
        actor=actor,
        summary={"دوره": cycle.year, "تعداد دستگاه‌ها": len(standings)},
    )
    cycle.results_book = book
    cycle.save(update_fields=["results_book"])
    return book


@transaction.atomic
def festival_report_issue(*, actor: User, cycle: Cycle) -> IssuedDocument:
    """The Shahid Rajaei festival's report to the national org (seed row 21)."""
    require_may(actor, "document.evaluation_festival", "create", message=GROUP_ONLY)
    cycle = Cycle.objects.select_for_update(no_key=True).get(pk=cycle.pk)
    teams = list(
        Nomination.objects.filter(
            cycle=cycle, status__in=(Nomination.Status.SELECTED, Nomination.Status.HONOURED)
        )
        .select_related("organization")
        .order_by("organization__code")
    )
    if not teams:
        raise ConflictError("هنوز تیمی از سوی ستاد جشنواره برگزیده نشده است.")
    report = document_issue(
        kind=FESTIVAL_REPORT,
        template_name="evaluation/pdf_festival.html",
        context={"cycle": cycle, "teams": teams},
        title=f"گزارش جشنواره شهید رجایی — {format_year(cycle.year)}",
        owner=actor.organization,
        holder_name="سازمان اداری و استخدامی کشور",
        actor=actor,
        summary={"دوره": cycle.year, "تیم‌های برگزیده": len(teams)},
    )
    cycle.festival_report = report
    cycle.save(update_fields=["festival_report"])
    return report
