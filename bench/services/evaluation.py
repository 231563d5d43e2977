"""Service D's part: five yearly cycles, every agency's scores, evidence, objections and results; the vault pages.

At `--scale 1` the province's 75 × 150 × 5 evaluation scores: five cycles (the four past ones approved, levelled
and ranked, the current one mid-way with its agencies spread over every step), each index of each agency with
its claim, its evaluator's (or headquarters') score, its score history and its evidence file, and objections
open and answered. The scale sets how many indices a run adds (at least one); a second run adds indices to the
same five cycles, with their scores, for every agency.

The benchmarked page is the evidence vault (one file per index, agency and year: the largest list of the
service), as the Organization's expert who sees the whole province and as an agency's officer.
"""

import datetime as dt
import hashlib
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path

from apps.core.http import PAGE_SIZE
from apps.core.spreadsheets import rows_insert
from apps.evaluation import selectors
from bench.generate import BATCH, Context, generator
from bench.services import Page

YEARS = 5
INDICES = 150
PROVINCE_AGENCIES = 75
# Issue 8: 75 agencies × 150 indices × 5 years of scores in a province.
SCORES = PROVINCE_AGENCIES * INDICES * YEARS
# One index in ten draws an objection once the initial results are out.
OBJECTED_EVERY = 10
# One agency in fifteen is scored by its national headquarters' own system (imported, not by our evaluators).
HQ_EVERY = 15
# Ten index numbers: six general, three specific, one development, as in the national form.
KIND_BY_DIGIT = ("general",) * 6 + ("specific",) * 3 + ("development",)
PREFIX = {"general": "G", "specific": "S", "development": "D"}
CEILINGS = (Decimal(30), Decimal(40), Decimal(50), Decimal(60))
AXES = ("دولت هوشمند", "سرمایه انسانی", "خدمات عمومی", "شفافیت و سلامت اداری", "بهره‌وری")
AGENCY_AT = (
    "self_assessment",
    "review",
    "scoring",
    "scored",
    "objection",
    "rescoring",
    "final_review",
    "approved",
)
STEP = {state: n for n, state in enumerate(AGENCY_AT)}


