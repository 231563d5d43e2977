"""Province-scale data in bulk inserts: 75 agencies, their people, and cases in every state of each process.

Run on a fresh database (it adds, it does not replace), from the project root:

    .venv/bin/python -m bench.generate [--scale 1] [--provinces 31] [--agencies 75] [--only platform,training]

The organizations and people come first (from the demo's own builder, so the demo logins work); then one
generator per module of `bench/services/` (the platform's, then each service's). A service's module adds
its own:

    @generator("training")
    def training(ctx: Context) -> int:
        for agency in ctx.agencies:
            cases = ctx.cases("training.request", owner=agency, count=ctx.share(20_000))  # every state
            Learner.objects.bulk_create(...)        # its own rows, ctx.share(100_000) of them per agency
        return rows_written

`--scale 1` writes the province figures of issue 8 (150,000 candidates, 100,000 enrolments, …) spread
over the agencies; `ctx.share(total)` is one agency's part of such a total at the run's scale.
`--provinces 31` writes the nation's volume on one desk: 31 provinces, each with its own Province row,
Organization and staff, rounds, courses and cycles, and the 75 agencies (codes suffixed by the province's
number after the first), each agency with the same share, so every total is 31 × the province's.

Cases are written as `perform()` would have left them (state, acting organization and group, due date,
one step record per stay, the audit chain continued with correct hashes), but in a few bulk statements.
"""

import argparse
import datetime as dt
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.djangosetup import setup

FIVE_YEARS = dt.timedelta(days=5 * 365)
# Open cases were filed within the last month: older ones would all be long overdue.
OPEN_WINDOW = dt.timedelta(days=30)
BATCH = 2000

GENERATORS: dict[str, Callable] = {}


def generator(name: str):
    """Registers a service's generator; they run in registration order after the platform's."""

    def register(function):
        GENERATORS[name] = function
        return function

    return register


def state_paths(process) -> dict[str, list]:
    """For each state, the shortest list of actions from the initial state that reaches it."""
    paths = {process.initial: []}
    queue = deque([process.initial])
    while queue:
        state = queue.popleft()
        for action in process.step(state).actions:
            if action.to not in paths:
                paths[action.to] = [*paths[state], action]
                queue.append(action.to)
    return paths


@dataclass
class Context:
    world: object
    agencies: list
    cases_per_agency: int
    now: dt.datetime
    scale: float = 1.0
    provinces: int = 1
    counter: int = 0
    _units: dict = field(default_factory=dict)

    def share(self, province_total: int) -> int:
        """One agency's part of a province-wide figure (at least one row, so every agency has data)."""
        return max(1, round(province_total * self.scale / (len(self.agencies) / self.provinces)))

    def person(self, step, owner):
        """Someone who acts at the step, as the demo's roles give them out."""
        from apps.accounts.roles import Role
        from apps.workflow.process import Side

        if step.side == Side.OWNER:
            people = self.world.agency_users[owner.id]
        elif step.side == Side.NATIONAL:
            people = self.world.national_staff
        else:
            people = self.world.org_staff
        role = next((r for r in step.actors if r in people), None)
        return people[role] if role else self.world.agency_users[owner.id][Role.AGENCY_OFFICER]

    def acting_org(self, step, owner):
        from apps.workflow.process import Side

        if step.final:
            return None
        return {Side.OWNER: owner, Side.NATIONAL: self.world.national}.get(step.side, self.world.province)

    def acting_unit(self, process, step):
        from apps.accounts.models import OrgUnit
        from apps.workflow.process import Side

        if step.final or step.side != Side.PROVINCE or not process.unit:
            return None
        if process.unit not in self._units:
            self._units[process.unit] = OrgUnit.objects.get(
                organization=self.world.province, code=process.unit
            )
        return self._units[process.unit]

    def record_cases(self, process_name: str, records: list, *, owner, creator, title) -> None:
        """Gives each unsaved record of a lifecycle (`Process.record`: a session, a round, a cycle…) its case,
        at the step its field names, in bulk: the rows the workflow core would have opened and moved."""
        from apps.workflow.models import Case
        from apps.workflow.process import get_process

        process = get_process(process_name)
        cases = []
        for record in records:
            step = process.step(getattr(record, process.record_field))
            self.counter += 1
            cases.append(
                Case(
                    tracking_code=_tracking_code(self.counter),
                    process=process.name,
                    title=title(record),
                    owner=owner,
                    # bulk_create skips Case.save(), which copies it when a case is opened one at a time.
                    province_id=owner.province_id,
                    created_by=creator,
                    current_org=self.acting_org(step, owner),
                    current_unit=self.acting_unit(process, step),
                    step_started_at=self.now,
                    is_closed=step.final,
                    closed_at=self.now if step.final else None,
                    state=step.state,
                )
            )
        Case.objects.bulk_create(cases, batch_size=BATCH)
        for record, case in zip(records, cases, strict=True):
            record.case = case

    def cases(self, process_name: str, *, owner, count: int, title: str = "", states=None) -> list:
        """`count` cases of the process owned by `owner`, spread evenly over every state (or over `states`
        only, for a service whose rows fix the step a case is at); returns them saved."""
        return _bulk_cases(self, process_name, owner=owner, count=count, title=title, states=states)


