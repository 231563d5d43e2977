"""Steps 1, 2, 4, 6 and 7 of seed 000: the round, its quota ledger, venues, exam reports, interviews.

A round is a record with a lifecycle of its own (`recruitment.round` in apps/recruitment/workflow.py): the
workflow core opens its case and alone moves its stage. Each service here does its step's work and then
moves the round by that step's declared action (`round_step_done`)."""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Organization, Province, User, province_organization
from apps.accounts.roles import OrgKind
from apps.core.checks import check_fields
from apps.core.digits import normalize_text, to_persian_digits
from apps.core.errors import ConflictError, ForbiddenError, InvalidError
from apps.core.jalali import today
from apps.core.spreadsheets import rows_insert
from apps.core.uploads import validate_upload
from apps.workflow.models import Case
from apps.workflow.services import record_mark, record_open

from .. import permissions
from ..models import (
    Candidate,
    ExamReport,
    InterviewPanel,
    JobQuota,
    Round,
    RoundDocument,
    Supervisor,
    Venue,
)
from ..rules import (
    HIRE_BASE_DOCUMENTS,
    INTERVIEW_MAX_SCORE,
    INTERVIEW_PASS_SCORE,
    ROUND_DOCUMENTS_MAX,
    ROUND_PROCESS_NAME,
)
from .common import (
    agency_registrars,
    deputy_staff,
    national_officers,
    record,
    require_may,
    require_open,
    round_locked,
    round_step_done,
    tell,
)


def _round_url(round_: Round) -> str:
    return reverse("recruitment:round_detail", kwargs={"pk": round_.pk})


TITLE_MAX = RoundDocument._meta.get_field("title").max_length


def _document_titles(titles) -> list[str]:
    """The round's extra documents as people typed them: trimmed, blank lines and repeats dropped."""
    clean = []
    for title in titles or ():
        title = normalize_text(str(title))
        if title and title not in clean and title not in HIRE_BASE_DOCUMENTS.values():
            clean.append(title)
    if len(clean) > ROUND_DOCUMENTS_MAX:
        raise InvalidError(f"مدارک لازم دوره دست‌بالا {to_persian_digits(ROUND_DOCUMENTS_MAX)} مورد است.")
    if any(len(t) > TITLE_MAX for t in clean):
        raise InvalidError(f"عنوان هر مدرک دست‌بالا {to_persian_digits(TITLE_MAX)} نویسه است.")
    return clean


@transaction.atomic
def round_create(
    *, actor: User, province: Province, code: str, title: str, extra_documents=(), ip: str | None = None
) -> Round:
    """Step 1: the national org's notice of a province's round; its quotas are then entered or imported.

    `extra_documents` are what the round asks of every hire file beyond the degree and the national card;
    they are set here, with the round, so every file of the round is held to the same list.
    """
    require_may(actor, permissions.ROUND, "create")
    code, title = (code or "").strip(), (title or "").strip()
    if not code or not title:
        raise InvalidError("کد و عنوان دوره را وارد کنید.")
    documents = _document_titles(extra_documents)
    if province is None:
        raise InvalidError("استان دوره را انتخاب کنید.")
    if actor.organization_id and actor.organization.province_id not in (None, province.pk):
        raise ForbiddenError("دوره جذب استان دیگری را نمی‌توانید ثبت کنید.")
    if Round.objects.filter(province=province, code=code).exists():
        raise InvalidError("دوره‌ای با این کد پیش‌تر ثبت شده است.")
    # The round is its province Organization's, whichever side of the notice entered it; a province whose
    # Organization is not on the desk yet keeps it with the national body that notified it.
    owner = province_organization(province.pk) or actor.organization

    def create(case: Case) -> Round:
        round_ = Round.objects.create(case=case, province=province, code=code, title=title)
        RoundDocument.objects.bulk_create(RoundDocument(round=round_, title=t) for t in documents)
        return round_

    return record_open(
        process_name=ROUND_PROCESS_NAME,
        owner=owner,
        actor=actor,
        title=f"دوره جذب «{title}»",
        create=create,
        ip=ip,
        changes={"province": province.code, "code": code, "title": title, "documents": documents},
    )


