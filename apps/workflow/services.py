"""The workflow core: the only code that opens, moves and closes a case."""

import hashlib
from collections.abc import Callable

from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from apps.accounts.models import Organization, OrgUnit, User, province_organization
from apps.accounts.permissions import absentees_of, may_as_any
from apps.accounts.roles import OrgKind
from apps.accounts.selectors import users_with_roles
from apps.audit.models import AuditEntry
from apps.audit.trail import audit_append
from apps.core import freshness
from apps.core.background import task_start
from apps.core.errors import ConflictError, ForbiddenError, InvalidError, NotFoundError, ServiceError
from apps.core.jalali import today
from apps.core.uploads import validate_upload
from apps.core.workdays import WorkCalendar
from apps.notifications.services import notify_users

from .actors import SystemActor, is_system
from .models import BulkJob, Case, CaseAttachment, StepRecord, tracking_code_new
from .process import Action, Children, Process, Side, Step, get_process, record_processes


def _acting_org(case: Case, step: Step) -> Organization | None:
    if step.final:
        return None
    return _side_org(case.owner, step.side)


def _side_org(owner: Organization, side: str) -> Organization | None:
    if side == Side.OWNER:
        return owner
    if side == Side.PROVINCE:
        # The Organization of the owner's province: each province's cases go to its own.
        return province_organization(owner.province_id)
    return Organization.objects.filter(kind=OrgKind.NATIONAL).order_by("id").first()


def _also_org_ids(owner: Organization, step: Step) -> set[int]:
    """The organizations of a step's further sides (`Step.also_sides`), whose people act there too."""
    return {org.pk for org in (_side_org(owner, side) for side in step.also_sides) if org is not None}


def _acting_unit(process: Process, step: Step, org: Organization | None) -> OrgUnit | None:
    if step.side != Side.PROVINCE or not process.unit or org is None:
        return None
    return OrgUnit.objects.filter(organization=org, code=process.unit).first()


# The fields a move writes (`_move`, `_point_at_step`, the last actor, the time of the change the tracking
# page shows); an effect writes its own rows, never the case's.
_MOVED_FIELDS = (
    "state",
    "updated_at",
    "last_actor",
    "current_org",
    "current_unit",
    "step_started_at",
    "due_date",
    "is_closed",
    "closed_at",
)


def _point_at_step(case: Case, step: Step) -> None:
    """Points the case at the organization (and group) that acts now and sets the step's due date."""
    now = timezone.now()
    case.current_org = _acting_org(case, step)
    case.current_unit = _acting_unit(case.process_def, step, case.current_org)
    case.step_started_at = now
    case.due_date = (
        WorkCalendar(province_id=case.owner.province_id).add_working_days(today(), step.allowance.days)
        if step.allowance and not step.final
        else None
    )
    case.is_closed = step.final
    case.closed_at = now if step.final else None


def _open_step_record(case: Case, step: Step) -> None:
    """The saved case's stay in its new step begins: the row service levels and reminders read."""
    if not step.final:
        StepRecord.objects.create(
            case=case,
            state=step.state,
            organization=case.current_org,
            started_at=case.step_started_at,
            due_date=case.due_date,
        )


NOT_YOURS = "شما مجاز به این اقدام روی این پرونده نیستید."
NOT_AUTOMATIC = "این اقدام را سامانه به‌طور خودکار انجام نمی‌دهد."
ONLY_FILER = "در این مرحله فقط ثبت‌کننده پرونده می‌تواند اقدام کند."
SEPARATE_DUTIES = (
    "این پرونده را خود شما ثبت کرده‌اید و در این مرحله ثبت‌کننده و رسیدگی‌کننده باید دو نفر باشند؛"
    " نمی‌توانید به جانشینی از همکارتان روی آن اقدام کنید."
)


def step_actors(case: Case) -> list[User]:
    """The people who may act on the case now (for messages and reminders)."""
    return list(_step_actors(case))


