"""Spreadsheet imports of service D: a cycle's indices, scores from agencies' headquarters systems, and an
agency's own claims for its self-assessment."""

from decimal import Decimal

from apps.accounts import permissions
from apps.accounts.models import Organization, User
from apps.accounts.roles import OrgKind
from apps.core.errors import ServiceError
from apps.core.spreadsheets import Column, ImportSpec, max_length, register

from .models import Cycle, Index, IndexScore, ScoreEntry
from .rules import self_assessment_open
from .services import index_create, score_record_hq, score_self_assess
from .services.common import as_kept, as_number, within_ceiling


def _unkept(model, name: str, value, label: str) -> list[str]:
    """The service's own refusal of a number its column would round, per row, so the file's reader learns
    which row holds it."""
    if value is None:
        return []
    try:
        as_kept(value, model._meta.get_field(name), label)
    except ServiceError as exc:
        return [exc.message]
    return []


def _province_id(context) -> int | None:
    """The importing organization's province: its cycles and agencies are the ones a file names."""
    found = Organization.objects.filter(pk=context.get("organization_id"))
    return found.values_list("province_id", flat=True).first()


def _cycles(rows, context) -> dict[int, Cycle]:
    cycles = Cycle.objects.filter(province_id=_province_id(context), year__in={r["year"] for r in rows})
    return {cycle.year: cycle for cycle in cycles}


@register
class IndexImport(ImportSpec):
    name = "evaluation_indices"
    label = "شاخص‌های ارزیابی عملکرد"
    columns = (
        Column("سال دوره", "year", type="int", example="1404"),
        Column("کد", "code", validator=max_length(30), example="G-01"),
        Column("عنوان", "title", validator=max_length(300), example="استقرار دولت الکترونیک"),
        Column("نوع", "kind", type="choice", choices=Index.Kind.choices),
        Column("محور", "axis", required=False, validator=max_length(200)),
        Column("حداکثر امتیاز", "max_score", type="decimal", example="50"),
        Column("وزن", "weight", type="decimal", example="1"),
        Column("جهت مطلوب", "direction", type="choice", choices=Index.Direction.choices),
        Column("استاندارد", "standard", type="decimal", required=False),
        Column("واحد سنجش", "unit", required=False, validator=max_length(60)),
        Column("مستندات لازم", "evidence_required", type="choice", choices=[(True, "بله"), (False, "خیر")]),
        Column("کد دستگاه‌ها (خالی یعنی همه)", "agencies", required=False, example=""),
    )

    def allowed(self, user) -> bool:
        return permissions.may(user, "evaluation.index", "bulk")

    def validate_row(self, row, context) -> list[str]:
        cycle = _cycles([row], context).get(row["year"])
        errors = []
        if cycle is None:
            errors.append("دوره ارزیابی این سال تعریف نشده است.")
        elif cycle.phase != Cycle.Phase.SETUP:
            errors.append("شاخص‌های این دوره ابلاغ شده و دیگر تغییر نمی‌کند.")
        elif Index.objects.filter(cycle=cycle, code=row["code"]).exists():
            errors.append("شاخصی با این کد در این دوره هست.")
        if row["max_score"] <= 0 or row["weight"] <= 0:
            errors.append("حداکثر امتیاز و وزن باید بیشتر از صفر باشد.")
        for name, label in (("max_score", "حداکثر امتیاز"), ("weight", "وزن"), ("standard", "استاندارد")):
            errors += _unkept(Index, name, row[name], label)
        codes = _agency_codes(row)
        known = set(
            Organization.objects.filter(
                kind=OrgKind.AGENCY, province_id=_province_id(context), code__in=codes
            ).values_list("code", flat=True)
        )
        if codes - known:
            errors.append(f"دستگاه با کد {'، '.join(sorted(codes - known))} یافت نشد.")
        return errors

    def save(self, rows, context) -> int:
        actor = User.objects.get(pk=context["user_id"])
        cycles = _cycles(rows, context)
        agencies = dict(
            Organization.objects.filter(kind=OrgKind.AGENCY, province_id=_province_id(context)).values_list(
                "code", "pk"
            )
        )
        for row in rows:
            fields = {
                k: row[k] for k in ("code", "title", "kind", "max_score", "weight", "direction", "standard")
            }
            index_create(
                actor=actor,
                cycle=cycles[row["year"]],
                agency_ids=[agencies[c] for c in _agency_codes(row)],
                axis=row["axis"] or "",
                unit=row["unit"] or "",
                evidence_required=row["evidence_required"],
                **fields,
            )
        return len(rows)


def _agency_codes(row) -> set[str]:
    return {c.strip() for c in str(row.get("agencies") or "").replace("،", ",").split(",") if c.strip()}


