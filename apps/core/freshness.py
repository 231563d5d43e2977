"""The desk's generations: tokens a committed write replaces, under which what list pages show is kept.

A list page's rows, page links and count are kept, rendered, under the generations they were read in
(`{% listing %}`, `templatetags/desk.py`), and so is the inbox count every page shows, so a list nobody
has written to since is not counted, read and rendered again for every look. The promise: nothing kept is
ever shown after a committed write that could change it.

Four kinds of generation:

* the **global** one, which every kept value depends on (alone, for a value that reads no agency table's
  rows: `kept(shared=True)`, a person's account);
* one per **agency** (`Organization` of kind agency), on which the kept values of a person who reads
  within their agency depend: global + their agency's;
* one per **province**, on which the kept values of a province's Organization's staff depend when what
  they may see of the agency tables is their province's (`reader_province`): global + their province's;
* **across**, on which the kept values of everyone else depend (national roles, administrators, the
  Organization's staff granted beyond their province, the anonymous, values kept with no reader named):
  global + across.

A write that moves some agencies' generations moves their provinces' and across too (`advance_agency`): a
province's staff read afresh after a write in one of its agencies, not after every province's.

Writes are seen where they reach the database: every statement that inserts, updates, deletes or
truncates passes through `_note_write` (a database execute wrapper), whatever service, import or shell
ran it, and the tables each transaction writes are noted (Django quotes the table it names first). When
the transaction commits:

* if every table written is an **agency table** (`agency_tables`), the generations of the agencies
  written move on, and across: those agencies' people and those who read across read afresh, every
  other agency's kept lists stay kept. The agencies written are named by the rows: each row of an
  agency table saved or deleted through the ORM names its agency by the path declared with its table
  (a case its `owner`, a step record `case__owner`: `_note_row`, on `post_save`/`post_delete`), whoever
  wrote it (an agency's person, the Organization's staff, a task), and an inbox row its recipient's.
  A statement no signal names (a queryset's `update`, a bulk insert: more statements of a table than
  rows named) is local only when the writer is an **agency writer** of agency X — a signed-in person of
  a request (`_actor`) who reads within X (`reader_agency`) — and then X moves on too, or when the
  service that makes it says whose rows it writes (`rows_of`: a sheet's bulk insert, the requests' due
  dates of a session). An **organization record** seen only by some agencies (a course session, by
  those whose requests it took: `organization_records(agencies=…)`; a recruitment round, by those with
  job-locations in it, and by the organizations of its venues' supervisors, who find their venues by
  national ID: `seen_by=`; an evaluation cycle, by every agency of its province: `EVERY_AGENCY`) is an
  agency table whose agencies are read once its write commits: its own rows, the rows that are part of it
  (its meetings) and its own case's rows (the Organization's case, otherwise everyone's) name the record,
  and its agencies move on;
* otherwise (a shared table: courses, the supervisors' roster, the catalog, a person's account…; unnamed
  rows by a Celery task, a command, the anonymous, those who read across; COPY through `written()`; a
  TRUNCATE; a **shared row** of an agency table, or unnamed rows of a table that has them: see below)
  the global generation moves on, and everything kept is read afresh. When in doubt, global.

A row's agency is the one its kind's agency scope finds it by (`apps/*/permissions.py`), and never
changes once filed: no service moves a case, request or hire file to another agency.

Why that is enough. An agency table's rows each belong to one agency (a case's `owner`, and the rows
hung on a case: its attachments, step records and history), and are shown, directly or beside a row of
another kind that points at them (a request beside its case's state), only to:

1. the people of that agency, who reach them by their agency scope, as rows assigned to them (a case
   waits on an organization only when it is its owner's, the province's or the nation's:
   `workflow.services._acting_org`; a substitute stands in only for a colleague of their own
   organization) or as their own (a case they filed, in the organization they were in);
2. those who read across, whose kept values move with every agency write;
3. a person moved out of the agency since (their own cases stay behind): a change of a person's
   organization is remembered (`_note_move`) and the moved read across, and write what no signal names
   globally, from then on.

A person reads within their agency only when no principal of theirs is granted more than their agency
on any kind whose rows are an agency table's or point at one, nor their own rows of such a kind where
those are found by who they are rather than where they work (a learner's requests, by national ID:
`own_beyond_agency`), unless a record's declaration names their organizations among those its writes
move (a round's venues' supervisors: `seen_by`) (`_reaches_beyond`; the published evaluation book, owned
by the Organization and pointing at no case, is one grant beyond the agency allowed: `_PUBLISHED`; a grant
of their province on a record every agency of its province sees, or on rows of it, found through it by
its province, is another, since its writes move every agency of that province: `_province_records`). So
an agency writer reaches only their own agency's rows of those tables, and a person who may see another
agency's rows of them reads across.

A third grant beyond the agency allowed is on a kind that shows only an agency table's **shared rows**
(`shared_rows`: the national pool, the managers' profiles an agency publishes for every agency's HR to
read, `published_to_pool`). Those rows are shown beyond their agency, so their writes are global: a row
saved or deleted that is shared after the write (`_note_row`), or was before it (`_note_shared`, which
reads the committed row under a row lock, so that a write sharing it cannot commit unseen between that
read and this transaction's write), moves the global generation, and so does any statement of the table
that no signal names (a bulk insert, a queryset's update), whoever wrote it. Only a write that leaves
every row it touches unshared, before and after, is its agency's alone; such a row is seen beyond its
agency by nobody who reads within one. Rows an agency table's write brings with it:

* the inbox messages the step sends (`notifications_message`) move on the agencies their recipients
  read within (`_recipient_scopes`), only for an INSERT: marking read, by anyone, moves the global
  generation;
* the outbox (`notifications_outboxmessage`) is read only by those who read across;
* the field history, the audit trail's entries and head and the security events are read by no kept value,
  only by pages read afresh each time (a row's history, a case's, `audit_verify`, the administrators' events):
  `_UNSHOWN_TABLES`, whose writes move nothing.
  `kept` holds to it: a value whose computation reads one of them is not kept (and an error is logged);
* the search index (refreshed in a transaction of its own after the step's commit: `search.signals`)
  moves a generation of its own (`_OWN_GENERATIONS`), on which only the values that read it depend (the
  search box's results): a step anywhere refreshes the index, and would otherwise empty every kept list a
  second time. A value that read the index is kept with that generation as it was before it was computed,
  and read afresh once it moves, besides its reader's generations: the index says what matches, the
  permission model's tables (through the reader's generations) what of it the reader may see.

A value kept for a reader (`kept(reader=…)`, every `{% listing %}`) must show agency tables' rows only
that way: rows the reader may see and what they point at. A block that shows, beside a row several
agencies share (a course session gathering their requests), the cases of that row's other agencies is
kept with no reader, as those who read across are. No kept list does today.

What this does not see, and so must not happen, or happen only in a transaction that also writes a
shared table: a person's organization changed with `QuerySet.update` (no signal), a row of an agency
table given to another agency (its old agency is not named), and a Redis that loses its keys (the
moves remembered go with what was kept; a moved person's own cases are read afresh only after the next
global write). The desk does the first two nowhere; the third is a Redis restarted without its data.

The writer is known from django-auditlog's request context (set by its middleware for every request,
named afresh by the API's token auth), and only inside the request that set it (`request_started` /
`request_finished`): a Celery task, a command or a shell has none, and writes what no signal names
globally.

Lists are kept only where the cache is shared by every process that writes (Redis, `REDIS_URL`): a
per-process cache would not see another process's writes. Inside a transaction that has written and not
yet committed, nothing is kept or read, so a rolled-back write leaves nothing behind. One round trip
reads a kept value with the generations it depends on.

Within a request the generations are read once: a page keeps several values (the signed-in person, whom
they stand in for, the list's saved views, its rows), and each read of Redis is a round trip a busy host
makes the request wait for. A request is one moment: the values it shows are those of the generations it
found first, or newer after its own write, which reads them again. Each process also holds a copy of what
it kept or found (`_LOCAL`, pickled, so no request changes another's objects), used only when the
generations it was kept in are the request's: a kept page then costs one round trip for all its values.
"""

