"""Cycles, indices and their publication to the agencies (seed rows 1–7).

A cycle is a record with a timeline of its own (`evaluation.cycle` in apps/evaluation/workflow.py, its
`phase`): it opens with the cycle and each of its steps is an action of that process, run by the workflow
core. The functions here are the pages' entry points and the steps' own work (`*_effect`).
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts.models import Organization, User
from apps.accounts.roles import OrgKind
from apps.audit.trail import audit_append
from apps.core import providers
from apps.core.checks import check_fields
from apps.core.digits import normalize_text, to_persian_digits
from apps.core.errors import ConflictError, InvalidError
from apps.core.jalali import format_date, format_year, on_the_calendar, today
from apps.core.uploads import validate_upload
from apps.notifications.services import notify_users
from apps.workflow.models import Case
from apps.workflow.services import case_open, record_open, record_perform

from ..models import (
    CircularAttachment,
    Cycle,
    CyclePhaseDate,
    Evaluation,
    EvidenceFile,
    Index,
    IndexScore,
    ScoreEntry,
)
from ..rules import (
    CYCLE_CALENDAR_DAYS,
    CYCLE_PROCESS_NAME,
    DEFAULT_BANDS,
    EVALUATION_PROCESS_NAME,
    index_score,
)
from .common import GROUP_ONLY, agency_people, as_number, history_add, require_may

# The calendar a new cycle starts with: (phase, share of the cycle's days).
CALENDAR_TEMPLATE = (
    ("ابلاغ شاخص‌ها و آموزش توجیهی", 10),
    ("خودارزیابی دستگاه‌ها", 25),
    ("بررسی سازمان و امتیازدهی تیم ارزیاب", 25),
    ("اعلام نتایج اولیه و رسیدگی به اعتراض‌ها", 10),
    ("تصویب شورا، سطح‌بندی و جشنواره", 10),
)


# Cycles and indices (seed rows 1–7).


@transaction.atomic
def cycle_create(
    *,
    actor: User,
    year: int,
    title: str,
    circular_number: str,
    circular_date: dt.date,
    self_assessment_deadline: dt.date,
    circular_file=None,
) -> Cycle:
    require_may(actor, "evaluation.cycle", "manage", message=GROUP_ONLY)
    # The cycle is the actor's province's: one a year in each.
    province_id = actor.organization.province_id if actor.organization_id else None
    if Cycle.objects.filter(province_id=province_id, year=year).exists():
        raise InvalidError("دوره ارزیابی این سال پیش‌تر تعریف شده است.")
    if self_assessment_deadline < circular_date:
        raise InvalidError("مهلت خودارزیابی نمی‌تواند پیش از تاریخ بخشنامه باشد.")
    if circular_file is not None:
        try:
            validate_upload(circular_file)
        except ValidationError as exc:
            raise InvalidError(exc.messages[0]) from exc

    def create(case: Case) -> Cycle:
        cycle = Cycle.objects.create(
            case=case,
            province_id=province_id,
            year=year,
            title=title.strip(),
            circular_number=circular_number.strip(),
            circular_date=circular_date,
            self_assessment_deadline=self_assessment_deadline,
            bands=list(DEFAULT_BANDS),
            **({"circular_file": circular_file} if circular_file else {}),
        )
        start = circular_date
        total = sum(share for _, share in CALENDAR_TEMPLATE)
        for label, share in CALENDAR_TEMPLATE:
            end = start + dt.timedelta(days=max(1, CYCLE_CALENDAR_DAYS * share // total) - 1)
            CyclePhaseDate.objects.create(cycle=cycle, title=label, starts_on=start, ends_on=end)
            start = end + dt.timedelta(days=1)
        return cycle

    # The cycle's timeline opens with it, at the Organization that defines it (the trail's
    # "evaluation.cycle.created").
    return record_open(
        process_name=CYCLE_PROCESS_NAME,
        owner=actor.organization,
        actor=actor,
        title=f"دوره ارزیابی عملکرد {format_year(year)}",
        create=create,
        changes={"year": year},
    )


def _check_phase_change(row: CyclePhaseDate, starts_on: dt.date, ends_on: dt.date, day: dt.date) -> None:
    """Refuses new dates for one phase that would rewrite what has already happened.

    The calendar is the timetable the circular announced to every agency. What has already happened
    is a record, not a plan: a phase that has ended keeps its dates and a phase under way keeps its
    start, so the calendar never claims a step ran on days it did not. The future can still be moved.
    """
    if (starts_on, ends_on) == (row.starts_on, row.ends_on):
        return
    if row.ends_on < day:
        raise ConflictError(f"مرحله «{row.title}» به پایان رسیده است و تاریخ‌های آن دیگر تغییر نمی‌کند.")
    if starts_on != row.starts_on:
        if row.starts_on <= day:
            raise ConflictError(f"مرحله «{row.title}» آغاز شده است و تاریخ آغاز آن دیگر تغییر نمی‌کند.")
        if starts_on < day:
            raise InvalidError(f"مرحله «{row.title}» نمی‌تواند در گذشته آغاز شود.")
    if ends_on < day:
        raise InvalidError(f"پایان مرحله «{row.title}» نمی‌تواند پیش از امروز باشد.")


def _check_deadline(cycle: Cycle, deadline: dt.date, day: dt.date) -> None:
    """Refuses a self-assessment deadline the window's own rules do not allow.

    This is the calendar's one date that governs a window (the workflow's submit guard reads it), so it
    follows that window's rules: once it has passed, a late agency is let back in one by one through
    evaluation_reopen(), never by moving the date for every agency at once; once the indices are out,
    agencies plan on the announced date, so it may be extended but never brought forward.
    """
    old = cycle.self_assessment_deadline
    if deadline < cycle.circular_date:
        raise InvalidError("مهلت خودارزیابی نمی‌تواند پیش از تاریخ بخشنامه باشد.")
    if old < day:
        raise ConflictError(
            "مهلت خودارزیابی این دوره به پایان رسیده است؛ برای ثبت دیرهنگام یک دستگاه، "
            "خودارزیابی همان دستگاه را بازگشایی کنید.",
        )
    if deadline < day:
        raise InvalidError("مهلت خودارزیابی نمی‌تواند پیش از امروز باشد.")
    if cycle.phase != Cycle.Phase.SETUP and deadline < old:
        raise ConflictError("شاخص‌ها ابلاغ شده‌اند؛ مهلت خودارزیابی از این پس فقط تمدید می‌شود.")


@transaction.atomic
def cycle_calendar_update(
    *,
    actor: User,
    cycle: Cycle,
    phases: dict[int, tuple[dt.date, dt.date]],
    self_assessment_deadline: dt.date | None = None,
) -> Cycle:
    """Moves the dates of the cycle's calendar: each phase's start and end, and the self-assessment deadline.

    `phases` maps a phase's id to its new (start, end); a phase left out keeps its dates. The objection
    deadline is not the calendar's to set: cycle_publish_initial() fixes it at publication, a set number
    of working days (OBJECTION_WINDOW_WORKING_DAYS), and an agency's right to object rests on that rule.
    """
    require_may(actor, "evaluation.cycle", "manage", cycle, message=GROUP_ONLY)
    cycle = Cycle.objects.select_for_update(no_key=True).get(pk=cycle.pk)
    if cycle.phase == Cycle.Phase.FINAL:
        raise ConflictError("نتایج نهایی این دوره تصویب شده و تقویم آن دیگر تغییر نمی‌کند.")
    rows = list(cycle.calendar.select_for_update(no_key=True).order_by("starts_on", "id"))
    if set(phases) - {row.pk for row in rows}:
        raise InvalidError("مرحله‌ای با این شناسه در تقویم این دوره نیست.")
    day = today()
    changes: dict = {}
    previous = None
    for row in rows:
        starts_on, ends_on = phases.get(row.pk, (row.starts_on, row.ends_on))
        if not (on_the_calendar(starts_on) and on_the_calendar(ends_on)):
            raise InvalidError(f"تاریخ‌های مرحله «{row.title}» درست نیست.")
        if ends_on < starts_on:
            raise InvalidError(f"پایان مرحله «{row.title}» نمی‌تواند پیش از آغاز آن باشد.")
        if previous is None and starts_on < cycle.circular_date:
            raise InvalidError("تقویم دوره نمی‌تواند پیش از تاریخ بخشنامه آغاز شود.")
        if previous is not None and starts_on <= previous[1]:
            raise InvalidError(
                f"مرحله‌ها باید به ترتیب باشند: «{row.title}» باید پس از پایان «{previous[0]}» آغاز شود."
            )
        _check_phase_change(row, starts_on, ends_on, day)
        if (starts_on, ends_on) != (row.starts_on, row.ends_on):
            changes[row.title] = {"from": [row.starts_on, row.ends_on], "to": [starts_on, ends_on]}
            row.starts_on, row.ends_on = starts_on, ends_on
            row.save(update_fields=["starts_on", "ends_on"])
        previous = (row.title, ends_on)
    extended = False
    if self_assessment_deadline is not None and self_assessment_deadline != cycle.self_assessment_deadline:
        if not on_the_calendar(self_assessment_deadline):
            raise InvalidError("مهلت خودارزیابی درست نیست.")
        _check_deadline(cycle, self_assessment_deadline, day)
        changes["self_assessment_deadline"] = {
            "from": cycle.self_assessment_deadline,
            "to": self_assessment_deadline,
        }
        extended = self_assessment_deadline > cycle.self_assessment_deadline
        cycle.self_assessment_deadline = self_assessment_deadline
        cycle.save(update_fields=["self_assessment_deadline"])
    if not changes:
        return cycle
    audit_append(action="evaluation.cycle.calendar_changed", actor=actor, subject=cycle, changes=changes)
    if extended and cycle.phase != Cycle.Phase.SETUP:
        # Agencies still self-assessing hear of the extension, as a single agency does of its reopening.
        for evaluation in cycle.evaluations.filter(case__state="self_assessment").select_related("case"):
            notify_users(
                users=agency_people(evaluation.organization_id),
                subject="تمدید مهلت خودارزیابی",
                body=f"مهلت خودارزیابی {cycle.title} تا {format_date(cycle.self_assessment_deadline)} تمدید شد.",
                case=evaluation.case,
            )
    return cycle


@transaction.atomic
def circular_attachment_add(*, actor: User, cycle: Cycle, title: str, file) -> CircularAttachment:
    """Adds one attachment to the cycle's circular, checked by its content and kept with its checksum."""
    require_may(actor, "evaluation.cycle", "manage", cycle, message=GROUP_ONLY)
    if not title.strip():
        raise InvalidError("عنوان پیوست را وارد کنید.")
    try:
        validate_upload(file)
    except ValidationError as exc:
        raise InvalidError(exc.messages[0]) from exc
    attachment = CircularAttachment(
        cycle=cycle, title=title.strip(), sha256=EvidenceFile.digest(file), uploaded_by=actor
    )
    attachment.file = file
    attachment.save()
    audit_append(
        action="evaluation.circular.attached",
        actor=actor,
        subject=cycle,
        changes={"title": attachment.title, "sha256": attachment.sha256},
    )
    return attachment