@transaction.atomic
def job_quota_rows_add(*, actor: User, round_: Round, rows: list[dict]) -> int:
    """Adds job-locations to the ledger (one by one from the form, in bulk from the import)."""
    require_may(actor, permissions.LEDGER, "create", round_)
    round_ = round_locked(round_.pk)
    require_open(round_)
    if round_.reached(Round.Stage.REGISTRATION):
        raise ConflictError("پس از آغاز ثبت اطلاعات پذیرفته‌شدگان، شغل محل تازه افزوده نمی‌شود.")
    # A round's job-locations are in its province's agencies.
    agencies = {
        o.code: o for o in Organization.objects.filter(kind=OrgKind.AGENCY, province_id=round_.province_id)
    }
    quotas = []
    for row in rows:
        # As the page's fields keep them: a code in Persian digits is the same code, not a second one.
        agency = agencies.get(normalize_text(str(row["agency_code"])))
        if agency is None:
            raise InvalidError(f"دستگاهی با کد {row['agency_code']} نیست.")
        if row["posts"] < 1:
            raise InvalidError("سهمیه هر شغل محل دست‌کم یک نفر است.")
        quota = JobQuota(
            round=round_,
            agency=agency,
            job_code=normalize_text(str(row["job_code"])),
            job_title=normalize_text(str(row["job_title"])),
            city=normalize_text(str(row["city"])),
            posts=row["posts"],
            natives_only=bool(row.get("natives_only")),
        )
        check_fields(quota, exclude=("round", "agency"))
        quotas.append(quota)
    try:
        with transaction.atomic():
            JobQuota.objects.bulk_create(quotas)
    except IntegrityError as exc:
        raise InvalidError("کد شغل محل در این دوره تکراری است.") from exc
    record(
        "quota.added",
        actor=actor,
        subject=round_,
        changes={"rows": len(quotas), "posts": sum(q.posts for q in quotas)},
    )
    return len(quotas)


@transaction.atomic
def job_quota_add(*, actor: User, round_: Round, **row) -> JobQuota:
    job_quota_rows_add(actor=actor, round_=round_, rows=[row])
    return JobQuota.objects.get(round=round_, job_code=normalize_text(str(row["job_code"])))


@transaction.atomic
def round_announce(*, actor: User, round_: Round, exam_date: dt.date, supervisors_requested: int) -> Round:
    """Step 2: the exam's date and the national org's request for supervisors."""
    require_may(actor, permissions.ROUND, "edit", round_)
    round_ = round_locked(round_.pk)
    require_open(round_)
    if round_.reached(Round.Stage.REPORTED):
        raise ConflictError("آزمون این دوره برگزار شده است.")
    if supervisors_requested < 1:
        raise InvalidError("تعداد ناظران درخواستی را وارد کنید.")
    round_.exam_date = exam_date
    round_.supervisors_requested = supervisors_requested
    round_.save(update_fields=["exam_date", "supervisors_requested"])
    round_ = round_step_done(round_=round_, action="announce", actor=actor)
    record(
        "round.announced",
        actor=actor,
        subject=round_,
        changes={"exam_date": exam_date, "supervisors_requested": supervisors_requested},
    )
    tell(
        deputy_staff(round_.province_id),
        f"درخواست معرفی ناظر برای آزمون {round_.title}",
        f"تعداد ناظران درخواستی: {to_persian_digits(supervisors_requested)}",
        _round_url(round_),
    )
    return round_


@transaction.atomic
def venue_add(*, actor: User, round_: Round, name: str, address: str, capacity: int) -> Venue:
    require_may(actor, permissions.EXAM, "create", round_)
    round_ = round_locked(round_.pk)
    require_open(round_)
    if round_.reached(Round.Stage.REPORTED):
        raise ConflictError("آزمون این دوره برگزار شده است.")
    if not name.strip() or not address.strip() or capacity < 1:
        raise InvalidError("نام، نشانی و ظرفیت حوزه را کامل وارد کنید.")
    venue = Venue.objects.create(round=round_, name=name.strip(), address=address.strip(), capacity=capacity)
    record("venue.added", actor=actor, subject=venue, changes={"name": venue.name, "capacity": capacity})
    return venue


def can_file_report(user: User, venue: Venue) -> bool:
    """The venue's own supervisors file its report; the Deputy's staff may file it for them."""
    return permissions.may(user, permissions.VENUE, "act", venue)