def _step_actors(case: Case) -> QuerySet[User]:
    if case.is_closed or case.current_org_id is None:
        return User.objects.none()
    step = case.step
    # In a group's step: the group's own staff, and those above the groups (deputy, head) who belong to none.
    users = users_with_roles(
        *step.actors, organization_ids=[case.current_org_id], unit_id=case.current_unit_id
    )
    if step.filer_only:
        users = users.filter(pk=case.created_by_id)
    return users


def act_refusal(user: User, case: Case, step: Step | None = None) -> str:
    """Why this user may not act on the case at its step now, or "" when they may: as themself, or as the
    substitute of an absent colleague the case waits on (never on a case they filed, where the step
    separates the two duties)."""
    step = step or case.step
    refusal = _own_refusal(user, case, step)
    if not refusal or acting_for(user, case, step) is None:
        return refusal
    if step.separate_duties and case.created_by_id == user.pk:
        return SEPARATE_DUTIES
    return ""


def acting_for(user: User, case: Case, step: Step | None = None) -> User | None:
    """The absent colleague whose work this case is today, when `user` may act on it only as their
    substitute; None when it is the person's own work, or nobody's they stand in for."""
    step = step or case.step
    if not _own_refusal(user, case, step):
        return None
    return next((a for a in absentees_of(user) if not _own_refusal(a, case, step)), None)


def _own_refusal(user: User, case: Case, step: Step) -> str:
    """Why the case at this step is not this person's own work now, or "" when it is."""
    if case.is_closed or not user.is_authenticated:
        return NOT_YOURS
    if user.organization_id != case.current_org_id:
        if not step.also_sides or user.organization_id not in _also_org_ids(case.owner, step):
            return NOT_YOURS
    elif case.current_unit_id and user.unit_id not in (None, case.current_unit_id):
        return NOT_YOURS
    if not user.has_role(*step.actors):
        return NOT_YOURS
    if step.filer_only and user.pk != case.created_by_id:
        return ONLY_FILER
    return ""


def can_act(user: User, case: Case, step: Step | None = None) -> bool:
    return not act_refusal(user, case, step)


def available_actions(user: User, case: Case) -> list[Action]:
    """The buttons this user sees on this case: every action of the step whose guard passes."""
    step = case.step
    if not can_act(user, case, step):
        return []
    return [
        a
        for a in step.actions
        if not a.by_parent and not a.desk_only and not (a.guard and a.guard(case, user))
    ]


def case_open(
    *,
    process_name: str,
    owner: Organization,
    actor: User,
    title: str,
    requester_mobile: str = "",
    ip: str | None = None,
    apply: Callable[[Case], dict | None] | None = None,
) -> Case:
    """Files a new case in its process's first step; `apply` creates the service's own rows."""
    process = get_process(process_name)
    # The Organization files for its own province's agencies only.
    for_own_province = actor.is_province_staff and actor.organization.province_id == owner.province_id
    # …or a further side of its first step opens it (the national body's notice of a province's round).
    from_also_side = actor.organization_id in _also_org_ids(owner, process.step(process.initial))
    if actor.organization_id != owner.id and not for_own_province and not from_also_side:
        raise ForbiddenError("شما نمی‌توانید برای دستگاه دیگری پرونده ثبت کنید.")
    with transaction.atomic():
        case = Case(
            tracking_code=tracking_code_new(owner),
            process=process.name,
            title=title,
            owner=owner,
            created_by=actor,
            requester_mobile=requester_mobile or actor.mobile,
        )
        first = process.step(process.initial)
        case._move(first.state)
        _point_at_step(case, first)
        case.save()
        _open_step_record(case, first)
        changes = apply(case) if apply else None
        if process.opening:
            _children_lock(process, case, process.opening)
        _record_follow(process, case)
        audit_append(
            action=f"{process.name}.{process.opened_event}",
            actor=actor,
            case=case,
            to_state=case.state,
            changes=changes or {"title": title},
            ip=ip,
            organization=actor.organization,
        )
        if process.opening:
            _children_move(process, case, process.opening, actor=actor, reason="", ip=ip)
        if not process.record:
            _notify_case_people(case, actor, f"پرونده {case.tracking_code} ثبت شد")
    return case