import functools
import hashlib
import logging
import pickle
import threading
import time
import uuid
from collections import Counter, OrderedDict
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar

from auditlog.context import auditlog_value
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.core.signals import request_finished, request_started
from django.db import connection, connections
from django.db.backends.signals import connection_created
from django.db.models import Q
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save

logger = logging.getLogger(__name__)

GENERATION_KEY = "khedmat:generation"
ACROSS_KEY = "khedmat:generation:across"
_AGENCY_KEY = "khedmat:generation:agency:{}"
_PROVINCE_KEY = "khedmat:generation:province:{}"
_MOVED_KEY = "khedmat:moved:{}"
# What is kept outlives no write; the limit only bounds what a restored database or cache could leave.
KEPT_SECONDS = 300
# The process's own copies of kept values: the most recently used, within both bounds.
LOCAL_ENTRIES = 512
LOCAL_BYTES = 32 * 1024 * 1024
# Writes nothing kept shows: a session saved on sign-in or by the messages of a page, the time an API
# token was last used, which every call through it writes (a program polling the API would otherwise
# empty every kept list with each call), the audit chain's head, which only `audit_verify` reads, the
# field history, read only by a row's history, never kept. The audit trail's entries, read only by a case's
# history and `audit_verify`: a course session's steps write entries no case names. And the security events,
# read only by the administrators' page: a refused request writes one, so anyone opening pages they may not
# see would otherwise empty every kept list with each try.
# Enforced where values are kept (`_computed`).
_UNSHOWN_TABLES = frozenset(
    {
        "django_session",
        "accounts_apitoken",
        "workflow_auditchainhead",
        "workflow_auditentry",
        "auditlog_logentry",
        "accounts_securityevent",
    }
)
# Tables whose writes move a generation of their own, which only the kept values that read them depend on:
# the search index, refreshed after each step's commit (two in three of the mixed load's global moves were
# that, when the index moved the global generation).
_OWN_GENERATIONS = {"search_searchentry": "khedmat:generation:search"}
# What a kept value's computation is watched for reading (`_computed`).
_WATCHED_READS = _UNSHOWN_TABLES | _OWN_GENERATIONS.keys()
_WRITES = ("INSERT", "UPDATE", "DELETE", "TRUNCA")

# The agency tables: rows each of one agency, shown only as the module's docstring says. Each app declares
# its own from its AppConfig.ready (`agency_tables`): the workflow core its rows of a case, notifications
# the outbox (which only those who read across see), each service the rows it files for an agency.
_AGENCY_TABLES: set[str] = set()
# Per agency table declared with one, how its row names its agency: a path of foreign keys ending at the
# agency ("owner", "case__owner"), or `ACROSS` for rows only those who read across see (the outbox).
_AGENCY_PATHS: dict[str, str] = {}
# Their models, by table.
_AGENCY_MODELS: dict[str, type] = {}
ACROSS = ""
# A row whose agency could not be found (a null on the path, a row deleted before it).
_UNNAMED = object()
# Inbox rows: agency-local when inserted for people who read within the writer's agency or across.
_RECIPIENTS = {"notifications_message": "recipient_id"}
# Grants beyond the agency on kinds pointing at an agency table, that show nothing an agency writes:
# the evaluation book is issued to the Organization (`evaluation.documents.results_book_issue`), with
# no case behind it.
_PUBLISHED = frozenset({"document.evaluation_book"})
# Agency tables some of whose rows are shown beyond their agency, to everyone granted a kind that shows only
# those rows: the national pool, an agency's managers' profiles published to every agency's HR
# (`shared_rows`). {table: the boolean field that says a row is shown beyond its agency}.
_SHARED_ROWS: dict[str, str] = {}
# The kinds showing only such rows: a grant on them beyond the agency shows nothing an agency write that
# leaves such rows alone can change.
_SHARED_KINDS: set[str] = set()
# Kinds whose own rows (OWN) are found by who the person is, not where they work, and so may be another
# agency's: a learner's requests, found by their national ID (`own_beyond_agency`).
_OWN_BEYOND_AGENCY: set[str] = set()
# Foreign keys from a record to its own case, opened and owned by the Organization (`organization_records`),
# or to a document the Organization issues to itself (`organization_rows`).
_ORGANIZATION_RECORDS: set[tuple[str, str]] = set()
# Organization records seen within an agency only by the agencies a path from the record names (a course
# session: the agencies whose requests it took): {record table: (model, path to those agencies, its case's
# field, path to its province, who else may see it: `seen_by`)}, and the rows that are part of such a
# record: {table: (record table, the row's field naming it)}.
_RECORD_AGENCIES: dict[str, tuple] = {}
_RECORD_ROWS: dict[str, tuple[str, str]] = {}
# A record's `agencies` when every agency of its province sees it (an evaluation cycle).
EVERY_AGENCY = "*"
# The tables of such records and of their rows, with the path from a row to the record's province.
_PROVINCE_RECORDS: dict[str, str] = {}
# The tables of those records' cases (the workflow core's).
_RECORD_CASE_TABLES: set[str] = set()
# Tables a service's statements write only some agencies' rows of, in the block that says so (`rows_of`):
# {table: (those agencies, the cases of the organization records whose agencies they are)}.
_COVERED: ContextVar[dict | None] = ContextVar("khedmat_freshness_covered", default=None)
# Organizations by id: whether each is an agency, and its province (neither ever changes).
_ORGANIZATIONS: dict[int, tuple[bool, int | None]] = {}