def _require_setup(cycle: Cycle) -> None:
    if cycle.phase != Cycle.Phase.SETUP:
        raise ConflictError("شاخص‌های این دوره ابلاغ شده و دیگر تغییر نمی‌کند.")


@transaction.atomic
def index_create(*, actor: User, cycle: Cycle, agency_ids: list[int] | None = None, **fields) -> Index:
    """Adds one index; general and specific ones come from the national org, development ones from the committee."""
    require_may(actor, "evaluation.index", "manage", message=GROUP_ONLY)
    _require_setup(cycle)
    for name in ("code", "title", "axis", "unit"):
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    # As the page's field keeps it: a code in Persian digits is the same code, not a second index.
    fields["code"] = normalize_text(fields["code"])
    if Index.objects.filter(cycle=cycle, code=fields["code"]).exists():
        raise InvalidError("شاخصی با این کد در این دوره هست.")
    if Decimal(fields["max_score"]) <= 0 or Decimal(fields.get("weight", 1)) <= 0:
        raise InvalidError("حداکثر امتیاز و وزن شاخص باید بیشتر از صفر باشد.")
    index = Index(cycle=cycle, **fields)
    check_fields(index, exclude=("cycle",))
    agencies = list(
        Organization.objects.filter(
            pk__in=set(agency_ids or ()), kind=OrgKind.AGENCY, province_id=cycle.province_id
        )
    )
    # An index with no agencies applies to every agency: an unknown id must not widen it to all of them.
    unknown = sorted(set(agency_ids or ()) - {a.pk for a in agencies})
    if unknown:
        ids = "، ".join(to_persian_digits(pk) for pk in unknown)
        raise InvalidError(f"دستگاه اجرایی با شناسه {ids} یافت نشد؛ شاخص ثبت نشد.")
    index.save()
    if agencies:
        index.agencies.set(agencies)
    audit_append(action="evaluation.index.created", actor=actor, subject=index, changes={"code": index.code})
    return index