def perform(
    case: Case,
    action_name: str,
    *,
    actor: User | SystemActor,
    reason: str = "",
    ip: str | None = None,
    expected_state: str | None = None,
    apply: Callable[[Case], dict | None] | None = None,
) -> Case:
    """Moves a case by one action: lock, check, change, close and open steps, audit, message.

    `expected_state` is the state the user saw; when somebody acted first the second click is
    refused with a clear message instead of acting twice. `actor=SYSTEM` is the desk's own timer
    running an action its process declares `automatic`: it is audited as the desk, not as a person.
    An action that moves children (`Action.children`) moves them in the same transaction, each by
    its own process; an action only a parent moves (`Action.by_parent`) is refused here.
    """
    return _perform(
        case,
        action_name,
        actor=actor,
        reason=reason,
        ip=ip,
        expected_state=expected_state,
        apply=apply,
        by_parent=False,
    )


def _perform(
    case: Case,
    action_name: str,
    *,
    actor: User | SystemActor,
    reason: str,
    ip: str | None,
    expected_state: str | None,
    apply: Callable[[Case], dict | None] | None,
    by_parent: bool,
) -> Case:
    reason = (reason or "").strip()
    with transaction.atomic():
        # The last actor is read only to name them to a second click (`_last_mover`), and then on its own.
        locked = (
            Case.objects.select_for_update(no_key=True, of=("self",)).select_related("owner").get(pk=case.pk)
        )
        if expected_state and locked.state != expected_state:
            raise ConflictError(
                f"این پرونده هم‌اکنون توسط {_last_mover(locked)} اقدام شده است؛ صفحه را دوباره باز کنید."
            )
        process = locked.process_def
        step = process.step(locked.state)
        action = step.action(action_name)
        if locked.is_closed or action is None:
            raise ConflictError("این اقدام در وضعیت فعلی پرونده ممکن نیست.")
        if action.by_parent and not by_parent:
            raise ConflictError(action.by_parent)
        system = is_system(actor)
        if system and not action.automatic:
            raise ForbiddenError(NOT_AUTOMATIC)
        if action.desk_only and not system:
            raise ForbiddenError(action.desk_only)
        # The desk answers to the declaration, not to the roles and organizations people act within.
        refusal = "" if system else act_refusal(actor, locked, step)
        if refusal:
            raise ForbiddenError(refusal)
        on_behalf_of = None if system else acting_for(actor, locked, step)
        # A substitute acts with the absent person's rights on the absent person's case, not their own.
        if on_behalf_of is not None and not may_as_any(on_behalf_of, "act", locked):
            raise ForbiddenError(NOT_YOURS)
        if action.reason_required and not reason:
            raise InvalidError("برای این اقدام نوشتن دلیل الزامی است.")
        if action.guard:
            refusal = action.guard(locked, actor)
            if refusal:
                raise InvalidError(refusal)
        from_state = locked.state
        if action.children:
            # Locked before anything of the step is written: see `cases_lock`.
            _children_lock(process, locked, action.children)
        changes = dict(action.effect(locked, actor, reason) or {}) if action.effect else {}
        if apply:
            changes.update(apply(locked) or {})
        now = timezone.now()
        open_record = StepRecord.objects.filter(case=locked, finished_at__isnull=True).order_by("-id").first()
        if open_record is not None:
            # The case it hangs on is the one in hand: its agency (apps/core/freshness.py) is not read again.
            open_record.case = locked
            open_record.finished_at = now
            open_record.finished_by = None if system else actor
            open_record.on_behalf_of = on_behalf_of
            open_record.action = action.name
            open_record.on_time = open_record.due_date is None or today() <= open_record.due_date
            open_record.save(
                update_fields=["finished_at", "finished_by", "on_behalf_of", "action", "on_time"]
            )
        next_step = process.step(action.to)
        locked._move(next_step.state)
        locked.last_actor = None if system else actor
        _point_at_step(locked, next_step)
        # Only what a move changes: an UPDATE of every column costs its compilation on each act.
        locked.save(update_fields=_MOVED_FIELDS)
        # The database computes it; Django does not read it back after an update.
        locked.step_key = Case.step_key_of(process.name, locked.state)
        _open_step_record(locked, next_step)
        _record_follow(process, locked)
        if action.children:
            # The effect may have added children (a session topped up); they are locked too.
            _children_lock(process, locked, action.children)
        audit_append(
            action=f"{process.name}.{action.event or action.name}",
            actor=actor,
            case=locked,
            from_state=from_state,
            to_state=locked.state,
            reason=reason,
            changes=changes,
            ip=ip,
            on_behalf_of=on_behalf_of,
        )
        if action.children:
            _children_move(process, locked, action.children, actor=actor, reason=reason, ip=ip)
        if action.after:
            action.after(locked, actor, reason)
        if not process.record:
            summary = f"پرونده {locked.tracking_code}: {action.label}"
            if reason:
                summary += f" — دلیل: {reason}"
            _notify_case_people(locked, actor, summary, on_behalf_of=on_behalf_of)
    return locked


