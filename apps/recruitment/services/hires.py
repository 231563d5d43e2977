"""Steps 8–10 of seed 000: an agency registers a final accepted person against its quota, and the file
moves through the Deputy's review to the national org's approval and employee number."""

import datetime as dt

from django.db import IntegrityError, transaction

from apps.accounts.models import User
from apps.audit.trail import audit_append
from apps.core.checks import as_typed, check_fields
from apps.core.digits import normalize_text, to_latin_digits, to_persian_digits
from apps.core.errors import ConflictError, InvalidError, NotFoundError
from apps.core.forms import MobileField
from apps.core.jalali import on_the_calendar, today
from apps.workflow.models import Case
from apps.workflow.services import case_open, perform

from .. import permissions
from ..models import Candidate, Hire, JobQuota, QuotaType, Round
from ..rules import EMPLOYEE_NUMBER_MAX_DIGITS, EMPLOYEE_NUMBER_MIN_DIGITS, HIRE_PROCESS_NAME
from .common import require_may
from .hire_documents import ATTACHABLE_STATES

EDITABLE_FIELDS = ("father_name", "birth_date", "mobile", "education", "field_of_study", "is_native")


def _check_person(*, job: JobQuota, is_native: bool, birth_date: dt.date) -> None:
    if job.natives_only and not is_native:
        raise InvalidError("این شغل محل ویژه بومیان است و فقط فرد بومی ثبت می‌شود.")
    if birth_date >= today() or not on_the_calendar(birth_date):
        raise InvalidError("تاریخ تولد درست نیست.")


def _take_seat(job: JobQuota, quota_type: str) -> None:
    """Consumes one seat of the locked ledger row, or refuses when the quota or a share is used up."""
    if job.registered >= job.allocated:
        raise InvalidError(
            f"سهمیه تخصیص‌یافته شغل محل «{job.job_title} — {job.city}» ({to_persian_digits(job.allocated)} نفر) تکمیل است."
        )
    if quota_type == QuotaType.FREE:
        free_taken = job.hires.filter(quota_type=QuotaType.FREE).count()
        if free_taken >= job.free_posts:
            raise InvalidError(
                "ظرفیت آزاد این شغل محل تکمیل است؛ "
                f"{to_persian_digits(job.veterans_share)} نفر سهم ایثارگران و "
                f"{to_persian_digits(job.disabled_share)} نفر سهم افراد دارای معلولیت است."
            )
    job.registered += 1
    job.save(update_fields=["registered"])


def hire_register(
    *,
    actor: User,
    candidate: Candidate,
    father_name: str,
    birth_date: dt.date,
    mobile: str,
    education: str,
    field_of_study: str,
    is_native: bool,
    ip: str | None = None,
) -> Case:
    """Step 8: one final accepted person's file, against the agency's quota for the job.

    The file opens as the agency's draft: it holds its seat while the documents are attached, and goes
    to the Deputy only when the agency sends it complete (workflow.py).
    """
    require_may(
        actor, permissions.REGISTRATION, "create", candidate.round, "ثبت پذیرفته‌شدگان با کارگزینی دستگاه است."
    )
    if candidate.job.agency_id != actor.organization_id:
        raise NotFoundError("پذیرفته‌شده یافت نشد.")
    if candidate.status != Candidate.Status.FINAL:
        raise InvalidError("فقط پذیرفته‌شدگان نهایی (پس از مصاحبه) ثبت می‌شوند.")
    if education not in Hire.Education.values or not field_of_study.strip() or not father_name.strip():
        raise InvalidError("نام پدر، مدرک و رشته تحصیلی را کامل وارد کنید.")
    with transaction.atomic():
        # The ledger row is locked first: two registrations for the last seat queue here.
        job = JobQuota.objects.select_for_update(no_key=True).select_related("round").get(pk=candidate.job_id)
        if job.round.stage != Round.Stage.REGISTRATION:
            raise ConflictError("ثبت اطلاعات پذیرفته‌شدگان این دوره باز نیست.")
        if Hire.objects.filter(round=job.round, national_id=candidate.national_id).exists():
            raise ConflictError("این فرد در این دوره پیش‌تر ثبت شده است.")
        _check_person(job=job, is_native=is_native, birth_date=birth_date)
        hire = Hire(
            round=job.round,
            agency=job.agency,
            job=job,
            national_id=candidate.national_id,
            first_name=candidate.first_name,
            last_name=candidate.last_name,
            father_name=normalize_text(father_name),
            birth_date=birth_date,
            mobile=as_typed(MobileField(), mobile),
            education=education,
            field_of_study=normalize_text(field_of_study),
            quota_type=candidate.quota_type,
            is_native=is_native,
        )
        check_fields(hire, exclude=("case", "round", "agency", "job"))
        _take_seat(job, candidate.quota_type)

        def create_hire(case: Case) -> dict:
            hire.case = case
            hire.save()
            return {"job": job.job_code, "national_id": candidate.national_id, "registered": job.registered}

        try:
            with transaction.atomic():
                return case_open(
                    process_name=HIRE_PROCESS_NAME,
                    owner=actor.organization,
                    actor=actor,
                    title=f"استخدام {candidate.first_name} {candidate.last_name} — {job.job_title}",
                    ip=ip,
                    apply=create_hire,
                )
        except IntegrityError as exc:
            raise ConflictError("این فرد در این دوره پیش‌تر ثبت شده است.") from exc