# The open request's state: the auditlog context it found (the previous request's), and the generations
# it has read ("generations", until its own write moves one).
_request: ContextVar[dict | None] = ContextVar("khedmat_freshness_request", default=None)


def agency_tables(*models, agency: str | None = None) -> None:
    """Declares agency tables (an app's own, from its AppConfig.ready), by model: rows of one agency each,
    shown only to its people and those who read across, as the module's docstring argues for the core's.
    Whoever a grant on them (or on a kind pointing at them) reaches beyond their agency reads across from
    then on (`_reaches_beyond`), so a declaration can cost keeping, never correctness.

    `agency` is the path of foreign keys from a row to its agency ("owner", "case__owner"; `ACROSS` for
    rows only those who read across see): with it, a row saved or deleted by anyone (the Organization's
    staff, a task) moves only its agency's generation (`_note_row`). A row's agency must never change."""
    for model in models:
        table = model if isinstance(model, str) else model._meta.db_table
        _AGENCY_TABLES.add(table)
        if agency is not None and not isinstance(model, str):
            _AGENCY_PATHS[table] = agency
            _AGENCY_MODELS[table] = model
            uid = f"khedmat-freshness-row:{table}"
            post_save.connect(_note_row, sender=model, dispatch_uid=uid, weak=False)
            post_delete.connect(_note_row, sender=model, dispatch_uid=uid, weak=False)
    _reaches_beyond.cache_clear()


def enabled() -> bool:
    # Read per call: tests turn it on for a test.
    return settings.KHEDMAT_LIST_CACHE


def own_beyond_agency(*kind_names: str) -> None:
    """Declares kinds whose OWN rows may be another agency's (found by a national ID, say): whoever is
    granted OWN on one of them, where its rows are or point at an agency table's, reads across."""
    _OWN_BEYOND_AGENCY.update(kind_names)
    _reaches_beyond.cache_clear()


def shared_rows(model, field: str, *kind_names: str) -> None:
    """Declares that the rows of an agency table (declared with its agency's path) whose boolean `field` is
    true are shown beyond their agency, through `kind_names` only, which show no other rows: a grant on
    those kinds does not make its holders read across. Instead, a row that is shared before its write or
    after it moves the global generation when written (`_note_shared`, `_note_row`), and so does any
    statement of the table no signal names, whoever made it."""
    table = model._meta.db_table
    if _AGENCY_PATHS.get(table) in (None, ACROSS):
        raise ValueError(f"{table}: declare it an agency table with its agency's path first")
    _SHARED_ROWS[table] = field
    _SHARED_KINDS.update(kind_names)
    uid = f"khedmat-freshness-shared:{table}"
    pre_save.connect(_note_shared, sender=model, dispatch_uid=uid, weak=False)
    pre_delete.connect(_note_shared, sender=model, dispatch_uid=uid, weak=False)
    _reaches_beyond.cache_clear()


@contextmanager
def rows_of(*models, agencies=(), cases=()) -> None:
    """Within the block, every statement of these models' tables writes only rows of `agencies` (a bulk
    insert, a queryset's update: statements no signal names), rows whose kinds show them within an agency
    only to those agencies' people, as an agency table's, or rows of the organization records whose own
    cases are `cases` (whose agencies are read once the write commits; a case no declared record's is
    everyone's), or of an agency table declared with its agency's path, its rows whose own cases (`case`)
    those are, which name their agencies as they do when saved (a decree's status, following its
    lifecycle's case). The caller's word, which makes such a write those agencies' alone instead of everyone's;
    not for a table with shared rows (`shared_rows`)."""
    covered = dict(_COVERED.get() or {})
    for model in models:
        table = model._meta.db_table
        if table in _SHARED_ROWS:
            raise ValueError(f"{table}: its rows may be shared beyond their agency")
        before = covered.get(table, (frozenset(), frozenset()))
        covered[table] = (before[0] | frozenset(agencies), before[1] | frozenset(cases))
    token = _COVERED.set(covered)
    try:
        yield
    finally:
        _COVERED.reset(token)


# Who reads within an agency.