# Records' lifecycles (`Process.record`): a session, a round, a cycle… holds a case of its own process;
# the core moves the case and keeps the record's field equal to its state, and moves the children.


def _record_model(process: Process):
    return django_apps.get_model(process.record)


def _record_follow(process: Process, case: Case) -> None:
    """The record's field follows its case's state: written here and nowhere else."""
    if process.record:
        model = _record_model(process)
        # The record is its case's: an organization record's rows are its agencies' (apps/core/freshness.py).
        with freshness.rows_of(model, cases={case.pk}):
            model._default_manager.filter(case=case).update(**{process.record_field: case.state})


def _children_of(process: Process, case: Case, children: Children):
    record = _record_model(process)._default_manager.get(case=case)
    return children.of(record)


def _children_lock(process: Process, case: Case, children: Children) -> None:
    cases_lock(_children_of(process, case, children).values_list("pk", flat=True))


def _children_move(
    process: Process, case: Case, children: Children, *, actor, reason: str, ip: str | None
) -> None:
    # Read after the locks: a child that has just left (cancelled) is seen as such.
    for child in _children_of(process, case, children).order_by("pk"):
        if child.state in children.skip:
            continue
        for name in children.actions:
            child = _perform(
                child,
                name,
                actor=actor,
                reason=reason,
                ip=ip,
                expected_state=None,
                apply=None,
                by_parent=True,
            )


def record_open(
    *,
    process_name: str,
    owner: Organization,
    actor: User,
    title: str,
    create: Callable[[Case], object],
    ip: str | None = None,
    changes: dict | None = None,
):
    """Creates a record with its own case in its process's first step: `create(case)` saves the service's
    record (pointing at the case) and returns it; its lifecycle field is the core's from here on."""
    made = []

    def apply(case: Case) -> dict | None:
        made.append(create(case))
        return changes

    case = case_open(process_name=process_name, owner=owner, actor=actor, title=title, ip=ip, apply=apply)
    record = made[0]
    _refresh_state(get_process(process_name), record, case)
    return record


