"""Filing a fault report: a case in the fault-report process plus its description."""

from apps.accounts import permissions
from apps.accounts.models import User
from apps.core.checks import check_fields
from apps.core.digits import to_persian_digits
from apps.core.errors import ForbiddenError, InvalidError
from apps.workflow.models import Case
from apps.workflow.services import case_open

from .models import FaultReport
from .workflow import FAULT_REPORT

# The description's column is unbounded text; the limit is the desk's, the page and the API alike.
DESCRIPTION_MAX_LENGTH = 4000


def fault_report_file(
    *, actor: User, category: str, description: str, page_url: str = "", ip: str | None = None
) -> Case:
    if not permissions.may(actor, "support.case", "create"):
        raise ForbiddenError("گزارش خطا را کاربران دستگاه‌های اجرایی ثبت می‌کنند.")
    if category not in FaultReport.Category.values:
        raise InvalidError("نوع خطا را انتخاب کنید.")
    description = description.strip()
    if len(description) < 10:
        raise InvalidError("شرح خطا را دست‌کم در یک جمله بنویسید.")
    if len(description) > DESCRIPTION_MAX_LENGTH:
        raise InvalidError(
            f"شرح خطا حداکثر {to_persian_digits(DESCRIPTION_MAX_LENGTH)} نویسه است؛ گزارش ثبت نشد."
        )
    report = FaultReport(category=category, description=description, page_url=page_url)
    # The page's form holds the address to its column's length; through the API it is held here, before
    # anything is written, rather than by PostgreSQL's DataError (SQLite would store it).
    check_fields(report, only=("page_url",))

    def create_report(case: Case) -> dict:
        report.case = case
        report.save()
        return {"category": category}

    return case_open(
        process_name=FAULT_REPORT.name,
        owner=actor.organization,
        actor=actor,
        title=f"گزارش خطا: {FaultReport.Category(category).label}",
        ip=ip,
        apply=create_report,
    )