@transaction.atomic
def exam_report_file(
    *, actor: User, venue: Venue, present: int, absent: int, incidents: str = "", forms_file=None
) -> ExamReport:
    """Step 4: a venue's report (attendance, incidents, forms); filed once, until sent."""
    venue = Venue.objects.select_for_update(no_key=True).select_related("round").get(pk=venue.pk)
    require_may(actor, permissions.VENUE, "act", venue, "فقط ناظران همین حوزه گزارش آن را ثبت می‌کنند.")
    if venue.round.exam_date is None or venue.round.exam_date > today():
        raise InvalidError("گزارش پس از برگزاری آزمون ثبت می‌شود.")
    if present + absent > venue.capacity:
        raise InvalidError("جمع حاضران و غایبان از ظرفیت حوزه بیشتر است.")
    if forms_file is not None:
        try:
            validate_upload(forms_file)
        except ValidationError as exc:
            raise InvalidError(exc.messages[0]) from exc
    report = ExamReport.objects.filter(venue=venue).first()
    if report is not None and report.sent_at:
        raise ConflictError("گزارش این حوزه ارسال شده و دیگر تغییر نمی‌کند.")
    report = report or ExamReport(venue=venue)
    report.present, report.absent, report.incidents, report.filed_by = (
        present,
        absent,
        incidents.strip(),
        actor,
    )
    if forms_file is not None:
        report.forms_file = forms_file
    report.save()
    record("report.filed", actor=actor, subject=report, changes={"present": present, "absent": absent})
    return report


@transaction.atomic
def round_reports_send(*, actor: User, round_: Round) -> int:
    """Step 4: the Deputy sends every venue's report to the national org."""
    require_may(actor, permissions.EXAM, "act", round_)
    round_ = round_locked(round_.pk)
    require_open(round_)
    venues = list(round_.venues.select_related("report"))
    missing = [v.name for v in venues if not hasattr(v, "report")]
    if not venues or missing:
        raise InvalidError("گزارش این حوزه‌ها هنوز ثبت نشده است: " + "، ".join(missing or ["(حوزه‌ای نیست)"]))
    sent = ExamReport.objects.filter(venue__round=round_, sent_at__isnull=True).update(sent_at=timezone.now())
    round_ = round_step_done(round_=round_, action="send_reports", actor=actor)
    record("report.sent", actor=actor, subject=round_, changes={"venues": len(venues)})
    tell(
        national_officers(),
        f"گزارش‌های آزمون {round_.title} ارسال شد",
        f"{to_persian_digits(len(venues))} حوزه",
        _round_url(round_),
    )
    return sent


# The Candidate columns the results publish writes (the others take their defaults), named once:
# bench/import_bench.py COPYs the same columns as the yardstick the import is measured against.
RESULT_FIELDS = ["round_id", "job_id", "national_id", "first_name", "last_name", "exam_score", "quota_type"]


def result_values(round_id: int, job_id: int, row: dict) -> tuple:
    """One published result as the values of RESULT_FIELDS, in their order."""
    return (
        round_id,
        job_id,
        row["national_id"],
        row["first_name"],
        row["last_name"],
        row["exam_score"],
        row["quota_type"],
    )


@transaction.atomic
def results_publish(*, actor: User, round_: Round, rows: Iterable[dict]) -> int:
    """Step 5: the initially accepted list (called by the import inside its transaction).

    `rows` may be the import's rows as they are read: they are written as they come, in one pass."""
    require_may(actor, permissions.RESULTS, "bulk", round_, "این کار با سازمان اداری و استخدامی کشور است.")
    round_ = round_locked(round_.pk)
    require_open(round_)
    if not round_.reached(Round.Stage.ANNOUNCED) or round_.reached(Round.Stage.REGISTRATION):
        raise ConflictError("نتایج پس از اعلام آزمون و پیش از آغاز ثبت اطلاعات وارد می‌شود.")
    jobs = {j.job_code: j for j in round_.quotas.all()}
    agency_ids = set()

    def values():
        for row in rows:
            job = jobs[row["job_code"]]
            agency_ids.add(job.agency_id)
            yield result_values(round_.pk, job.pk, row)

    written = rows_insert(Candidate, RESULT_FIELDS, values())
    round_ = round_step_done(round_=round_, action="publish_results", actor=actor)
    record("results.published", actor=actor, subject=round_, changes={"rows": written})
    subject = f"نتایج آزمون {round_.title} و فهرست پذیرفته‌شدگان اولیه اعلام شد"
    tell(
        deputy_staff(round_.province_id) + agency_registrars(agency_ids),
        subject,
        f"{to_persian_digits(written)} نفر",
        _round_url(round_),
    )
    return written