def record_perform(
    record,
    action_name: str,
    *,
    actor: User | SystemActor,
    reason: str = "",
    ip: str | None = None,
    expected_state: str | None = None,
    apply: Callable[[Case], dict | None] | None = None,
):
    """One action of a record's lifecycle, through `perform` on its case; returns the record as it is now."""
    if record.case_id is None:
        raise ConflictError("این رکورد پرونده‌ای در سامانه ندارد و از این راه جابه‌جا نمی‌شود.")
    case = perform(
        record.case,
        action_name,
        actor=actor,
        reason=reason,
        ip=ip,
        expected_state=expected_state,
        apply=apply,
    )
    _refresh_state(case.process_def, record, case)
    return record


def _refresh_state(process: Process, record, case: Case) -> None:
    setattr(record, process.record_field, case.state)
    record.case = case


def record_mark(
    record, action_name: str, *, actor: User, reason: str = "", ip: str | None = None, changes=None
):
    """One action of a record without a case of its own (`Process.parent`): its field moves by the declared
    action, in the transaction of the parent's case and by whom that case waits on now, with its trail
    entry; returns the record with the field as it is now."""
    process = next(
        p for p in record_processes() if p.parent and django_apps.get_model(p.record) is type(record)
    )
    model = type(record)
    with transaction.atomic():
        parent = process.parent(record)
        if parent.case_id is None:
            raise ConflictError("این رکورد پرونده‌ای در سامانه ندارد و از این راه جابه‌جا نمی‌شود.")
        # The parent's case first, as every move of it locks it: then the record's row.
        parent_case = (
            Case.objects.select_for_update(no_key=True, of=("self",))
            .select_related("owner")
            .get(pk=parent.case_id)
        )
        refusal = act_refusal(actor, parent_case)
        if refusal:
            raise ForbiddenError(refusal)
        locked = model._default_manager.select_for_update(no_key=True).get(pk=record.pk)
        from_state = getattr(locked, process.record_field)
        action = process.step(from_state).action(action_name)
        if action is None:
            raise ConflictError("این اقدام در وضعیت فعلی ممکن نیست.")
        if action.guard:
            refusal = action.guard(locked, actor)
            if refusal:
                raise InvalidError(refusal)
        model._default_manager.filter(pk=record.pk).update(**{process.record_field: action.to})
        audit_append(
            action=f"{process.name}.{action.event or action.name}",
            actor=actor,
            subject=locked,
            from_state=from_state,
            to_state=action.to,
            reason=reason,
            changes=changes or {},
            ip=ip,
        )
    setattr(record, process.record_field, action.to)
    return record


def record_actions(user: User, record) -> list[Action]:
    """The buttons of a record's page, from its process's declaration."""
    if record.case_id is None:
        return []
    return available_actions(user, record.case)


def _last_mover(case: Case) -> str:
    """Who moved the case last, for the refusal of a second click: a person, or the desk's own timer."""
    if case.last_actor is not None:
        return case.last_actor.get_full_name()
    # A case the desk moved has no last person; its trail names who did.
    name = (
        AuditEntry.objects.filter(case=case)
        .exclude(from_state="")
        .order_by("-id")
        .values_list("actor_name", flat=True)
        .first()
    )
    return name or "کاربر دیگری"


def _notify_case_people(
    case: Case, actor: User | SystemActor, text: str, *, on_behalf_of: User | None = None
) -> None:
    """Tells the people who hold the case's new step, and its filer, what was done.

    A person is not told of their own action, even when they hold the new step too, nor is the colleague
    they acted for (whose messages would come back to them). The desk (SYSTEM) is nobody to message and
    hides nobody: an escalation reaches the very people it sends the case to.
    """
    # Those who act now and the filer in one query (the filer whether or not they act, active or not).
    recipients = {u.pk: u for u in _step_actors(case) | User.objects.filter(pk=case.created_by_id)}
    if not is_system(actor):
        recipients.pop(actor.pk, None)
    if on_behalf_of is not None:
        recipients.pop(on_behalf_of.pk, None)
    sms_to = {}
    if case.process_def.sms_to_requester_mobile and case.requester_mobile:
        sms_to[case.created_by_id] = case.requester_mobile
    if recipients:
        notify_users(
            users=list(recipients.values()),
            subject=text,
            body=f"{case.title}\nوضعیت: {case.state_label}",
            case=case,
            sms_to=sms_to,
        )


