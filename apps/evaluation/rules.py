"""The rules of service D: who acts, the windows, and the scoring as pure functions (index score, weighted
total, levels and ranks)."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from apps.accounts.roles import Role
from apps.core.jalali import today

# The service's processes (apps/evaluation/workflow.py), named here where the services open and move them:
# each agency's evaluation, the cycle's own timeline and a festival nomination's.
EVALUATION_PROCESS_NAME = "evaluation.agency"
CYCLE_PROCESS_NAME = "evaluation.cycle"
NOMINATION_PROCESS_NAME = "evaluation.nomination"
# The agency's part (self-assessment and objections) is done by its officer and the secretary of its
# administrative reform council; its head may do everything of the agency (permissions.py).
AGENCY_ACTORS = (Role.AGENCY_OFFICER, Role.AGENCY_COUNCIL_SECRETARY, Role.AGENCY_HEAD)
STAFF_ACTORS = (Role.ORG_EXPERT, Role.ORG_GROUP_HEAD)

# An agency has this many working days to register its self-assessment once the indices are out.
SELF_ASSESSMENT_WORKING_DAYS = 15
# The objection window after the initial results are published, in working days.
OBJECTION_WINDOW_WORKING_DAYS = 5
# A cycle's evaluation phase runs over about three months (one province: 13 Khordad to 30 Mordad).
CYCLE_CALENDAR_DAYS = 80
# An objection's reason and the reviewer's answer are unbounded text; the desk's bound, page and API alike.
OBJECTION_TEXT_MAX_LENGTH = 4000
# Totals are shown as a percentage of the weighted maximum.
PERCENT = Decimal(100)
TWO_PLACES = Decimal("0.01")

# The default bands, best first; a cycle may set its own. A total at a band's minimum belongs to it.
DEFAULT_BANDS = (
    {"label": "عالی", "min": 90},
    {"label": "خیلی خوب", "min": 75},
    {"label": "خوب", "min": 60},
    {"label": "متوسط", "min": 45},
    {"label": "نیازمند بهبود", "min": 0},
)


def self_assessment_open(evaluation) -> bool:
    """Before the cycle's deadline, or within a reopening the Organization granted."""
    day = today()
    return day <= evaluation.cycle.self_assessment_deadline or bool(
        evaluation.reopened_until and day <= evaluation.reopened_until
    )


def _q(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def index_score(*, ceiling: Decimal, standard: Decimal, actual: Decimal, increasing: bool = True) -> Decimal:
    """The national form's obtained score: W × AP / S, or W × S / AP where a decrease is better; never above W.

    A non-positive standard gives nothing to measure against (0); a decrease-is-better index with an
    actual of zero has reached the best possible result (W).
    """
    ceiling, standard, actual = Decimal(ceiling), Decimal(standard), Decimal(actual)
    if ceiling <= 0 or standard <= 0 or actual < 0:
        return Decimal(0)
    if increasing:
        raw = ceiling * actual / standard
    elif actual == 0:
        raw = ceiling
    else:
        raw = ceiling * standard / actual
    return _q(min(ceiling, raw))


@dataclass(frozen=True)
class Weighted:
    score: Decimal | None
    ceiling: Decimal
    weight: Decimal


def weighted_percent(items: Iterable[Weighted]) -> Decimal:
    """Σ weight × score over Σ weight × ceiling, as a percentage; an unscored index counts as zero."""
    obtained = Decimal(0)
    possible = Decimal(0)
    for item in items:
        obtained += Decimal(item.weight) * Decimal(item.score or 0)
        possible += Decimal(item.weight) * Decimal(item.ceiling)
    if possible <= 0:
        return Decimal(0)
    return _q(obtained * PERCENT / possible)


def level_for(percent: Decimal, bands: Iterable[dict]) -> str:
    """The label of the best band whose minimum the total reaches."""
    for band in sorted(bands, key=lambda b: Decimal(str(b["min"])), reverse=True):
        if Decimal(percent) >= Decimal(str(band["min"])):
            return band["label"]
    return ""


def validate_bands(bands: list[dict]) -> str:
    """A Persian refusal of a band list, or "" when it is usable."""
    if not bands:
        return "دست‌کم یک بازه سطح‌بندی لازم است."
    minimums = [Decimal(str(b["min"])) for b in bands]
    # A NaN cannot be compared with the other minimums (Decimal raises), nor an infinity levelled against.
    if not all(m.is_finite() for m in minimums):
        return "کمینه هر بازه باید عدد باشد."
    labels = [str(b["label"]).strip() for b in bands]
    if any(not label for label in labels):
        return "هر بازه سطح‌بندی عنوان می‌خواهد."
    if len(set(minimums)) != len(minimums):
        return "کمینه دو بازه سطح‌بندی یکسان است."
    if any(m < 0 or m > PERCENT for m in minimums):
        return "کمینه هر بازه باید بین ۰ و ۱۰۰ باشد."
    if min(minimums) != 0:
        return "پایین‌ترین بازه باید از صفر شروع شود تا هر دستگاهی سطحی داشته باشد."
    return ""


@dataclass
class Standing:
    evaluation_id: int
    organization: str
    group: str
    percent: Decimal
    level: str = ""
    rank: int = 0


def rank_within_groups(standings: list[Standing], bands: Iterable[dict]) -> list[Standing]:
    """Levels every agency by the bands and ranks it within its evaluation group (equal totals share a rank)."""
    bands = list(bands)
    by_group: dict[str, list[Standing]] = {}
    for standing in standings:
        standing.level = level_for(standing.percent, bands)
        by_group.setdefault(standing.group, []).append(standing)
    for members in by_group.values():
        members.sort(key=lambda s: (-s.percent, s.organization))
        previous, rank = None, 0
        for position, standing in enumerate(members, start=1):
            if standing.percent != previous:
                rank, previous = position, standing.percent
            standing.rank = rank
    return sorted(standings, key=lambda s: (s.group, s.rank, s.organization))