def organization_records(
    model,
    field: str = "case",
    *,
    agencies: str | None = None,
    province: str | None = None,
    rows=None,
    seen_by=None,
) -> None:
    """Declares that `model.field` points at the record's own case, which only the Organization opens and
    owns (an evaluation cycle's timeline, a course session's): a grant on the record beyond the agency
    shows no agency's row through it. Such a case's writes move the global generation (`_agency_kind`),
    since people of every agency may see it.

    Unless `agencies` says which agencies' people may see the record (a path from it to each, as its
    permission kinds' agency scope says: a session is seen by the agencies whose requests it took): then the
    record's rows, the rows that are part of it (`rows`: {model: the field naming the record}) and its
    case's rows are that record's agencies' (`_record_agencies`, read once the write has committed), and
    its province's (`province`, the path to it its kinds' province scope reads). Whoever is granted the
    record's kinds beyond the agency reads across, or within their province, as for any agency table.

    `seen_by(ids, alias)`: the organizations of the people who may see the records `ids` otherwise than
    through `agencies` (by who they are: a round's venues' supervisors, by national ID), read from the
    database `alias` with them; their generations, and their provinces', move on too.

    `agencies=EVERY_AGENCY`: every agency of the record's province may see it (an evaluation cycle, granted
    to the agencies' people within their province), and its writes move all of them. A grant of their
    province on its kinds, or on kinds of its rows (or of rows pointing only at them) whose province scope
    reads the record's province through them, then keeps an agency's people reading within their agency
    (`_province_records`)."""
    table = model._meta.db_table
    if agencies == EVERY_AGENCY and not province:
        raise ValueError(f"{table}: a record every agency of its province sees needs its province's path")
    _ORGANIZATION_RECORDS.add((table, field))
    if agencies == EVERY_AGENCY:
        _PROVINCE_RECORDS[table] = province
        _PROVINCE_RECORDS.update(
            {part._meta.db_table: f"{name}__{province}" for part, name in (rows or {}).items()}
        )
    if agencies is not None:
        _RECORD_AGENCIES[table] = (model, agencies, field, province, seen_by)
        _RECORD_CASE_TABLES.add(model._meta.get_field(field).related_model._meta.db_table)
        parts = {model: "pk", **(rows or {})}
        for part, name in parts.items():
            part_table = part._meta.db_table
            _AGENCY_TABLES.add(part_table)
            _RECORD_ROWS[part_table] = (table, name if name == "pk" else f"{name}_id")
            uid = f"khedmat-freshness-record:{part_table}"
            post_save.connect(_note_row, sender=part, dispatch_uid=uid, weak=False)
            post_delete.connect(_note_row, sender=part, dispatch_uid=uid, weak=False)
    _reaches_beyond.cache_clear()


def organization_rows(model, *fields: str) -> None:
    """Declares that `model`'s `fields` point only at rows of an agency table that the Organization itself
    owns (a document it issues to itself: a cycle's results book, a body member's letter). Such a row's
    writes move the global generation (`_Writes.name_row`: its owner is no agency), so a grant on `model`
    beyond the agency shows no agency's row through them."""
    _ORGANIZATION_RECORDS.update((model._meta.db_table, field) for field in fields)
    _reaches_beyond.cache_clear()


def _points_at_agency_table(model) -> bool:
    if model._meta.db_table in _AGENCY_TABLES:
        return True
    return any(
        field.concrete
        and (field.many_to_one or field.one_to_one)
        and field.related_model is not None
        and field.related_model._meta.db_table in _AGENCY_TABLES
        and (model._meta.db_table, field.name) not in _ORGANIZATION_RECORDS
        for field in model._meta.get_fields()
    )


def _province_records(kind) -> bool:
    """Whether the kind's rows are records every agency of their province sees (`EVERY_AGENCY`), rows of
    them, or rows pointing at agency tables only at those, each found by its province through them: a grant
    of their province shows an agency's people only rows whose writes move their agency."""
    table = kind.model_class._meta.db_table
    if table in _PROVINCE_RECORDS:
        return kind.province_path == _PROVINCE_RECORDS[table]
    if table in _AGENCY_TABLES:
        return False
    pointers = [
        field
        for field in kind.model_class._meta.get_fields()
        if field.concrete
        and (field.many_to_one or field.one_to_one)
        and field.related_model is not None
        and field.related_model._meta.db_table in _AGENCY_TABLES
        and (table, field.name) not in _ORGANIZATION_RECORDS
    ]
    return bool(pointers) and all(
        field.related_model._meta.db_table in _PROVINCE_RECORDS
        and kind.province_path == f"{field.name}__{_PROVINCE_RECORDS[field.related_model._meta.db_table]}"
        for field in pointers
    )


@functools.cache
def _reaches_beyond(level: str) -> frozenset:
    """The principals granted more than their `level` ("agency" or "province") on some kind whose rows are, or
    point at, an agency table's (any action: what a person may do they may also see), or their own rows of
    such a kind where those may be another agency's (`own_beyond_agency`). Beyond a province, too: a
    province scope that finds every province's rows, and any row of a table only those who read across
    follow (the outbox)."""
    from apps.accounts import permissions

    province = level == "province"
    bound = permissions.PROVINCE if province else permissions.AGENCY
    found = set()
    for kind_name, actions in permissions.table().items():
        kind = permissions.kind(kind_name)
        if kind_name in _PUBLISHED | _SHARED_KINDS or not _points_at_agency_table(kind.model_class):
            continue
        across = province and _AGENCY_PATHS.get(kind.model_class._meta.db_table) == ACROSS
        every = province and kind.province_path == permissions.EVERY_PROVINCE
        limit = permissions.PROVINCE if not province and _province_records(kind) else bound
        for grants in actions.values():
            found.update(
                p
                for p, scopes in grants.items()
                if across
                or max(scopes) > limit
                or (every and permissions.PROVINCE in scopes)
                or (kind_name in _OWN_BEYOND_AGENCY and permissions.OWN in scopes)
            )
    return frozenset(found)


def _reader_within(user, org_kind: str, level: str):
    """The person's organization, when it is of `org_kind` and nothing they are granted reaches beyond its
    `level`; else None (nobody, an administrator, a person who reads across)."""
    from apps.accounts.permissions import principals_of

    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_superuser:
        return None
    if not user.organization_id or user.organization.kind != org_kind:
        return None
    if principals_of(user) & _reaches_beyond(level):
        return None
    return user.organization


def reader_province(user) -> int | None:
    """The province whose rows are all this person may see of the agency tables, when they read across
    its agencies but not beyond (a province's Organization's staff), or None."""
    from apps.accounts.roles import OrgKind

    organization = _reader_within(user, OrgKind.PROVINCE, "province")
    return organization.province_id if organization is not None else None


