"""Every write of issue 7: filing, assigning, rating and escalating complaints, the satisfaction survey,
and the health samples behind the uptime figure."""

import datetime as dt
import json

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from apps.accounts import permissions
from apps.accounts.models import User
from apps.accounts.selectors import users_with_roles
from apps.audit.trail import audit_append
from apps.catalog.content import service_by_slug
from apps.core.checks import as_typed, check_fields
from apps.core.digits import normalize_text, to_persian_digits
from apps.core.errors import ConflictError, ForbiddenError, InvalidError, NotFoundError, ServiceError
from apps.core.forms import MobileField
from apps.core.jalali import today
from apps.core.views import healthz
from apps.core.workdays import WorkCalendar
from apps.documents.selectors import document_verify
from apps.workflow.actors import SYSTEM
from apps.workflow.models import Case
from apps.workflow.services import attachment_add, case_open, perform

from .models import Complaint, HealthSample, SatisfactionResponse
from .permissions import COMPLAINT_CASE, may_answer_survey
from .rules import ESCALATE_AFTER_LATE_DAYS, SCORE_MAX, SCORE_MIN
from .selectors import complaint_handlers, survey_steps
from .workflow import COMPLAINT, ESCALATION_FROM

MIN_TEXT_LENGTH = 10
# The text's column is unbounded; the limit is the desk's, the page and the API alike.
MAX_TEXT_LENGTH = 4000
# The survey comment's column (and the page's field) hold this many characters.
SURVEY_COMMENT_MAX_LENGTH = SatisfactionResponse._meta.get_field("comment").max_length
ESCALATION_REASON = "مهلت رسیدگی به شکایت گذشت؛ ارجاع خودکار به سطح بالاتر."


def _subject_fields(*, actor: User, subject: str, service: str, case_code: str, document_code: str) -> dict:
    """What the complaint is about, checked: a catalog service, a case the filer sees, or a real document."""
    if subject == Complaint.Subject.SERVICE:
        if service_by_slug(service) is None:
            raise InvalidError("خدمتی را که شکایت درباره آن است انتخاب کنید.")
        return {"service": service}
    if subject == Complaint.Subject.CASE:
        # Typed in Persian or Arabic digits through the API as on the page, whose field normalizes them.
        code = normalize_text(case_code or "")
        target = Case.objects.visible_to(actor).filter(tracking_code=code).first() if code else None
        if target is None:
            raise InvalidError("پرونده‌ای با این کد رهگیری در دسترس شما نیست.")
        return {"subject_case": target, "service": target.process_def.service}
    if subject == Complaint.Subject.DOCUMENT:
        document = document_verify(code=document_code)
        if document is None:
            raise InvalidError("سندی با این کد صحت‌سنجی یافت نشد.")
        return {"document_code": document.verification_code}
    raise InvalidError("موضوع شکایت را انتخاب کنید.")