def attachment_add(*, case: Case, actor: User, title: str, uploaded_file, ip: str | None = None):
    """Adds a checked file to a case the actor may see; audit-logged like every change."""
    if not Case.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise NotFoundError("پرونده یافت نشد.")
    try:
        kind = validate_upload(uploaded_file)
    except ValidationError as exc:
        raise InvalidError(exc.messages[0]) from exc
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    with transaction.atomic():
        attachment = CaseAttachment.objects.create(
            case=case,
            title=title or uploaded_file.name,
            file=uploaded_file,
            kind=kind,
            size=uploaded_file.size,
            sha256=digest.hexdigest(),
            uploaded_by=actor,
        )
        audit_append(
            action="workflow.attachment.added",
            actor=actor,
            case=case,
            subject=attachment,
            changes={"title": attachment.title, "sha256": attachment.sha256},
            ip=ip,
        )
    return attachment


def bulk_start(*, actor: User, action_name: str, case_ids: list[int], reason: str = "") -> BulkJob:
    """Queues one action over many cases; the job runs in the background and reports progress."""
    ids = sorted(set(case_ids))
    if not ids:
        raise InvalidError("هیچ پرونده‌ای انتخاب نشده است.")
    visible = set(Case.objects.visible_to(actor).filter(pk__in=ids).values_list("pk", flat=True))
    if visible != set(ids):
        raise NotFoundError("برخی از پرونده‌های انتخاب‌شده یافت نشد.")
    # Seeing a case is not leave to move it with others: the table's "bulk" of each case's service.
    bulkable = Case.objects.visible_to(actor, action="bulk").filter(pk__in=ids).values_list("pk", flat=True)
    if set(bulkable) != set(ids):
        raise ForbiddenError("اقدام گروهی بر برخی از پرونده‌های انتخاب‌شده برای شما مجاز نیست.")
    job = BulkJob.objects.create(
        user=actor, action=action_name, reason=reason.strip(), case_ids=ids, total=len(ids)
    )
    if len(ids) <= settings.KHEDMAT_BULK_INLINE_LIMIT:
        bulk_run(job_id=job.pk)
    else:
        transaction.on_commit(lambda: task_start("apps.workflow.tasks.bulk_run_task", job.pk))
    job.refresh_from_db()
    return job


def cases_lock(case_ids) -> None:
    """Locks the cases one step moves together, in id order, before the first of them writes to the audit
    trail: a case locked after the trail's head is taken could be held by someone waiting for that head."""
    list(Case.objects.select_for_update(no_key=True).filter(pk__in=case_ids).order_by("pk").values_list("pk"))


def bulk_run(*, job_id: int) -> BulkJob:
    """Applies a bulk job's action case by case; each case commits or fails on its own."""
    job = BulkJob.objects.select_related("user__organization").get(pk=job_id)
    if job.status == BulkJob.Status.DONE:
        return job
    BulkJob.objects.filter(pk=job.pk).update(status=BulkJob.Status.RUNNING)
    # Cases go in id order and `done` counts them, so a restarted job resumes where it stopped.
    for case in Case.objects.filter(pk__in=job.case_ids).order_by("pk")[job.done :]:
        try:
            perform(case, job.action, actor=job.user, reason=job.reason)
            job.succeeded += 1
        except ServiceError as exc:
            job.errors.append({"case": case.pk, "tracking_code": case.tracking_code, "error": exc.message})
        job.done += 1
        BulkJob.objects.filter(pk=job.pk).update(done=job.done, succeeded=job.succeeded, errors=job.errors)
    BulkJob.objects.filter(pk=job.pk).update(status=BulkJob.Status.DONE, finished_at=timezone.now())
    job.refresh_from_db()
    return job