def _tracking_code(n: int) -> str:
    # Counting up from 9000000000: generated codes never meet each other (case_open's random ones are
    # spread over all ten-digit numbers, so a clash with a later one is as unlikely as between two of those).
    return str(9 * 10**9 + n)


def _last_generated_number() -> int:
    """Where the tracking-code counter stopped, so a second run adds to the first."""
    from django.db.models import Max

    from apps.workflow.models import Case

    last = Case.objects.filter(tracking_code__gte=_tracking_code(0)).aggregate(last=Max("tracking_code"))[
        "last"
    ]
    return int(last) - 9 * 10**9 if last else 0


def _bulk_cases(ctx: Context, process_name: str, *, owner, count: int, title: str, states=None) -> list:
    from apps.accounts.roles import Role
    from apps.core.workdays import WorkCalendar
    from apps.workflow.models import Case, StepRecord
    from apps.workflow.process import get_process

    process = get_process(process_name)
    paths = state_paths(process)
    states = list(states or paths)
    calendar = WorkCalendar(holidays=set())
    creator = ctx.world.agency_users[owner.id][Role.AGENCY_OFFICER]
    cases, histories = [], []
    for i in range(count):
        state = states[i % len(states)]
        path = paths[state]
        final = process.step(state).final
        # Closed cases spread over five years; open ones over the last month.
        window = FIVE_YEARS if final else OPEN_WINDOW
        opened = ctx.now - window + window * (i + 0.5) / count
        history, at, current = [], opened, process.step(process.initial)
        for action in path:
            finished = at + dt.timedelta(hours=20)
            history.append((current, action, at, finished, ctx.person(current, owner)))
            at, current = finished, process.step(action.to)
        acting = ctx.acting_org(current, owner)
        due = (
            calendar.add_working_days(at.date(), current.allowance.days)
            if current.allowance and not final
            else None
        )
        ctx.counter += 1
        case = Case(
            tracking_code=_tracking_code(ctx.counter),
            process=process.name,
            title=f"{title or process.label} {ctx.counter}",
            owner=owner,
            province_id=owner.province_id,  # as in record_cases: bulk_create skips Case.save()
            created_by=creator,
            requester_mobile=creator.mobile,
            current_org=acting,
            current_unit=ctx.acting_unit(process, current),
            due_date=due,
            step_started_at=at,
            last_actor=history[-1][4] if history else None,
            is_closed=final,
            closed_at=at if final else None,
            state=current.state,
        )
        cases.append(case)
        histories.append((opened, history, current, at, due, acting))
    Case.objects.bulk_create(cases, batch_size=BATCH)
    _set_created_at(cases, [opened for opened, *_rest in histories])
    records = []
    for case, (_opened, history, current, at, due, acting) in zip(cases, histories, strict=True):
        for step, action, started, finished, actor in history:
            records.append(
                StepRecord(
                    case=case,
                    state=step.state,
                    organization=ctx.acting_org(step, owner),
                    started_at=started,
                    finished_at=finished,
                    finished_by=actor,
                    action=action.name,
                    on_time=True,
                )
            )
        if not current.final:
            records.append(
                StepRecord(case=case, state=current.state, organization=acting, started_at=at, due_date=due)
            )
    StepRecord.objects.bulk_create(records, batch_size=BATCH)
    _bulk_audit(process, cases, histories, creator)
    return cases