def reader_agency(user) -> int | None:
    """The agency whose rows are all this person may see of the agency tables, or None when they read
    within a province (`reader_province`) or across (or are nobody): the Organization's staff, national
    roles, administrators."""
    from apps.accounts.roles import OrgKind

    organization = _reader_within(user, OrgKind.AGENCY, "agency")
    return organization.pk if organization is not None else None


# Reading what is kept.


def _new_generation(key: str) -> str:
    """A first generation, when the cache has none (a fresh or restarted Redis)."""
    cache.add(key, uuid.uuid4().hex, timeout=None)
    return cache.get(key)


def advance() -> None:
    """Every value kept so far is stale."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def advance_agency(agency_ids, province_ids=(), connection=None) -> None:
    """Values kept for these agencies' people, for those who read within their provinces or these provinces,
    and for those who read across are stale."""
    provinces = set(province_ids)
    provinces.update(filter(None, (_organization(a, connection)[1] for a in agency_ids)))
    moved = {_AGENCY_KEY.format(agency_id): uuid.uuid4().hex for agency_id in agency_ids}
    moved.update({_PROVINCE_KEY.format(province_id): uuid.uuid4().hex for province_id in provinces})
    cache.set_many({**moved, ACROSS_KEY: uuid.uuid4().hex}, timeout=None)


def _generations_moved() -> None:
    """The request wrote: what it reads from now on is read after its write."""
    state = _request.get()
    if state is not None:
        state.pop("generations", None)


class _LocalCopies:
    """The process's copies of kept values, by key: (generations, own generations, pickled value, when).
    A lock keeps them whole where a process serves requests on several threads."""

    def __init__(self):
        self.entries: OrderedDict = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or time.monotonic() - entry[3] > KEPT_SECONDS:
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, current, depends, value) -> None:
        try:
            blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        except Exception:
            return  # kept in the shared cache only
        with self.lock:
            self._drop(key)
            self.entries[key] = (current, depends, blob, time.monotonic())
            self.size += len(blob)
            while self.entries and (len(self.entries) > LOCAL_ENTRIES or self.size > LOCAL_BYTES):
                self._drop(next(iter(self.entries)))

    def _drop(self, key: str) -> None:
        entry = self.entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry[2])

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


_LOCAL = _LocalCopies()


def kept(parts: tuple[str, ...], compute, reader=None, *, shared: bool = False):
    """compute()'s value, computed once per generation for the same `parts` (which must name everything
    the value depends on besides the database: the user, the address, the day).

    `reader` is the person whose rows the value shows (`reader_agency`): with none, the value is read
    afresh after any write in any agency, as for those who read across.

    `shared`: the value reads no agency table's rows (a person's account, their saved views): it is read
    afresh only after a write to a shared table (the global generation), and stays kept through every
    agency's writes. A `shared` value whose computation reads an agency table is not kept (and an error is
    logged)."""
    if not enabled() or uncommitted_writes(connection):
        return compute()
    key = "khedmat:kept:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()
    agency = reader_agency(reader) if reader is not None and not shared else None
    province = reader_province(reader) if reader is not None and not shared and agency is None else None
    if agency is not None:
        agency_key = _AGENCY_KEY.format(agency)
    else:
        agency_key = _PROVINCE_KEY.format(province) if province is not None else None
    moved_key = _MOVED_KEY.format(reader.pk) if agency_key is not None else None
    own_keys = list(_OWN_GENERATIONS.values())
    wanted = [GENERATION_KEY, ACROSS_KEY, *own_keys, *filter(None, (agency_key, moved_key))]
    state = _request.get()
    seen = state.setdefault("generations", {}) if state is not None else {}
    local = _LOCAL.get(key) if state is not None and all(k in seen for k in wanted) else None
    try:
        if local is not None:
            found = dict(seen)  # no round trip: the request's generations and the process's copy
        else:
            # One round trip reads the generations and what was kept, with the generations it was
            # computed in.
            found = {**cache.get_many([*(k for k in wanted if k not in seen), key]), **seen}
        if moved_key and found.get(moved_key):
            agency_key = None  # moved out of an agency: their own cases there are read across
        scope = ACROSS_KEY if agency_key is None else agency_key
        # (A shared value reads across's generation with the others all the same: the request's next value
        # will want it, and it costs no round trip of its own.)
        current = (
            found.get(GENERATION_KEY) or _new_generation(GENERATION_KEY),
            "" if shared else found.get(scope) or _new_generation(scope),
        )
        own = {k: found.get(k) or _new_generation(k) for k in own_keys}
        if state is not None:
            seen.update({k: found.get(k) for k in wanted})
            seen.update({GENERATION_KEY: current[0], **own})
            if not shared:
                seen[scope] = current[1]
        if local is not None and not _current(local[:2], current, own):
            # The process's copy is older than the request: another process may have kept a newer one.
            local, found[key] = None, cache.get(key)
    except Exception:
        # Without the cache the page is read afresh, as it would be without keeping.
        logger.warning("the list cache cannot be read", exc_info=True)
        return compute()
    if local is not None:
        return pickle.loads(local[2])
    stored = found.get(key)
    # (A value kept by the release before, as two parts, is computed again.)
    if stored is not None and len(stored) == 3 and _current(stored[:2], current, own):
        if state is not None:
            _LOCAL.put(key, *stored)
        return stored[2]
    # The generations were read before the value is computed: a write that commits meanwhile moves one
    # on, so a value is never kept under generations older than what it was computed from.
    value, read = _computed(compute, _AGENCY_TABLES | _RECIPIENTS.keys() if shared else frozenset())
    unshown = read & _UNSHOWN_TABLES
    if unshown:
        logger.error("a kept value read %s, whose writes move no generation: not kept", sorted(unshown))
        return value
    if shared and read - _WATCHED_READS:
        logger.error("a value kept as shared read %s, agency tables: not kept", sorted(read - _WATCHED_READS))
        return value
    depends = tuple((k, own[k]) for table, k in _OWN_GENERATIONS.items() if table in read)
    try:
        cache.set(key, (current, depends, value), KEPT_SECONDS)
    except Exception:
        logger.warning("the list cache cannot be written", exc_info=True)
        return value
    if state is not None:
        _LOCAL.put(key, current, depends, value)
    return value


def _current(kept_in, current, own) -> bool:
    """Whether a value kept in `kept_in` (its generations, and its own ones) is of these generations."""
    generations, depends = kept_in
    return generations == current and all(own[k] == generation for k, generation in depends)


def _computed(compute, also=frozenset()):
    """compute()'s value, and which of `_UNSHOWN_TABLES`, `_OWN_GENERATIONS` and `also` it read (on any
    database)."""
    read = set()
    watched = _WATCHED_READS | also

    def note(execute, sql, params, many, context):
        if '"' in sql:
            read.update(t for t in watched if f'"{t}"' in sql)
        return execute(sql, params, many, context)

    with ExitStack() as stack:
        for alias in connections:
            stack.enter_context(connections[alias].execute_wrapper(note))
        value = compute()
    return value, read


# Seeing writes.


def _actor():
    """The signed-in person of the request running now, or None (no request, the anonymous)."""
    state = _request.get()
    context = auditlog_value.get(None)
    if state is None or context is None or context is state["before"]:
        return None
    actor = context.get("actor")
    return actor if getattr(actor, "is_authenticated", False) else None


class _Writes:
    """What one transaction has written, moved on once it commits (`__call__`)."""

    def __init__(self, alias: str = "default"):
        self.alias = alias  # the connection written on, where the records' agencies are read
        self.tables: set[str] = set()
        self.shared: set[str] = set()  # the tables (or COPY) that make the write global, whoever made it
        # The agency tables' statements, and their rows a signal named with their agency (`_note_row`).
        self.statements: Counter = Counter()
        self.rows: Counter = Counter()
        self.agencies: set = set()  # those rows' agencies, and those the inbox rows' recipients read in
        self.unnamed = False  # a row with no agency found, or a statement of many rows at once
        self.own: set[str] = set()  # the generations of `_OWN_GENERATIONS` its tables' writes move
        # Organization records written (`_RECORD_AGENCIES`), by table, and the Organization's cases written,
        # whose agencies are those of the records they are the cases of.
        self.records: dict[str, set] = {}
        self.cases: set = set()
        # An agency table's rows written by their own cases (`rows_of`), by table: their paths name their
        # agencies once the write has committed.
        self.case_rows: dict[str, set] = {}
        # Provinces whose readers may see what was written beyond its agencies' (a record's province, an
        # inbox row of one of its staff).
        self.provinces: set = set()

    @property
    def outside(self) -> bool:
        return bool(self.shared)

    def note(self, table: str | None, sql: str = "", params=None, connection=None, many=False) -> None:
        if table in _OWN_GENERATIONS:
            self.own.add(_OWN_GENERATIONS[table])
            return
        covered = _COVERED.get()
        if covered and table in covered:
            self.agencies |= covered[table][0]
            if _AGENCY_PATHS.get(table) not in (None, ACROSS):
                self.case_rows.setdefault(table, set()).update(covered[table][1])
            else:
                self.cases |= covered[table][1]
            self.tables.add(table)
            return
        if table is None or table not in _AGENCY_TABLES | _RECIPIENTS.keys():
            self.shared.add(table or "(copy or truncate)")
            return
        if table in _RECIPIENTS:
            scopes = _recipient_scopes(table, sql, params, connection)
            if scopes is None:
                self.shared.add(f"{table} (marked read, or not read)")
                return
            self.agencies |= scopes[0]
            self.provinces |= scopes[1]
        elif _AGENCY_PATHS.get(table) != ACROSS:
            # (Rows only those who read across see need no agency named: the outbox, inserted in bulk.)
            self.statements[(table, sql.lstrip()[:6].upper())] += 1
            self.unnamed |= many
            if many and table in _SHARED_ROWS:
                self.shared.add(f"{table} (rows that may be shared, unnamed)")
        self.tables.add(table)

    def name_row(self, table: str, operation: str, agency, connection=None, case=None) -> None:
        self.rows[(table, operation)] += 1
        if agency is _UNNAMED:
            self.unnamed = True
        elif agency != ACROSS and not _agency_kind(agency, connection):
            if case is not None:
                self.cases.add(case)  # the Organization's case: a record's, or else everyone's
                self.provinces.add(_organization(agency, connection)[1])
            else:
                # A row of the Organization's own: people of every agency may see it.
                self.shared.add(f"{table} (the Organization's)")
        elif agency != ACROSS:
            self.agencies.add(agency)

    def name_record(self, table: str, operation: str, record_table: str, record) -> None:
        self.rows[(table, operation)] += 1
        if record is None:
            self.unnamed = True
        else:
            self.records.setdefault(record_table, set()).add(record)

    def __call__(self) -> None:
        try:
            self._advance()
        except Exception:
            # The write is committed and the caller's step must not fail after the fact. When what it
            # reached could not be read (an organization record's agencies, an agency's province), it is
            # everyone's; a cache that cannot be reached keeps nothing to be wrong about for long (lists are
            # kept for minutes).
            logger.exception("the list cache's generations could not be advanced by agency")
            try:
                advance()
            except Exception:
                logger.exception("the list cache's generations could not be advanced")

    def _advance(self) -> None:
        _generations_moved()
        if self.own:
            cache.set_many({key: uuid.uuid4().hex for key in self.own}, timeout=None)
            if not self.tables and not self.shared:
                return  # only tables of their own generation written
        agencies = self._agencies()
        if agencies is None:
            if logger.isEnabledFor(logging.DEBUG):
                # Which writes still empty everyone's kept lists, and why (bench/README: the mixed load).
                logger.debug(
                    "global write: actor=%s shared=%s tables=%s unnamed=%s",
                    getattr(_actor(), "username", None),
                    sorted(self.shared),
                    sorted(self.tables),
                    sorted(k for k, n in self.statements.items() if n > self.rows[k]) or self.unnamed,
                )
            advance()
        else:
            logger.debug("agency write: agencies=%s tables=%s", sorted(agencies), sorted(self.tables))
            advance_agency(agencies, self.provinces - {None}, connections[self.alias])

    def _unnamed(self) -> bool:
        """Whether some agency table's row was written with no signal naming its agency: a queryset's
        update or delete, a bulk insert, a save that tried an update before its insert."""
        return self.unnamed or any(count > self.rows[key] for key, count in self.statements.items())

    def _agencies(self) -> set | None:
        """The agencies whose people's kept values this transaction's writes may change (besides those
        who read across, always), or None for a global write."""
        if self.outside:
            return None
        if any(n > self.rows[key] for key, n in self.statements.items() if key[0] in _SHARED_ROWS):
            # Rows no signal named may be shared ones, seen by every agency: no writer's agency bounds them.
            return None
        agencies = set(self.agencies)
        for table, cases in self.case_rows.items():
            found = _case_rows_agencies(table, cases, self.alias)
            if found is None:
                return None
            agencies |= found
        if self.records or self.cases:
            found = _record_agencies(self.records, self.cases, self.alias, self.provinces)
            if found is None:
                return None
            agencies |= found
        if self._unnamed():
            # Rows of an unknown agency: local only when an agency writer wrote them, who reaches no other.
            writer = self._writer_agency()
            if writer is None:
                return None
            agencies.add(writer)
        return agencies

    def _writer_agency(self) -> int | None:
        """The agency of the person writing, when they read within it and have not moved, or None."""
        state = _request.get()
        actor = _actor()
        if actor is None or state is None:
            return None
        agency = reader_agency(actor)
        if agency is None or cache.get(_MOVED_KEY.format(actor.pk)):
            return None
        return agency


def _agency_of(instance, path: str):
    """The agency a row names through `path`, `ACROSS`, or `_UNNAMED`."""
    if path == ACROSS:
        return ACROSS
    *through, last = path.split("__")
    row = instance
    try:
        for name in through:
            row = getattr(row, name)
            if row is None:
                return _UNNAMED
        agency = getattr(row, f"{last}_id")
    except ObjectDoesNotExist:
        return _UNNAMED
    return _UNNAMED if agency is None else agency


def _case_of(instance, path: str):
    """The id of the case a row is, or hangs on (its path's first step), when it is an organization record's
    kind of case; else None."""
    if instance._meta.db_table in _RECORD_CASE_TABLES:
        return instance.pk
    field = instance._meta.get_field(path.split("__", 1)[0])
    related = getattr(field, "related_model", None)
    if related is not None and related._meta.db_table in _RECORD_CASE_TABLES:
        return getattr(instance, field.attname)
    return None


def _case_rows_agencies(table: str, cases: set, alias: str) -> set | None:
    """The agencies of an agency table's rows whose own cases are `cases`, by its path, read from the database
    written once the write has committed (a row's agency never changes); None when one is no agency's."""
    model, path = _AGENCY_MODELS[table], _AGENCY_PATHS[table]
    if not cases:
        return set()
    found = set(model._base_manager.using(alias).filter(case__in=cases).values_list(path, flat=True))
    if None in found or not all(_agency_kind(agency, connections[alias]) for agency in found):
        return None
    return found


def _record_agencies(records: dict, cases: set, alias: str, provinces: set) -> set | None:
    """The agencies of the organization records written and of those whose cases were, read once the write
    has committed (so a request another transaction gathered into the record before is counted, and one
    gathered after moves its own agency when it commits), from the database written, and their provinces
    added to `provinces`; None when a record or an Organization's case is not a declared record's, or a
    record every agency of its province sees is of no province (its writes are everyone's)."""
    agencies, seen, every_agency_of = set(), set(), set()
    for table, (model, path, field, province, seen_by) in _RECORD_AGENCIES.items():
        ids = records.get(table, set())
        if not ids and not cases:
            continue
        rows = model._base_manager.using(alias).filter(Q(pk__in=ids) | Q(**{f"{field}__in": cases}))
        every = path == EVERY_AGENCY
        columns = [province] if every else [path, *filter(None, [province])]
        for pk, case, named, *province_id in rows.values_list("pk", field, *columns):
            seen.update({(table, pk), ("case", case)})
            if every and named is None:
                return None  # a record of no province: whose it is cannot be said
            if every:
                every_agency_of.add(named)  # its province
                provinces.add(named)
            else:
                if named is not None:
                    agencies.add(named)
                provinces.update(province_id)
        found = {pk for seen_table, pk in seen if seen_table == table}
        if seen_by is not None and found:
            # (An organization that is no agency moves its province's generation: `advance_agency`.)
            agencies.update(filter(None, seen_by(found, alias)))
    if every_agency_of:
        from apps.accounts.models import Organization
        from apps.accounts.roles import OrgKind

        theirs = Organization.objects.using(alias).filter(kind=OrgKind.AGENCY, province__in=every_agency_of)
        agencies.update(theirs.values_list("pk", flat=True))
    wanted = {(table, pk) for table, ids in records.items() for pk in ids} | {("case", c) for c in cases}
    return agencies if wanted <= seen else None


def _note_row(sender, instance, created=False, raw=False, using=None, signal=None, **kwargs):
    """An agency table's row saved or deleted: the transaction's write names the row's agency."""
    if raw or not enabled():
        return
    connection = connections[using]
    # Outside a transaction the statement has committed and moved on already, by its writer.
    writes = _pending(connection) if connection.in_atomic_block else None
    if writes is None:
        return
    operation = "DELETE" if signal is post_delete else "INSERT" if created else "UPDATE"
    table = sender._meta.db_table
    if table in (_COVERED.get() or {}):
        return  # the service said whose rows the block writes (`rows_of`), which is what its kinds show
    if table in _RECORD_ROWS:
        record_table, field = _RECORD_ROWS[table]
        writes.name_record(table, operation, record_table, getattr(instance, field))
        return
    path = _AGENCY_PATHS[table]
    case = _case_of(instance, path) if _RECORD_CASE_TABLES and path != ACROSS else None
    writes.name_row(table, operation, _agency_of(instance, path), connection, case)
    field = _SHARED_ROWS.get(table)
    before = instance.__dict__.pop(_SHARED_BEFORE, False)
    if field is not None and (before or getattr(instance, field)):
        # Shared after the write, or before it: every agency granted the shared rows' kinds may see it.
        writes.shared.add(f"{table} (a shared row)")


# Set on a row by `_note_shared` when it was shared before its save or delete (read by `_note_row`).
_SHARED_BEFORE = "_khedmat_freshness_shared_before"


def _note_shared(sender, instance, raw=False, using=None, **kwargs):
    """Before a row of a table with shared rows is saved or deleted: whether it is shared as committed. The
    row is locked, so a write that shares it cannot commit between this read and this transaction's write
    (SQLite has none to lock: its writers take the database's lock as their transaction begins)."""
    if raw or not enabled() or instance.pk is None:
        return
    if not connections[using].in_atomic_block:
        return  # an autocommit statement: no signal names its row, and the table's are then global
    field = _SHARED_ROWS[sender._meta.db_table]
    rows = sender._base_manager.using(using).select_for_update(no_key=True).filter(pk=instance.pk)
    if any(rows.values_list(field, flat=True)):
        instance.__dict__[_SHARED_BEFORE] = True


def _organization(organization_id: int, connection) -> tuple[bool, int | None]:
    """Whether the organization is an agency (not a province's Organization, not the nation's), and its
    province."""
    if organization_id not in _ORGANIZATIONS:
        from apps.accounts.models import Organization
        from apps.accounts.roles import OrgKind

        found = (
            Organization.objects.using(connection.alias if connection else "default")
            .filter(pk=organization_id)
            .values_list("kind", "province_id")
            .first()
        )
        if found is None:
            return False, None  # not committed yet, or gone: when in doubt, global
        _ORGANIZATIONS[organization_id] = (found[0] == OrgKind.AGENCY, found[1])
    return _ORGANIZATIONS[organization_id]


def _agency_kind(organization_id: int, connection) -> bool:
    return _organization(organization_id, connection)[0]


def _recipient_scopes(table: str, sql: str, params, connection) -> tuple[set, set] | None:
    """The agencies and provinces whose people an INSERT of inbox rows is for, as they read (those who read
    across need none), or None when the statement is not such an insert or its recipients cannot be read
    from it."""
    if not sql.lstrip().upper().startswith("INSERT") or connection is None or params is None:
        return None
    try:
        columns = [c.strip().strip('"') for c in sql.split("(", 1)[1].split(")", 1)[0].split(",")]
        at = columns.index(_RECIPIENTS[table])
        # PostgreSQL's bulk insert sends one array per column; otherwise the rows' values follow each other.
        ids = set(params[at]) if "UNNEST" in sql.upper() else set(list(params)[at :: len(columns)])
    except (ValueError, IndexError, TypeError):
        return None
    from apps.accounts.models import User

    people = list(
        User.objects.using(connection.alias).select_related("organization", "unit").filter(pk__in=ids)
    )
    return (
        {agency for agency in map(reader_agency, people) if agency is not None},
        {province for province in map(reader_province, people) if province is not None},
    )


def _pending(connection) -> _Writes | None:
    for _, func, _ in connection.run_on_commit:
        if isinstance(func, _Writes):
            return func
    return None


def uncommitted_writes(connection) -> bool:
    """Whether the connection's open transaction has written (and so holds an advance for its commit)."""
    return connection.in_atomic_block and _pending(connection) is not None


def written(connection, table: str | None = None, sql: str = "", params=None, many=False) -> None:
    """A write reached the database on `connection`: advance now, or when its transaction commits.
    Without a `table` (a COPY), the write is a global one."""
    if not enabled():
        return
    if connection.in_atomic_block:
        # One per transaction; a savepoint rolled back takes its registration with it only when it was
        # made inside the savepoint, and then the savepoint's writes are gone too.
        writes = _pending(connection)
        if writes is None:
            writes = _Writes(connection.alias)
            connection.on_commit(writes)
        writes.note(table, sql, params, connection, many)
    else:
        writes = _Writes(connection.alias)
        writes.note(table, sql, params, connection, many)
        writes()


def _note_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    head = sql.lstrip()[:6].upper()
    if head in _WRITES:
        # The first quoted name is the table written: INSERT INTO "t", UPDATE "t", DELETE FROM "t"
        # (a TRUNCATE names several).
        table = sql.split('"', 2)[1] if '"' in sql else ""
        if head == "TRUNCA" or not table:
            written(context["connection"])
        elif table not in _UNSHOWN_TABLES:
            written(context["connection"], table, sql, None if many else params, many)
    return result


def _watch(sender, connection, **kwargs):
    # First in the list: execute_wrapper() blocks pop the last wrapper when they end.
    if _note_write not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _note_write)


def _advance_after_migrate(sender, **kwargs):
    if enabled():
        _Writes()()


def _request_opens(sender, **kwargs):
    # The auditlog context still set is the previous request's: this request's actor is the next one's.
    _request.set({"before": auditlog_value.get(None)})


def _request_ends(sender, **kwargs):
    _request.set(None)


def _note_move(sender, instance, update_fields=None, raw=False, **kwargs):
    """A person's organization changed: from now on they read across and write globally (their own
    cases stay in the agency they leave)."""
    if raw or instance.pk is None or (update_fields is not None and "organization" not in update_fields):
        return
    if not enabled():
        return
    before = sender.objects.filter(pk=instance.pk).values_list("organization_id", flat=True).first()
    if before is not None and before != instance.organization_id:
        try:
            cache.set(_MOVED_KEY.format(instance.pk), True, timeout=None)
        except Exception:
            logger.exception("a person's move could not be remembered")


def watch_writes() -> None:
    """Called once at start-up (`CoreConfig.ready`), for connections open already and those to come."""
    connection_created.connect(_watch, dispatch_uid="khedmat-freshness")
    post_migrate.connect(_advance_after_migrate, dispatch_uid="khedmat-freshness")
    request_started.connect(_request_opens, dispatch_uid="khedmat-freshness")
    request_finished.connect(_request_ends, dispatch_uid="khedmat-freshness")
    pre_save.connect(_note_move, sender=settings.AUTH_USER_MODEL, dispatch_uid="khedmat-freshness-move")
    for open_connection in connections.all(initialized_only=True):
        _watch(None, open_connection)