def _spread(total: int, parts: int) -> list[int]:
    """`total` split over `parts`, the remainder to the first (the current cycle comes first)."""
    return [total // parts + (1 if n < total % parts else 0) for n in range(parts)]


def _at(day: dt.date, hour: int = 7) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _cycles(ctx: Context) -> list:
    """The five cycles, the current one first: created through the service the first time, then reused."""
    import jdatetime

    from apps.accounts.roles import Role
    from apps.core.jalali import today
    from apps.evaluation import services
    from apps.evaluation.models import Cycle

    expert = ctx.world.org_staff[Role.ORG_EXPERT]
    day = today()
    # This year's cycle evaluates last year's performance (its circular comes out in Khordad).
    current = jdatetime.date.fromgregorian(date=day).year - 1
    cycles = []
    for year in range(current, current - YEARS, -1):
        # One cycle a year in each province: this province's, as cycle_create makes it for its expert.
        cycle = Cycle.objects.filter(year=year, province_id=expert.organization.province_id).first()
        if cycle is None:
            circular = jdatetime.date(year + 1, 3, 13).togregorian()
            cycle = services.cycle_create(
                actor=expert,
                year=year,
                title=f"ارزیابی عملکرد دستگاه‌های اجرایی استان — سال {year}",
                circular_number=f"{year % 100}/9401",
                circular_date=circular,
                self_assessment_deadline=max(day + dt.timedelta(days=10), circular + dt.timedelta(days=30))
                if year == current
                else circular + dt.timedelta(days=30),
            )
            past = year != current
            _cycle_at(cycle, Cycle.Phase.FINAL if past else Cycle.Phase.INITIAL)
            Cycle.objects.filter(pk=cycle.pk).update(
                objection_deadline=circular + dt.timedelta(days=60) if past else day + dt.timedelta(days=5),
                national_rank=1 + (year * 7) % 31 if past else None,
                provinces_ranked=31 if past else None,
            )
            cycle.refresh_from_db()
        cycles.append(cycle)
    return cycles


def _cycle_at(cycle, phase: str) -> None:
    """The cycle's timeline at `phase`, as ctx.cases leaves the agencies' cases at their steps: its case (opened
    by cycle_create) and the phase that follows it, together. Its steps are not replayed: publishing the
    indices would open every agency's case through the services, which the generator writes in bulk."""
    from apps.evaluation.models import Cycle
    from apps.workflow.models import Case, StepRecord

    Case.objects.filter(pk=cycle.case_id).update(state=phase)
    StepRecord.objects.filter(case_id=cycle.case_id, finished_at__isnull=True).update(state=phase)
    Cycle.objects.filter(pk=cycle.pk).update(phase=phase)


def _indices(cycle, count: int) -> list:
    """`count` more indices in the cycle, numbered on from those it has."""
    from apps.evaluation.models import Index

    first = cycle.indices.count() + 1
    indices = []
    for number in range(first, first + count):
        kind = KIND_BY_DIGIT[number % 10]
        indices.append(
            Index(
                cycle=cycle,
                code=f"{PREFIX[kind]}-{number:03d}",
                title=f"شاخص {number} — {AXES[number % len(AXES)]}",
                kind=kind,
                axis=AXES[number % len(AXES)],
                max_score=CEILINGS[number % len(CEILINGS)],
                weight=Decimal(2 if number % 7 == 0 else 1),
                evidence_required=number % 3 != 0,
                province_cut_approved=True,
            )
        )
    Index.objects.bulk_create(indices, batch_size=BATCH)
    for index, number in zip(indices, range(first, first + count), strict=True):
        index.number = number
    return indices


def _evaluations(ctx: Context, cycles: list) -> dict:
    """{(cycle id, agency id): evaluation}: existing ones kept, missing ones opened as cases at their step."""
    from django.db import connection

    from apps.evaluation.models import Evaluation

    evaluations = {
        (e.cycle_id, e.organization_id): e
        for e in Evaluation.objects.filter(cycle__in=cycles).select_related("case")
    }
    current, past = cycles[0], cycles[1:]
    new = []
    for position, agency in enumerate(ctx.agencies):
        # Oldest first: ctx.cases dates its closed cases from five years ago onwards, in order.
        wanted = [(c, "approved") for c in reversed(past) if (c.pk, agency.pk) not in evaluations]
        if (current.pk, agency.pk) not in evaluations:
            # The council approves a cycle's results all at once, so this year's agencies are at the earlier steps.
            wanted.append((current, AGENCY_AT[position % (len(AGENCY_AT) - 1)]))
        for state in dict.fromkeys(state for _c, state in wanted):
            at_state = [c for c, s in wanted if s == state]
            cases = ctx.cases("evaluation.agency", owner=agency, count=len(at_state), states=[state])
            for cycle, case in zip(at_state, cases, strict=True):
                evaluation = Evaluation(
                    case=case,
                    cycle=cycle,
                    organization=agency,
                    hq_system=position % HQ_EVERY == HQ_EVERY - 1,
                )
                evaluations[(cycle.pk, agency.pk)] = evaluation
                new.append(evaluation)
    Evaluation.objects.bulk_create(new, batch_size=BATCH)
    # The cases' titles name the year, as evaluation_open's do: one statement per cycle.
    with connection.cursor() as cursor:
        for cycle in cycles:
            ids = [e.case_id for e in new if e.cycle_id == cycle.pk]
            if ids:
                cursor.execute(
                    "UPDATE workflow_case SET title = %s || o.name FROM accounts_organization o "
                    "WHERE workflow_case.owner_id = o.id AND workflow_case.id = ANY(%s)",
                    [f"ارزیابی عملکرد {cycle.year} — ", ids],
                )
    return evaluations


def _ids(model, count: int) -> list[int]:
    """`count` ids from the table's own sequence, so rows written by COPY can be referred to at once."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


SCORE_COLUMNS = (
    "id",
    "evaluation_id",
    "index_id",
    "self_score",
    "description",
    "hq_score",
    "evaluator_score",
    "evaluator_comment",
    "rescore",
)
FILE_COLUMNS = (
    "id",
    "organization_id",
    "title",
    "version",
    "file",
    "kind",
    "size",
    "sha256",
    "uploaded_by_id",
    "uploaded_at",
)
ENTRY_COLUMNS = ("score_id", "stage", "value", "comment", "actor_id", "created_at")
OBJECTION_COLUMNS = (
    "score_id",
    "reason",
    "evidence_id",
    "filed_by_id",
    "filed_at",
    "answer",
    "answered_by_id",
    "answered_at",
)


def _scores(ctx: Context, cycle, indices: list, evaluations: list, position: dict) -> int:
    """Every new index of every agency in the cycle, filled as far as the agency's step: claim, evaluator's
    or headquarters' score, history, evidence file and objection; returns the rows written."""
    from apps.accounts.roles import Role
    from apps.evaluation.models import EvidenceFile, IndexScore, Objection, ScoreEntry

    evaluator = ctx.world.org_staff[Role.EVALUATOR].pk
    expert = ctx.world.org_staff[Role.ORG_EXPERT].pk
    started = cycle.circular_date
    days = (20, 45, 60, 70)
    if cycle.phase != cycle.Phase.FINAL:
        # This year's steps happened in the last weeks, whatever the circular's date.
        started, days = ctx.now.date() - dt.timedelta(days=20), (0, 8, 14, 18)
    uploaded_at, scored_at, filed_at, answered_at = (_at(started + dt.timedelta(days=d)) for d in days)
    link = IndexScore.evidence.through
    rows = 0
    # Agencies in chunks, so a national run holds a few thousand rows in memory at a time.
    per_chunk = max(1, BATCH * 5 // len(indices))
    for start in range(0, len(evaluations), per_chunk):
        chunk = evaluations[start : start + per_chunk]
        score_ids = iter(_ids(IndexScore, len(chunk) * len(indices)))
        file_ids = iter(_ids(EvidenceFile, len(chunk) * len(indices)))
        scores, files, links, entries, objections = [], [], [], [], []
        for evaluation in chunk:
            p = position[evaluation.organization_id]
            step = STEP[evaluation.case.state]
            hq = evaluation.hq_system
            officer = ctx.world.agency_users[evaluation.organization_id][Role.AGENCY_OFFICER].pk
            claim = 0.6 + 0.35 * ((p * 37) % 100) / 100
            for index in indices:
                n = index.number
                share = min(1.0, claim + ((n * 13) % 10 - 5) / 100)
                claimed = _money(float(index.max_score) * share)
                given = _money(float(index.max_score) * (share - 0.05 - (n % 3) * 0.04))
                # A draft half-done in self-assessment; half the indices scored while the evaluators work.
                drafted = step > 0 or n % 2 == 0
                scored = step >= STEP["scored"] or (step == STEP["scoring"] and n % 2 == 0)
                objected = step >= STEP["objection"] and (n + p) % OBJECTED_EVERY == 0
                answered = objected and (
                    step > STEP["rescoring"] or (step == STEP["rescoring"] and (n // OBJECTED_EVERY) % 2 == 0)
                )
                rescore = _money((float(given) + float(claimed)) / 2) if answered else None
                score_id, file_id = next(score_ids), next(file_ids)
                scores.append(
                    (
                        score_id,
                        evaluation.pk,
                        index.pk,
                        claimed if drafted else None,
                        "بر پایه گزارش عملکرد سالانه" if drafted else "",
                        given if scored and hq else None,
                        given if scored and not hq else None,
                        "مستندات بررسی شد." if scored and not hq else "",
                        rescore,
                    )
                )
                sha = hashlib.sha256(
                    f"{evaluation.organization_id}:{cycle.year}:{index.code}".encode()
                ).hexdigest()
                files.append(
                    (
                        file_id,
                        evaluation.organization_id,
                        f"گزارش شاخص {index.code} — سال {cycle.year}",
                        1,
                        f"evaluation/evidence/{evaluation.organization_id}/{sha[:2]}/{index.code}-{cycle.year}.pdf",
                        "pdf",
                        40_000 + int(sha[:4], 16),
                        sha,
                        officer,
                        uploaded_at,
                    )
                )
                links.append((score_id, file_id))
                if drafted:
                    entries.append(
                        (score_id, "self", claimed, "بر پایه گزارش عملکرد سالانه", officer, uploaded_at)
                    )
                if scored and hq:
                    entries.append((score_id, "hq", given, "از سامانه ستاد دستگاه", expert, scored_at))
                elif scored:
                    entries.append((score_id, "evaluator", given, "مستندات بررسی شد.", evaluator, scored_at))
                if answered:
                    entries.append(
                        (score_id, "rescore", rescore, "اعتراض پذیرفته شد.", evaluator, answered_at)
                    )
                if objected:
                    objections.append(
                        (
                            score_id,
                            "مستندات این شاخص در امتیازدهی دیده نشده است؛ گزارش کامل پیوست است.",
                            file_id,
                            officer,
                            filed_at,
                            "مستندات پذیرفته شد و امتیاز اصلاح شد." if answered else "",
                            evaluator if answered else None,
                            answered_at if answered else None,
                        )
                    )
        rows += rows_insert(IndexScore, SCORE_COLUMNS, scores)
        rows += rows_insert(EvidenceFile, FILE_COLUMNS, files)
        rows += rows_insert(link, ["indexscore_id", "evidencefile_id"], links)
        rows += rows_insert(ScoreEntry, ENTRY_COLUMNS, entries)
        rows += rows_insert(Objection, OBJECTION_COLUMNS, objections)
    return rows


def _results(cycle) -> None:
    """Each agency's totals as the service would have stored them: the initial one once results are out, and
    the final one, level and rank in its group once the council approved; over every score the cycle has."""
    from django.db.models import DecimalField, F, Sum, Value
    from django.db.models.functions import Coalesce

    from apps.evaluation.models import Evaluation, IndexScore
    from apps.evaluation.rules import Standing, Weighted, rank_within_groups, weighted_percent

    money = DecimalField(max_digits=12, decimal_places=2)
    zero = Value(Decimal(0), output_field=money)
    before = Coalesce("evaluator_score", "hq_score", zero, output_field=money)
    after = Coalesce("rescore", "evaluator_score", "hq_score", zero, output_field=money)
    weight = F("index__weight")
    sums = {
        row["evaluation_id"]: row
        for row in IndexScore.objects.filter(evaluation__cycle=cycle)
        .values("evaluation_id")
        .annotate(
            initial=Sum(weight * before, output_field=money),
            final=Sum(weight * after, output_field=money),
            possible=Sum(weight * F("index__max_score"), output_field=money),
        )
    }
    evaluations = list(Evaluation.objects.filter(cycle=cycle).select_related("case", "organization"))
    standings = []
    for e in evaluations:
        row = sums.get(e.pk)
        if row is None or STEP[e.case.state] < STEP["objection"]:
            continue
        e.initial_percent = weighted_percent([Weighted(row["initial"], row["possible"], Decimal(1))])
        if e.case.state == "approved":
            percent = weighted_percent([Weighted(row["final"], row["possible"], Decimal(1))])
            group = e.organization.evaluation_group or "بدون گروه"
            standings.append(
                Standing(evaluation_id=e.pk, organization=e.organization.name, group=group, percent=percent)
            )
    ranked = {s.evaluation_id: s for s in rank_within_groups(standings, cycle.bands)}
    for e in evaluations:
        if e.pk in ranked:
            s = ranked[e.pk]
            e.final_percent, e.level, e.group_rank = s.percent, s.level, s.rank
    _store_results([e for e in evaluations if e.initial_percent is not None])


def _store_results(evaluations: list) -> None:
    """One UPDATE … FROM (VALUES …) per batch: bulk_update's CASE per row is many times slower."""
    from django.db import connection

    from apps.evaluation.models import Evaluation

    table = Evaluation._meta.db_table
    for start in range(0, len(evaluations), BATCH):
        batch = evaluations[start : start + BATCH]
        values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
        params = [v for e in batch for v in (e.pk, e.initial_percent, e.final_percent, e.level, e.group_rank)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET initial_percent = v.i::numeric, final_percent = v.f::numeric, "
                f"level = v.l::text, group_rank = v.r::integer FROM (VALUES {values}) AS v(id, i, f, l, r) "
                f"WHERE {table}.id = v.id",
                params,
            )


@generator("evaluation")
def evaluation(ctx: Context) -> int:
    """Five cycles; each run adds its share of the province's 75 × 150 × 5 scores as new indices."""
    from django.db import transaction

    cycles = _cycles(ctx)
    # One agency's share of the scores, over the five years: that many indices in all, this year's first.
    per_cycle = _spread(ctx.share(SCORES), YEARS)
    position = {agency.pk: n for n, agency in enumerate(ctx.agencies)}
    rows = 0
    with transaction.atomic():
        evaluations = _evaluations(ctx, cycles)
        rows += len(evaluations)
        for cycle, count in zip(cycles, per_cycle, strict=True):
            mine = [e for (cycle_id, _agency), e in evaluations.items() if cycle_id == cycle.pk]
            mine = [e for e in mine if e.organization_id in position]
            indices = _indices(cycle, count) if count else []
            rows += len(indices)
            if indices:
                rows += _scores(ctx, cycle, indices, mine, position)
            _results(cycle)
    return rows


def _bare_table(request, files):
    page = Paginator(files, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "evaluation/_vault_rows.html", {"page": page})


@login_required
def vault(request):
    return _bare_table(request, selectors.vault_list_for_user(user=request.user))


urlpatterns = [path("bench/bare/evaluation/vault/", vault, name="bench_bare_evaluation_vault")]

PAGES = [
    Page(
        "evaluation-vault",
        "/evaluation/vault/",
        "/bench/bare/evaluation/vault/",
        "expert",
        "evaluation",
        'data-testid="vault-table"',
        postgres=True,
    ),
    Page(
        "agency-evaluation-vault",
        "/evaluation/vault/",
        "/bench/bare/evaluation/vault/",
        "officer101",
        "evaluation",
        'data-testid="vault-table"',
        postgres=True,
    ),
]