@transaction.atomic
def cycle_approve_province_cut(*, actor: User, cycle: Cycle) -> int:
    """Seed row 2: the national org approves the province's cut of the specific indices."""
    require_may(
        actor,
        "evaluation.index",
        "act",
        message="برش استانی شاخص‌های اختصاصی را سازمان اداری و استخدامی کشور تأیید می‌کند.",
    )
    _require_setup(cycle)
    count = cycle.indices.filter(kind=Index.Kind.SPECIFIC).update(province_cut_approved=True)
    audit_append(
        action="evaluation.cycle.cut_approved", actor=actor, subject=cycle, changes={"indices": count}
    )
    return count


def _applicable(index: Index, agency_id: int, targeted: dict[int, set[int]]) -> bool:
    wanted = targeted.get(index.pk)
    return not wanted or agency_id in wanted


def _published_indices(cycle: Cycle) -> list[Index]:
    """The cycle's indices, once they may go out: at least one, and the specific ones' cut approved."""
    indices = list(cycle.indices.prefetch_related("agencies"))
    if not indices:
        raise InvalidError("هنوز شاخصی برای این دوره تعریف نشده است.")
    if any(i.kind == Index.Kind.SPECIFIC and not i.province_cut_approved for i in indices):
        raise InvalidError("برش استانی شاخص‌های اختصاصی هنوز تأیید نشده است.")
    return indices