@register
class HeadquartersScoreImport(ImportSpec):
    """Seed rows 11–12: scores given by agencies' national headquarters in their own system."""

    name = "evaluation_hq_scores"
    label = "امتیازهای ستاد دستگاه‌ها"
    columns = (
        Column("سال دوره", "year", type="int", example="1404"),
        Column("کد دستگاه", "agency", example="101"),
        Column("کد شاخص", "index", example="G-01"),
        Column("امتیاز", "value", type="decimal", example="40"),
    )

    def allowed(self, user) -> bool:
        return permissions.may(user, "evaluation.claim", "bulk")

    def _score(self, row, context) -> IndexScore | None:
        return (
            IndexScore.objects.filter(
                evaluation__cycle__province_id=_province_id(context),
                evaluation__cycle__year=row["year"],
                evaluation__organization__code=row["agency"],
                index__code=row["index"],
            )
            .select_related("index")
            .first()
        )

    def validate_row(self, row, context) -> list[str]:
        score = self._score(row, context)
        if score is None:
            return ["این شاخص برای این دستگاه در این دوره ارزیابی نمی‌شود (یا شاخص‌ها هنوز ابلاغ نشده است)."]
        if not (Decimal(0) <= row["value"] <= score.index.max_score):
            return [f"امتیاز باید بین صفر و حداکثر امتیاز شاخص ({score.index.max_score}) باشد."]
        return _unkept(ScoreEntry, "value", row["value"], "امتیاز")

    def save(self, rows, context) -> int:
        actor = User.objects.get(pk=context["user_id"])
        for row in rows:
            score_record_hq(actor=actor, score=self._score(row, context), value=row["value"])
        return len(rows)


@register
class ClaimImport(ImportSpec):
    """The agency's self-assessment from one sheet: a row per index (an agency can have several hundred),
    each saved by the same service as the sheet's row, all of them or none."""

    name = "evaluation_claims"
    label = "خودارزیابی شاخص‌ها (ادعای دستگاه)"
    kind = "evaluation.claim"
    action = "act"
    columns = (
        Column("سال دوره", "year", type="int", example="1404"),
        Column("کد شاخص", "index", unique=True, validator=max_length(30), example="G-01"),
        Column("عملکرد واقعی", "actual", type="decimal", required=False, example=""),
        Column("امتیاز ادعایی", "claimed", type="decimal", required=False, example="40"),
        Column("توضیح", "description", required=False, validator=max_length(2000), example=""),
    )

    def _score(self, row, context) -> IndexScore | None:
        return (
            IndexScore.objects.filter(
                evaluation__cycle__year=row["year"],
                evaluation__organization_id=context["organization_id"],
                index__code=row["index"],
            )
            .select_related("index", "evaluation__cycle", "evaluation__case")
            .first()
        )

    def validate_row(self, row, context) -> list[str]:
        # The service's own rules (score_self_assess), asked before anything is written so that every
        # refused row is named in Persian and none is saved.
        score = self._score(row, context)
        if score is None:
            return ["این شاخص برای دستگاه شما در این دوره ارزیابی نمی‌شود (یا شاخص‌ها هنوز ابلاغ نشده است)."]
        actor = User.objects.get(pk=context["user_id"])
        if not permissions.may(actor, self.kind, self.action, score):
            return ["شما اجازه خودارزیابی این دستگاه را ندارید."]
        if score.evaluation.case.state != "self_assessment":
            return ["خودارزیابی این دستگاه ارسال شده و قابل تغییر نیست."]
        if not self_assessment_open(score.evaluation):
            return ["مهلت خودارزیابی پایان یافته است؛ بازگشایی را از سازمان بخواهید."]
        index = score.index
        try:
            if row["actual"] is not None and index.standard:
                if as_number(row["actual"], "عملکرد واقعی") < 0:
                    return ["عملکرد واقعی نمی‌تواند منفی باشد."]
                as_kept(row["actual"], IndexScore._meta.get_field("actual"), "عملکرد واقعی")
            elif row["claimed"] is not None:
                within_ceiling(row["claimed"], index, "امتیاز ادعایی")
            elif row["actual"] is not None:
                return ["این شاخص استاندارد ندارد؛ امتیاز ادعایی را وارد کنید."]
            else:
                return ["عملکرد واقعی یا امتیاز ادعایی را وارد کنید."]
        except ServiceError as exc:
            return [exc.message]
        return []

    def save(self, rows, context) -> int:
        actor = User.objects.get(pk=context["user_id"])
        for row in rows:
            score_self_assess(
                actor=actor,
                score=self._score(row, context),
                description=row["description"] or "",
                actual=row["actual"],
                claimed=row["claimed"],
            )
        return len(rows)