def complaint_file(
    *,
    actor: User,
    kind: str,
    subject: str,
    text: str,
    mobile: str = "",
    service: str = "",
    case_code: str = "",
    document_code: str = "",
    attachment=None,
    ip: str | None = None,
) -> Case:
    """Files a complaint or suggestion as a case with a tracking code; the Organization is told."""
    # The table says who is served and files (`complaints.case` create); the case is their organization's.
    if not permissions.may(actor, COMPLAINT_CASE, "create") or actor.organization_id is None:
        raise ForbiddenError("شکایت و پیشنهاد را خدمت‌گیرندگان سازمان ثبت می‌کنند.")
    if kind not in Complaint.Kind.values:
        raise InvalidError("نوع (شکایت یا پیشنهاد) را انتخاب کنید.")
    text = (text or "").strip()
    if len(text) < MIN_TEXT_LENGTH:
        raise InvalidError("شرح را دست‌کم در یک جمله بنویسید.")
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidError(f"شرح حداکثر {to_persian_digits(MAX_TEXT_LENGTH)} نویسه است؛ چیزی ثبت نشد.")
    mobile = (mobile or actor.mobile or "").strip()
    if not mobile:
        raise InvalidError("شماره همراه برای پیگیری و دریافت پاسخ لازم است.")
    # The page's own field: the answer goes to this number by SMS, so it is held to the same rule.
    mobile = as_typed(MobileField(), mobile)
    fields = _subject_fields(
        actor=actor, subject=subject, service=service, case_code=case_code, document_code=document_code
    )

    def create_complaint(case: Case) -> dict:
        Complaint.objects.create(case=case, kind=kind, subject=subject, text=text, **fields)
        return {"kind": kind, "subject": subject, "service": fields.get("service", "")}

    with transaction.atomic():
        case = case_open(
            process_name=COMPLAINT.name,
            owner=actor.organization,
            actor=actor,
            title=f"{Complaint.Kind(kind).label} درباره {Complaint.Subject(subject).label}",
            requester_mobile=mobile,
            ip=ip,
            apply=create_complaint,
        )
        if attachment is not None:
            # A rejected file rolls the whole filing back: nothing half-filed.
            attachment_add(case=case, actor=actor, title=attachment.name, uploaded_file=attachment, ip=ip)
    return case


def complaint_assign(*, case: Case, actor: User, assignee: User, ip: str | None = None) -> Case:
    """Hands a new complaint to one expert of the Organization, who investigates and answers it."""
    # Whom it goes to is the process's (its handling group and those above it), not the actor's role.
    if not complaint_handlers(province_id=case.owner.province_id).filter(pk=assignee.pk).exists():
        raise InvalidError("شکایت را فقط به کارکنان رسیدگی‌کننده سازمان می‌توان ارجاع داد.")

    def name_assignee(locked: Case) -> dict:
        Complaint.objects.filter(case=locked).update(assignee=assignee)
        return {"assignee": assignee.username}

    return perform(case, "assign", actor=actor, ip=ip, expected_state="submitted", apply=name_assignee)


def complaint_rate(
    *, case: Case, actor: User, rating: int, note: str = "", ip: str | None = None
) -> Complaint:
    """The complainant scores the answer, once per answer."""
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update(no_key=True).select_related("case").get(case=case)
        # The answer is the complainant's to rate, as it is theirs to accept (the step's `filer_only`):
        # a handler who may act on the case still may not score their own answer.
        if complaint.case.created_by_id != actor.pk:
            raise ForbiddenError("فقط ثبت‌کننده شکایت به پاسخ آن امتیاز می‌دهد.")
        if not complaint.answer:
            raise ConflictError("هنوز پاسخی داده نشده است.")
        if complaint.rating is not None:
            raise ConflictError("به این پاسخ پیش‌تر امتیاز داده‌اید.")
        if not SCORE_MIN <= rating <= SCORE_MAX:
            raise InvalidError(
                f"امتیاز باید بین {to_persian_digits(SCORE_MIN)} و {to_persian_digits(SCORE_MAX)} باشد."
            )
        complaint.rating, complaint.rating_note = rating, (note or "").strip()
        check_fields(complaint, only=("rating_note",))
        complaint.save(update_fields=["rating", "rating_note"])
        audit_append(
            action="complaints.complaint.rated",
            actor=actor,
            case=complaint.case,
            subject=complaint,
            changes={"rating": rating, "note": complaint.rating_note},
            ip=ip,
        )
    return complaint


def _anyone_holds(step, province_id: int | None) -> bool:
    """Whether an active person of the province's handling group (or above it) acts at this step: a group
    head, the deputy."""
    holders = users_with_roles(*step.actors).values("pk")
    return complaint_handlers(province_id=province_id).filter(pk__in=holders).exists()


def complaint_escalate(*, case: Case) -> Case:
    """The desk moves one overdue complaint a level up by itself: its history names the desk, not a person,
    and the group head (then the deputy) who now holds it is messaged; refused if someone acted meanwhile."""
    return perform(case, "escalate", actor=SYSTEM, reason=ESCALATION_REASON, expected_state=case.state)