@transaction.atomic
def panel_create(
    *, actor: User, round_: Round, title: str, date: dt.date, place: str, supervisor: Supervisor
) -> InterviewPanel:
    """Step 6: an interview panel with its time, place and supervisor."""
    require_may(actor, permissions.INTERVIEWS, "create", round_)
    round_ = round_locked(round_.pk)
    require_open(round_)
    if not round_.reached(Round.Stage.RESULTS):
        raise ConflictError("مصاحبه پس از اعلام نتایج آزمون برگزار می‌شود.")
    if not title.strip() or not place.strip():
        raise InvalidError("عنوان و محل هیئت مصاحبه را وارد کنید.")
    panel = InterviewPanel.objects.create(
        round=round_, title=title.strip(), date=date, place=place.strip(), supervisor=supervisor
    )
    round_step_done(round_=round_, action="open_interviews", actor=actor)
    record("panel.created", actor=actor, subject=panel, changes={"title": panel.title, "date": date})
    return panel


@transaction.atomic
def candidate_interview_record(
    *, actor: User, candidate: Candidate, panel: InterviewPanel, score: int, minutes: str
) -> Candidate:
    """Step 6: one candidate's score and minutes; the pass mark decides the final accepted list."""
    require_may(actor, permissions.CANDIDATE, "act", candidate)
    candidate = Candidate.objects.select_for_update(no_key=True).select_related("round").get(pk=candidate.pk)
    require_open(candidate.round)
    if panel.round_id != candidate.round_id:
        raise InvalidError("هیئت مصاحبه از دوره دیگری است.")
    if candidate.round.reached(Round.Stage.REGISTRATION):
        raise ConflictError("ثبت اطلاعات پذیرفته‌شدگان آغاز شده و نتیجه مصاحبه دیگر تغییر نمی‌کند.")
    if not 0 <= score <= INTERVIEW_MAX_SCORE:
        raise InvalidError(f"نمره مصاحبه باید بین ۰ تا {to_persian_digits(INTERVIEW_MAX_SCORE)} باشد.")
    if not minutes.strip():
        raise InvalidError("صورت‌جلسه مصاحبه را بنویسید.")
    candidate.panel = panel
    candidate.interview_score = score
    candidate.interview_minutes = minutes.strip()
    candidate.save(update_fields=["panel", "interview_score", "interview_minutes"])
    # The pass mark decides; the status is the workflow core's to write (recruitment.candidate).
    outcome = "pass" if score >= INTERVIEW_PASS_SCORE else "fail"
    return record_mark(candidate, outcome, actor=actor, changes={"score": score})


@transaction.atomic
def quota_allocate(*, actor: User, quota: JobQuota, allocated: int) -> JobQuota:
    """Step 7: the Deputy opens seats of a job-location to its agency for registration."""
    require_may(actor, permissions.QUOTA, "edit", quota)
    quota = JobQuota.objects.select_for_update(no_key=True).select_related("round").get(pk=quota.pk)
    require_open(quota.round)
    if not quota.round.reached(Round.Stage.RESULTS):
        raise ConflictError("سهمیه پس از اعلام نتایج آزمون تخصیص داده می‌شود.")
    if allocated < 0:
        raise InvalidError("تعداد تخصیص نمی‌تواند منفی باشد.")
    if allocated > quota.posts:
        raise InvalidError(f"تخصیص از سهمیه ابلاغی این شغل محل ({to_persian_digits(quota.posts)}) بیشتر است.")
    if allocated < quota.registered:
        raise InvalidError(
            f"برای این شغل محل {to_persian_digits(quota.registered)} نفر ثبت شده‌اند؛ تخصیص از آن کمتر نمی‌شود."
        )
    previous = quota.allocated
    quota.allocated = allocated
    quota.save(update_fields=["allocated"])
    round_step_done(round_=quota.round, action="allocate", actor=actor)
    record("quota.allocated", actor=actor, subject=quota, changes={"from": previous, "to": allocated})
    tell(
        agency_registrars([quota.agency_id]),
        f"سهمیه ثبت پذیرفته‌شدگان «{quota.job_title}» تخصیص یافت",
        f"{to_persian_digits(allocated)} نفر — {quota.city}",
        _round_url(quota.round),
    )
    return quota


@transaction.atomic
def round_close(*, actor: User, round_: Round) -> Round:
    """The round closes when every hire file has closed."""
    require_may(actor, permissions.ROUND, "act", round_)
    round_ = round_locked(round_.pk)
    require_open(round_)
    open_files = round_.hires.filter(case__is_closed=False).count()
    if open_files:
        raise ConflictError(f"{to_persian_digits(open_files)} پرونده استخدام این دوره هنوز باز است.")
    return round_step_done(round_=round_, action="close", actor=actor)
