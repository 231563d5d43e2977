"""Spreadsheets of service B: the learner form (فرم اطلاعات فراگیران), the annual calendar and exam scores."""

from decimal import Decimal

from apps.accounts.models import Organization, User
from apps.core.errors import InvalidError
from apps.core.spreadsheets import Column, ImportSpec, max_length, register

from .models import Category, Course, CourseSession, EmploymentType, Learner, Mode
from .permissions import COURSE, LEARNER, SCORE
from .rules import EXAM_TOTAL_MARK
from .services.sessions import scores_record

LEARNER_IMPORT = "training-learners"
CALENDAR_IMPORT = "training-calendar"
SCORES_IMPORT = "training-scores"


@register
class LearnerImport(ImportSpec):
    """Read by `request_file` with the request's course in the context; the template is offered to agencies."""

    name = LEARNER_IMPORT
    label = "فرم اطلاعات فراگیران دوره"
    # Who files a request fills its learner form (the template is theirs to download).
    kind, action = LEARNER, "create"
    columns = (
        Column("نام و نام خانوادگی", "full_name", validator=max_length(200), example="مریم احمدی"),
        Column("کد ملی", "national_id", type="national_id", unique=True),
        Column("نوع استخدام", "employment_type", type="choice", choices=EmploymentType.choices),
        Column("پست سازمانی", "post", validator=max_length(200), example="کارشناس امور اداری"),
        Column("مدرک تحصیلی", "education", validator=max_length(100), example="کارشناسی"),
        Column("شماره همراه", "mobile", type="mobile"),
    )

    def existing_keys(self, context: dict) -> dict[str, set]:
        # A person already on a live request of the same course is refused (seed: one seat per course).
        if not context.get("course_id"):
            return {}
        taken = (
            Learner.objects.filter(request__course_id=context["course_id"])
            .exclude(request__case__state="cancelled")
            .exclude(request_id=context.get("request_id"))
            .values_list("national_id", flat=True)
        )
        return {"national_id": set(taken)}

    def save(self, rows, context: dict) -> int:
        if not context.get("request_id"):
            raise InvalidError("فرم فراگیران را از صفحه ثبت درخواست دوره بارگذاری کنید.")
        Learner.objects.bulk_create(
            [
                Learner(request_id=context["request_id"], organization_id=context["organization_id"], **row)
                for row in rows
            ]
        )
        return len(rows)


def _month(value: int) -> None:
    if not 1 <= value <= 12:
        raise ValueError("ماه باید عددی از ۱ تا ۱۲ باشد.")


def _positive(value) -> None:
    if value < 1:
        raise ValueError("باید بزرگ‌تر از صفر باشد.")


def _score(value: Decimal) -> None:
    if not 0 <= value <= EXAM_TOTAL_MARK:
        raise ValueError(f"نمره باید بین ۰ و {int(EXAM_TOTAL_MARK)} باشد.")


def _province_id(context: dict) -> int | None:
    """The importing organization's province: the calendar it writes is that province's."""
    found = Organization.objects.filter(pk=context.get("organization_id"))
    return found.values_list("province_id", flat=True).first()


@register
class CalendarImport(ImportSpec):
    """The annual calendar from the training group's spreadsheet, all courses or none."""

    name = CALENDAR_IMPORT
    label = "تقویم آموزشی سالانه"
    kind, action = COURSE, "manage"
    columns = (
        Column("سال", "year", type="int", example="1405"),
        Column("عنوان دوره", "title", validator=max_length(200), example="مهارت‌های ارتباطی در محیط کار"),
        Column("گروه دوره", "category", type="choice", choices=Category.choices),
        Column("سرفصل مصوب", "syllabus", example="اصول ارتباط مؤثر؛ گوش دادن فعال؛ مدیریت تعارض"),
        Column("ساعت آموزشی", "hours", type="int", validator=_positive, example="16"),
        Column("شهریه هر نفر (ریال)", "tuition", type="int", example="25000000"),
        Column("ماه برگزاری", "planned_month", type="int", validator=_month, example="3"),
        Column("نحوه اجرا", "mode", type="choice", choices=Mode.choices),
        Column(
            "محل برگزاری", "venue", required=False, validator=max_length(200), example="سالن آموزش سازمان"
        ),
        Column("ظرفیت", "capacity", type="int", validator=_positive, example="30"),
    )

    def validate_row(self, row, context: dict) -> list[str]:
        taken = Course.objects.filter(province_id=_province_id(context), year=row["year"], title=row["title"])
        if taken.exists():
            return ["این دوره در تقویم همین سال پیش‌تر ثبت شده است."]
        return []

    def save(self, rows, context: dict) -> int:
        province_id = _province_id(context)
        Course.objects.bulk_create(
            [Course(**{**row, "venue": row["venue"] or ""}, province_id=province_id) for row in rows]
        )
        return len(rows)


@register
class ScoreImport(ImportSpec):
    """Exam scores of one session, read by national ID; started from the session's scores page."""

    name = SCORES_IMPORT
    label = "نمره‌های آزمون پایان دوره"
    kind, action = SCORE, "edit"
    columns = (
        Column("کد ملی", "national_id", type="national_id", unique=True),
        Column("نمره", "score", type="decimal", validator=_score, example="75"),
    )

    def validate_row(self, row, context: dict) -> list[str]:
        if not context.get("session_id"):
            return ["نمره‌ها را از صفحه اجرای دوره بارگذاری کنید."]
        known = Learner.objects.filter(
            request__session_id=context["session_id"], national_id=row["national_id"]
        ).exists()
        return [] if known else ["این کد ملی در فهرست فراگیران این دوره نیست."]

    def save(self, rows, context: dict) -> int:
        session = CourseSession.objects.get(pk=context["session_id"])
        scores = dict(
            Learner.objects.filter(
                request__session_id=context["session_id"], national_id__in=[r["national_id"] for r in rows]
            ).values_list("national_id", "pk")
        )
        return scores_record(
            session=session,
            actor=User.objects.get(pk=context["user_id"]),
            scores={scores[r["national_id"]]: r["score"] for r in rows},
        )