def complaints_escalate_overdue(*, on: dt.date | None = None) -> list[str]:
    """Moves each complaint that is late by a working day or more one level up; returns their codes.

    Due today is not late; the allowance boundary is tested both ways.
    """
    on = on or today()
    # Each province counts late days by its own calendar (its local holidays) and escalates to its own.
    calendars: dict[int | None, WorkCalendar] = {}
    escalated = []
    overdue = (
        Case.objects.filter(
            process=COMPLAINT.name, state__in=list(ESCALATION_FROM), is_closed=False, due_date__lt=on
        )
        .select_related("owner")
        .order_by("id")
    )
    held: dict[tuple[int | None, str], bool] = {}
    for case in overdue:
        province_id = case.owner.province_id
        calendar = calendars.setdefault(province_id, WorkCalendar(province_id=province_id))
        if calendar.working_days_between(case.due_date, on) < ESCALATE_AFTER_LATE_DAYS:
            continue
        target = (province_id, case.step.action("escalate").to)
        if target not in held:
            held[target] = _anyone_holds(COMPLAINT.step(target[1]), province_id)
        if not held[target]:
            # Nobody above to send it to: it stays where someone can still answer it.
            continue
        try:
            complaint_escalate(case=case)
        except ServiceError:
            # Somebody acted on it meanwhile: nothing to escalate.
            continue
        escalated.append(case.tracking_code)
    return escalated


def satisfaction_record(
    *, case: Case, actor: User, score: int, step_scores: dict[str, int] | None = None, comment: str = ""
) -> SatisfactionResponse:
    """One person's survey on a closed case of any service, once per case and person."""
    if not Case.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise NotFoundError("پرونده یافت نشد.")
    if not may_answer_survey(actor, case):
        raise ForbiddenError("نظرسنجی را خدمت‌گیرندگان همان پرونده پر می‌کنند.")
    if not case.is_closed or case.process == COMPLAINT.name:
        raise ConflictError("نظرسنجی پس از پایان پرونده باز می‌شود.")
    passed = {state for state, _label in survey_steps(case=case)}
    scores = {str(k): v for k, v in (step_scores or {}).items() if v not in (None, "")}
    if set(scores) - passed:
        raise InvalidError("امتیاز برای مرحله‌ای داده شده که این پرونده از آن نگذشته است.")
    if not all(SCORE_MIN <= int(v) <= SCORE_MAX for v in [score, *scores.values()]):
        raise InvalidError(
            f"هر امتیاز باید بین {to_persian_digits(SCORE_MIN)} و {to_persian_digits(SCORE_MAX)} باشد."
        )
    comment = (comment or "").strip()
    # Refused as the page's form refuses it, not cut: a person's words are kept whole or not at all.
    if len(comment) > SURVEY_COMMENT_MAX_LENGTH:
        raise InvalidError(
            f"نظر حداکثر {to_persian_digits(SURVEY_COMMENT_MAX_LENGTH)} نویسه است؛ چیزی ثبت نشد."
        )
    try:
        with transaction.atomic():
            response = SatisfactionResponse.objects.create(
                case=case,
                respondent=actor,
                process=case.process,
                score=int(score),
                step_scores={k: int(v) for k, v in scores.items()},
                comment=comment,
            )
            audit_append(
                action="complaints.satisfaction.recorded",
                actor=actor,
                case=case,
                subject=response,
                changes={"score": response.score, "step_scores": response.step_scores},
            )
    except IntegrityError as exc:
        raise ConflictError("شما پیش‌تر در نظرسنجی این پرونده شرکت کرده‌اید.") from exc
    return response


def health_sample_record(*, at: dt.datetime | None = None) -> HealthSample:
    """Runs exactly the checks /healthz runs and keeps the answer for the uptime figure."""
    answer = json.loads(healthz(HttpRequest()).content)
    return HealthSample.objects.create(
        checked_at=at or timezone.now(),
        ok=answer["status"] == "ok",
        database=bool(answer["database"]),
        redis=answer.get("redis"),
    )