def _set_created_at(cases, dates) -> None:
    """created_at is auto_now_add, which bulk_create fills with now(): the real dates go in afterwards,
    one UPDATE … FROM (VALUES …) per batch (bulk_update's CASE per row is 20× slower at this size)."""
    from django.db import connection

    from apps.workflow.models import Case

    table = Case._meta.db_table
    for start in range(0, len(cases), BATCH):
        batch = list(zip(cases[start : start + BATCH], dates[start : start + BATCH], strict=True))
        values = ", ".join(["(%s, %s)"] * len(batch))
        params = [p for case, at in batch for p in (case.pk, connection.ops.adapt_datetimefield_value(at))]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET created_at = v.column2 FROM (VALUES {values}) AS v WHERE {table}.id = v.column1",
                params,
            )
        for case, at in batch:
            case.created_at = at


def _bulk_audit(process, cases, histories, creator) -> None:
    """The audit rows each case would have: opened, then one per action, continuing the hash chain."""
    from django.db import transaction

    from apps.audit.models import AuditChainHead, AuditEntry
    from apps.audit.trail import GENESIS, entry_hash

    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS}
        )
        prev, entries = head.last_hash, []
        for case, (opened, history, *_rest) in zip(cases, histories, strict=True):
            rows = [(f"{process.name}.opened", creator, "", process.initial, opened)]
            rows += [
                (f"{process.name}.{action.name}", actor, step.state, action.to, finished)
                for step, action, _started, finished, actor in history
            ]
            for action, actor, from_state, to_state, when in rows:
                entry = AuditEntry(
                    case=case,
                    action=action,
                    from_state=from_state,
                    to_state=to_state,
                    actor=actor,
                    actor_name=actor.get_full_name() or actor.username,
                    organization_id=actor.organization_id,
                    created_at=when,
                    changes={},
                    prev_hash=prev,
                )
                entry.hash = prev = entry_hash(entry, prev)
                entries.append(entry)
        AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
        AuditChainHead.objects.filter(pk=1).update(last_hash=prev)


def run(
    *,
    agencies: int | None = None,
    cases_per_agency: int = 200,
    scale: float = 1.0,
    provinces: int = 1,
    only: list[str] | None = None,
) -> dict:
    """Builds each province's Organization, agencies and people, then runs the generators for it, province
    by province; returns {name: (rows, seconds)} summed over the provinces."""
    from django.utils import timezone

    from apps.accounts.demo import agency_rows, world_build
    from apps.accounts.models import Organization
    from apps.accounts.roles import OrgKind
    from bench.services import modules

    modules()  # each service's module registers its generator on import
    timings: dict[str, tuple[int, float]] = {}

    def add(name: str, rows: int, seconds: float) -> None:
        before = timings.get(name, (0, 0.0))
        timings[name] = (before[0] + rows, before[1] + seconds)

    base = agency_rows(agencies)
    counter = _last_generated_number()
    now = timezone.now()
    for number in range(1, provinces + 1):
        started = time.perf_counter()
        rows = province_rows(base, number)
        world = world_build(agencies=rows, province=bench_province(number))
        # The agencies of this province and run only: a database may hold more from an earlier, larger run.
        orgs = list(
            Organization.objects.filter(
                kind=OrgKind.AGENCY, code__in=[row["code"] for row in rows], province=world.province.province
            ).order_by("code")
        )
        add("people", len(orgs), time.perf_counter() - started)
        # One province's context: its Organization acts for its own agencies, its rounds, courses and
        # cycles are its own, and a share is one agency's part of that province's figures.
        ctx = Context(
            world=world,
            agencies=orgs,
            cases_per_agency=cases_per_agency,
            now=now,
            scale=scale,
            provinces=1,
            counter=counter,
        )
        for name, function in GENERATORS.items():
            if only and name not in only:
                continue
            started = time.perf_counter()
            written = function(ctx)
            add(name, written, time.perf_counter() - started)
        counter = ctx.counter
    return timings