@transaction.atomic
def hire_update(*, actor: User, hire: Hire, changes: dict, ip: str | None = None) -> Hire:
    """The agency completes its draft or fixes a returned file before sending it; the history keeps the old
    values."""
    hire = Hire.objects.select_for_update(no_key=True).select_related("case", "job").get(pk=hire.pk)
    require_may(actor, permissions.HIRE, "edit", hire, "این پرونده را کارگزینی همان دستگاه اصلاح می‌کند.")
    if hire.case.state not in ATTACHABLE_STATES:
        raise ConflictError("پرونده فقط پیش از ارسال به معاونت یا پس از بازگشت به دستگاه اصلاح می‌شود.")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidError("این اطلاعات قابل اصلاح نیست.")
    if "mobile" in changes:
        changes = {**changes, "mobile": as_typed(MobileField(), changes["mobile"])}
    merged = {f: changes.get(f, getattr(hire, f)) for f in EDITABLE_FIELDS}
    _check_person(job=hire.job, is_native=merged["is_native"], birth_date=merged["birth_date"])
    before = {f: getattr(hire, f) for f in changes if getattr(hire, f) != changes[f]}
    for field, value in changes.items():
        setattr(hire, field, value)
    hire.save(update_fields=list(changes) or None)
    audit_append(
        action="recruitment.hire.updated",
        actor=actor,
        case=hire.case,
        subject=hire,
        changes={f: {"from": before[f], "to": changes[f]} for f in before},
        ip=ip,
    )
    return hire


def ledger_count_approval(*, hire: Hire) -> dict:
    """Runs inside perform(): the ledger counts the national approval in the same transaction."""
    job = JobQuota.objects.select_for_update(no_key=True).get(pk=hire.job_id)
    job.approved += 1
    job.save(update_fields=["approved"])
    return {"employee_number": hire.employee_number, "approved": job.approved}


def clean_employee_number(value: str) -> str:
    # Persian digits are the same number, kept in Latin ones as the page keeps them; any other sign that
    # str.isdigit() takes for a digit (², ३) would be a second spelling of a number.
    number = to_latin_digits((value or "").strip())
    if not (
        number.isascii()
        and number.isdigit()
        and EMPLOYEE_NUMBER_MIN_DIGITS <= len(number) <= EMPLOYEE_NUMBER_MAX_DIGITS
    ):
        raise InvalidError(
            f"شماره مستخدم باید {to_persian_digits(EMPLOYEE_NUMBER_MIN_DIGITS)} "
            f"تا {to_persian_digits(EMPLOYEE_NUMBER_MAX_DIGITS)} رقم باشد."
        )
    return number


@transaction.atomic
def hire_finalize(*, actor: User, hire: Hire, employee_number: str, ip: str | None = None) -> Case:
    """Step 10: the national org's final approval with the employee number; the file closes."""
    require_may(
        actor, permissions.EMPLOYEE_NUMBER, "act", hire, "این کار با سازمان اداری و استخدامی کشور است."
    )
    number = clean_employee_number(employee_number)
    hire = Hire.objects.select_for_update(no_key=True).select_related("case").get(pk=hire.pk)
    if hire.case.state != "national":
        raise ConflictError("این پرونده در انتظار تأیید نهایی نیست.")
    if Hire.objects.filter(employee_number=number).exclude(pk=hire.pk).exists():
        raise InvalidError("این شماره مستخدم به فرد دیگری داده شده است.")
    hire.employee_number = number
    hire.save(update_fields=["employee_number"])
    return perform(hire.case, "approve", actor=actor, ip=ip)