def publish_indices_effect(case: Case, actor: User, reason: str) -> dict:
    """Seed rows 3 and 7 may happen once the indices are ready (the cycle's case is locked by now)."""
    _published_indices(case.evaluation_cycle)
    return {}


@transaction.atomic
def cycle_publish_indices(*, actor: User, cycle: Cycle) -> int:
    """Seed rows 3 and 7: the indices go to the agencies; each agency's evaluation case opens for self-assessment."""
    require_may(actor, "evaluation.index", "manage", message=GROUP_ONLY)
    _require_setup(cycle)
    opened: list[Evaluation] = []

    def open_evaluations(case: Case) -> dict:
        # The cycle's own province's agencies: another province evaluates its own in its own cycle. They are
        # the service's to choose (every active agency); the step's conditions are the process's effect.
        locked = case.evaluation_cycle
        indices = _published_indices(locked)
        targeted = {i.pk: {a.pk for a in i.agencies.all()} for i in indices}
        agencies = Organization.objects.filter(
            kind=OrgKind.AGENCY, is_active=True, province_id=locked.province_id
        ).order_by("code")
        for agency in agencies:
            opened.append(
                evaluation_open(actor=actor, cycle=locked, agency=agency, indices=indices, targeted=targeted)
            )
        return {"agencies": len(opened)}

    record_perform(cycle, "publish_indices", actor=actor, apply=open_evaluations)
    return len(opened)


def evaluation_open(
    *, actor: User, cycle: Cycle, agency: Organization, indices: list[Index], targeted: dict[int, set[int]]
) -> Evaluation:
    """Opens one agency's case with a row per applicable index, fed from the desk's own data where declared."""
    holder = {}

    def create_rows(case) -> dict:
        evaluation = Evaluation.objects.create(case=case, cycle=cycle, organization=agency)
        mine = [i for i in indices if _applicable(i, agency.pk, targeted)]
        IndexScore.objects.bulk_create([IndexScore(evaluation=evaluation, index=i) for i in mine])
        holder["evaluation"] = evaluation
        return {"cycle": cycle.year, "indices": len(mine)}

    case_open(
        process_name=EVALUATION_PROCESS_NAME,
        owner=agency,
        actor=actor,
        title=f"ارزیابی عملکرد {format_year(cycle.year)} — {agency.name}",
        apply=create_rows,
    )
    evaluation = holder["evaluation"]
    _feed_from_desk(evaluation=evaluation, actor=actor)
    return evaluation


def _feed_from_desk(*, evaluation: Evaluation, actor: User) -> None:
    """An index with a `source` takes the agency's actual figure from another service, as the self-assessment."""
    for score in evaluation.scores.select_related("index").exclude(index__source=""):
        index = score.index
        figures = providers.ask(index.source, evaluation.cycle.year, [evaluation.organization_id], default={})
        actual = figures.get(evaluation.organization_id)
        if actual is None or not index.standard:
            continue
        score.actual = as_number(actual, "داده")
        score.self_score = index_score(
            ceiling=index.max_score,
            standard=index.standard,
            actual=score.actual,
            increasing=index.direction == Index.Direction.INCREASING,
        )
        score.description = "از داده‌های میز خدمت"
        score.save(update_fields=["actual", "self_score", "description"])
        history_add(score, ScoreEntry.Stage.SELF, score.self_score, actor, "از داده‌های میز خدمت")
