"""Spreadsheet exchanges with the national system: the quota ledger, the results, employee numbers.

Each is all or nothing, with a Persian error naming the row; the same headers as the ledger's export.
"""

from apps.accounts.models import Organization, User
from apps.accounts.roles import OrgKind
from apps.core.errors import InvalidError, ServiceError
from apps.core.spreadsheets import Column, ImportSpec, Row, max_length, register

from . import permissions
from .models import Candidate, Hire, QuotaType, Round
from .services.hires import clean_employee_number, hire_finalize
from .services.rounds import job_quota_rows_add, results_publish

AGENCY_CODE = Column("کد دستگاه", "agency_code", validator=max_length(20))
JOB_CODE = Column("کد شغل محل", "job_code", validator=max_length(20), unique=True)
NATIONAL_ID = Column("کد ملی", "national_id", type="national_id", unique=True)


def _actor(context: dict) -> User:
    return User.objects.select_related("organization", "unit").get(pk=context["user_id"])


def _cached(context: dict, key: str, load):
    # Row checks run thousands of times per file: each lookup is read once per job.
    if key not in context:
        context[key] = load()
    return context[key]


def target_round(context: dict) -> Round | None:
    """The round named by the page that started the import, else the newest open one."""

    def load():
        rounds = Round.objects.exclude(stage=Round.Stage.CLOSED)
        if context.get("round_id"):
            return rounds.filter(pk=context["round_id"]).first()
        return rounds.order_by("-created_at", "-id").first()

    return _cached(context, "_round", load)


class _RoundImport(ImportSpec):
    def _round(self, context: dict) -> Round:
        round_ = target_round(context)
        if round_ is None:
            raise InvalidError("دوره جذب بازی برای این ورود اطلاعات نیست.")
        return round_


@register
class QuotaImport(_RoundImport):
    name = "recruitment-quotas"
    label = "سهمیه‌های ابلاغی (شغل محل‌ها) دوره جذب"
    columns = (
        AGENCY_CODE,
        JOB_CODE,
        Column("عنوان شغل", "job_title", validator=max_length(200)),
        Column("شهر", "city", validator=max_length(100)),
        Column("سهمیه ابلاغی", "posts", type="int"),
        Column(
            "ویژه بومیان",
            "natives_only",
            type="choice",
            choices=[(True, "بله"), (False, "خیر")],
            required=False,
        ),
    )

    def allowed(self, user) -> bool:
        return permissions.may_at_all(user, permissions.LEDGER, "bulk")

    def existing_keys(self, context: dict) -> dict[str, set]:
        round_ = target_round(context)
        return {"job_code": set(round_.quotas.values_list("job_code", flat=True))} if round_ else {}

    def validate_row(self, row: Row, context: dict) -> list[str]:
        known = _cached(
            context,
            "_agencies",
            lambda: set(
                Organization.objects.filter(
                    kind=OrgKind.AGENCY, province_id=getattr(target_round(context), "province_id", None)
                ).values_list("code", flat=True)
            ),
        )
        errors = []
        if str(row["agency_code"]) not in known:
            errors.append(f"دستگاهی با کد {row['agency_code']} نیست.")
        if row["posts"] < 1:
            errors.append("سهمیه ابلاغی دست‌کم یک نفر است.")
        return errors

    def save(self, rows: list[Row], context: dict) -> int:
        return job_quota_rows_add(actor=_actor(context), round_=self._round(context), rows=list(rows))


@register
class ResultsImport(_RoundImport):
    name = "recruitment-results"
    label = "نتایج آزمون و فهرست پذیرفته‌شدگان اولیه"
    columns = (
        NATIONAL_ID,
        Column("نام", "first_name", validator=max_length(100)),
        Column("نام خانوادگی", "last_name", validator=max_length(100)),
        Column("کد شغل محل", "job_code", validator=max_length(20)),
        Column("نمره آزمون", "exam_score", type="decimal"),
        Column("سهمیه", "quota_type", type="choice", choices=QuotaType.choices),
    )

    def allowed(self, user) -> bool:
        return permissions.may_at_all(user, permissions.RESULTS, "bulk")

    def existing_keys(self, context: dict) -> dict[str, set]:
        round_ = target_round(context)
        if round_ is None:
            return {}
        return {
            "national_id": set(Candidate.objects.filter(round=round_).values_list("national_id", flat=True))
        }

    def validate_row(self, row: Row, context: dict) -> list[str]:
        round_ = target_round(context)
        if round_ is None:
            return ["دوره جذب بازی برای ورود نتایج نیست."]
        jobs = _cached(context, "_jobs", lambda: set(round_.quotas.values_list("job_code", flat=True)))
        errors = []
        if row["job_code"] not in jobs:
            errors.append(f"شغل محلی با کد {row['job_code']} در این دوره نیست.")
        if not 0 <= row["exam_score"] <= 100:
            errors.append("نمره آزمون باید بین ۰ تا ۱۰۰ باشد.")
        return errors

    # 100,000 rows at a time: written while the file is read (`ImportSpec.streams`).
    streams = True

    def save(self, rows, context: dict) -> int:
        return results_publish(actor=_actor(context), round_=self._round(context), rows=rows)


@register
class EmployeeNumberImport(ImportSpec):
    name = "recruitment-employee-numbers"
    label = "شماره‌های مستخدم (تأیید نهایی گروهی)"
    columns = (NATIONAL_ID, Column("شماره مستخدم", "employee_number", unique=True, validator=max_length(20)))

    def allowed(self, user) -> bool:
        return permissions.may_at_all(user, permissions.EMPLOYEE_NUMBER, "bulk")

    def existing_keys(self, context: dict) -> dict[str, set]:
        return {
            "employee_number": set(
                Hire.objects.exclude(employee_number="").values_list("employee_number", flat=True)
            )
        }

    def validate_row(self, row: Row, context: dict) -> list[str]:
        waiting = _cached(
            context,
            "_waiting",
            lambda: set(Hire.objects.filter(case__state="national").values_list("national_id", flat=True)),
        )
        errors = []
        if row["national_id"] not in waiting:
            errors.append("پرونده‌ای با این کد ملی در انتظار تأیید نهایی نیست.")
        try:
            clean_employee_number(str(row["employee_number"]))
        except ServiceError as exc:
            errors.append(exc.message)
        return errors

    def save(self, rows: list[Row], context: dict) -> int:
        actor = _actor(context)
        hires = {h.national_id: h for h in Hire.objects.filter(case__state="national")}
        for row in rows:
            hire_finalize(
                actor=actor, hire=hires[row["national_id"]], employee_number=str(row["employee_number"])
            )
        return len(rows)