def settle() -> None:
    """VACUUM ANALYZE on PostgreSQL: a desk that has lived with its data has had autovacuum's statistics and
    visibility map; a freshly bulk-loaded one has neither, and its plans and counts would say so."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


# The nation's other 30 provinces (Khuzestan, the demo's, is the first): code, name. Ilam keeps the demo's
# second province's code, tracking prefix and logins.
OTHER_PROVINCES = (
    ("ilam", "ایلام"),
    ("tehran", "تهران"),
    ("isfahan", "اصفهان"),
    ("fars", "فارس"),
    ("razavi-khorasan", "خراسان رضوی"),
    ("east-azarbaijan", "آذربایجان شرقی"),
    ("west-azarbaijan", "آذربایجان غربی"),
    ("ardabil", "اردبیل"),
    ("alborz", "البرز"),
    ("bushehr", "بوشهر"),
    ("chaharmahal", "چهارمحال و بختیاری"),
    ("south-khorasan", "خراسان جنوبی"),
    ("north-khorasan", "خراسان شمالی"),
    ("zanjan", "زنجان"),
    ("semnan", "سمنان"),
    ("sistan", "سیستان و بلوچستان"),
    ("qazvin", "قزوین"),
    ("qom", "قم"),
    ("kurdistan", "کردستان"),
    ("kerman", "کرمان"),
    ("kermanshah", "کرمانشاه"),
    ("kohgiluyeh", "کهگیلویه و بویراحمد"),
    ("golestan", "گلستان"),
    ("gilan", "گیلان"),
    ("lorestan", "لرستان"),
    ("mazandaran", "مازندران"),
    ("markazi", "مرکزی"),
    ("hormozgan", "هرمزگان"),
    ("hamadan", "همدان"),
    ("yazd", "یزد"),
)


def bench_province(number: int):
    """The province `number` (1 to 31) of a run: the first is the demo's, whose logins stay the README's."""
    from apps.accounts.demo import ILAM, KHUZESTAN, DemoProvince

    if number == 1:
        return KHUZESTAN
    code, name = OTHER_PROVINCES[number - 2]
    if code == ILAM.code:
        return DemoProvince(
            ILAM.code, ILAM.name, ILAM.tracking_prefix, ILAM.tag, KHUZESTAN.agencies_csv, ILAM.people_from
        )
    # Prefixes after the demo's two (11, 12); people numbered apart from each other and from Ilam's 50,000.
    return DemoProvince(
        code, name, f"{number + 11}", f"{code}-", KHUZESTAN.agencies_csv, 100_000 + 1_000 * number
    )


def province_rows(rows: list[dict], number: int) -> list[dict]:
    """The province's agencies for province `number`: the first keeps the demo's codes and logins, the others
    suffix them with the province's number."""
    if number == 1:
        return rows
    return [
        {
            **row,
            "code": f"{row['code']}-{number:02d}",
            "name": f"{row['name']} ({bench_province(number).name})",
        }
        for row in rows
    ]


def national_rows(rows: list[dict], provinces: int) -> list[dict]:
    """Every province's agencies, the first province's first."""
    return [row for number in range(1, provinces + 1) for row in province_rows(rows, number)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=None, help="the first N agencies (default all 75)")
    parser.add_argument("--cases-per-agency", type=int, default=200, help="cases per agency and process")
    parser.add_argument("--scale", type=float, default=1.0, help="share of issue 8's province figures")
    parser.add_argument(
        "--provinces",
        type=int,
        default=1,
        choices=range(1, 32),
        help="31 for the nation's volume on one desk",
    )
    parser.add_argument("--only", default="", help="comma-separated generator names (default all)")
    args = parser.parse_args()
    setup()
    from apps.audit.models import AuditEntry
    from apps.workflow.models import Case, StepRecord

    only = [n for n in args.only.split(",") if n] or None
    timings = run(
        agencies=args.agencies,
        cases_per_agency=args.cases_per_agency,
        scale=args.scale,
        provinces=args.provinces,
        only=only,
    )
    for name, (rows, seconds) in timings.items():
        print(f"{name:<12} {rows:>9} rows  {seconds:7.1f} s")
    started = time.perf_counter()
    settle()
    print(f"{'vacuum':<12} {'':>9}       {time.perf_counter() - started:7.1f} s")
    print(
        f"totals: {Case.objects.count()} cases, {StepRecord.objects.count()} step records, "
        f"{AuditEntry.objects.count()} audit entries"
    )


if __name__ == "__main__":
    # Through the importable module: the services' modules register their generators in its registry,
    # not in this `__main__` copy's.
    from bench import generate

    generate.main()
