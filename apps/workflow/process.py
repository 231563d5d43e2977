"""Process declarations: each service states its steps once, in the shape of its seed's table.

From one `Process` come the buttons a user sees, the cartable rows, each step's due date, the
checks in `perform()`, the service-level figures and the graph in docs/workflows/.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from apps.accounts.roles import Role


class Side:
    """Which organization's users act at a step."""

    OWNER = "owner"  # the agency that owns the case
    PROVINCE = "province"  # the provincial Organization
    NATIONAL = "national"  # the national body


@dataclass(frozen=True)
class Children:
    """The child cases a parent's action moves with it, in the same transaction: `of(record)` gives them
    (cases of the parent's record), and each goes through `actions` in order; a child already in one of
    `skip` states stays where it is (a request cancelled out of its session, say)."""

    of: Callable[[object], QuerySet]
    actions: tuple[str, ...]
    skip: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    to: str
    reason_required: bool = False
    # A side-effect-free check, guard(case, actor): a Persian refusal, or "" when this actor may run the
    # action on this case now. It hides the button as well as refusing in perform().
    guard: Callable[[object, object], str] | None = None
    style: str = "primary"
    confirm: str = ""
    # The service's own change, run inside perform()'s transaction: effect(case, actor, reason) -> changes.
    effect: Callable[[object, object, str], dict | None] | None = None
    # The desk itself may also perform it (actor=SYSTEM), from a timer: escalating an overdue case, say.
    # Nothing else may be performed by the desk, so a timer cannot move a case the process keeps for people.
    automatic: bool = False
    # Set on an automatic action no person takes (a term that ends by itself): the Persian sentence refusing
    # a person who tries it. It is never a button, and the generated pages say the desk alone takes it.
    desk_only: str = ""
    # The child cases this action moves with the parent (`Children`), declared here rather than looped by
    # each service.
    children: Children | None = None
    # The service's own work once the children have moved, in the same transaction: after(case, actor,
    # reason) (a due date that follows the children's new step, the messages that say what the step means).
    after: Callable[[object, object, str], None] | None = None
    # What the person is told once it is done (the page's message), when the label alone would not say it.
    done: str = ""
    # The name its entries carry in the audit trail, when not the action's own: a record's trail keeps the
    # names its entries had before its lifecycle was declared, so old and new entries read alike.
    event: str = ""
    # Set on a child's action that only its parent moves: the Persian sentence refusing it anywhere else,
    # shown when someone tries it on the child alone (it is never a button of the child's page).
    by_parent: str = ""


@dataclass(frozen=True)
class WorkingDays:
    days: int

    def __str__(self) -> str:
        return f"{self.days} روز کاری"


@dataclass(frozen=True)
class Step:
    state: str
    label: str
    actors: tuple[str, ...] = ()
    side: str = Side.PROVINCE
    allowance: WorkingDays | None = None
    actions: tuple[Action, ...] = ()
    final: bool = False
    # Only the person who filed the case acts here (of the actors' roles, in the acting organization): the
    # step is in their cartable alone, its messages go to them alone, and their colleagues cannot act.
    filer_only: bool = False
    # The seed separates filing from this step's work (an agency files, the Organization reviews): whoever
    # opened the case may not act here as anyone's substitute (`services.act_refusal`).
    separate_duties: bool = False
    # Further sides whose people (of `actors`) act here too, beside `side`'s: a record both the national
    # body and the province keep (a recruitment round's notice, entered by either). The case waits at
    # `side`'s organization; opening it is theirs too when this is the first step.
    also_sides: tuple[str, ...] = ()

    def action(self, name: str) -> Action | None:
        return next((a for a in self.actions if a.name == name), None)


@dataclass(frozen=True)
class Process:
    name: str
    label: str
    service: str
    initial: str
    steps: tuple[Step, ...]
    # The Deputy's group whose staff act at the Organization's steps (OrgUnit.code).
    unit: str = ""
    promise: str = ""
    # The service's own part of the case page, included under the case's header.
    detail_template: str = ""
    # The filing form asks for a mobile (Case.requester_mobile) to text the filer at; when set, the filer's
    # SMS about the case go there rather than to their account's mobile.
    sms_to_requester_mobile: bool = False
    # A record's lifecycle ("app_label.Model"): the model holds its case in `case` and the core alone keeps
    # `record_field` equal to the case's state, so the service reads it as before and sets it never. Such a
    # case is in no cartable or case list (its children are) and the core sends no message of its own
    # about it: the service tells people what each of its steps means.
    record: str = ""
    record_field: str = "state"
    # The children moved when the record's case is opened (the requests a new session merges, say).
    opening: Children | None = None
    # The audit trail's name for a case's opening (see `Action.event`).
    opened_event: str = "opened"
    # A record too many to give each a case of its own (a round's 150,000 candidates): `parent(record)` is
    # the record whose case it lives in. It has no case; the core writes its field through `record_mark`,
    # acted on by whom the parent's case waits on now, and writes its trail.
    parent: Callable[[object], object] | None = None
    _by_state: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self._by_state.update({s.state: s for s in self.steps})
        targets = {a.to for s in self.steps for a in s.actions}
        unknown = targets - set(self._by_state)
        if unknown or self.initial not in self._by_state:
            raise ValueError(f"{self.name}: undeclared states {sorted(unknown)}")

    def step(self, state: str) -> Step:
        return self._by_state[state]

    @property
    def states(self) -> list[tuple[str, str]]:
        return [(s.state, s.label) for s in self.steps]

    @property
    def final_states(self) -> set[str]:
        return {s.state for s in self.steps if s.final}

    def mermaid(self) -> str:
        """The transition graph for docs/workflows/<service>.md."""
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for step in self.steps:
            for action in step.actions:
                lines.append(f"    {step.state} --> {action.to}: {action.label}")
            if step.final:
                lines.append(f"    {step.state} --> [*]")
        return "\n".join(lines)


_REGISTRY: dict[str, Process] = {}


def register(process: Process) -> Process:
    _REGISTRY[process.name] = process
    return process


def get_process(name: str) -> Process:
    return _REGISTRY[name]


def all_processes() -> list[Process]:
    return list(_REGISTRY.values())


def record_processes() -> list[Process]:
    """The lifecycles of records (a session, a round, a cycle…): their cases stand behind a record's page."""
    return [p for p in _REGISTRY.values() if p.record]


def steps_acted_by(roles) -> list[tuple[str, Step]]:
    """(process name, step) of every open step of a case's process at which one of these roles acts, from
    the declarations; a record's steps are on its own page, and its children are in the cartable."""
    held = set(roles)
    return [
        (p.name, s)
        for p in _REGISTRY.values()
        if not p.record
        for s in p.steps
        if not s.final and held & set(s.actors)
    ]


ORG_STAFF = (Role.ORG_EXPERT, Role.ORG_GROUP_HEAD)
