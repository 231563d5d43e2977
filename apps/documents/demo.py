"""A demo official letter to each agency about its most recent case."""

from apps.accounts.roles import Role
from apps.workflow.models import Case

from .services import letter_issue


def build(world, agency) -> None:
    case = Case.objects.filter(owner=agency).order_by("-id").first()
    # The letter answers a case, so it comes after the builders that file them (order 95).
    if case is None:
        return
    letter_issue(
        case=case,
        actor=world.org_staff[Role.ORG_EXPERT],
        subject="درخواست تکمیل مستندات پرونده",
        body=(
            "بازگشت به پرونده یادشده، خواهشمند است مستندات مربوط را حداکثر تا پایان هفته جاری "
            "از طریق میز خدمت الکترونیک بارگذاری فرمایید.\n"
            "بدیهی است پس از دریافت مستندات، بررسی پرونده ادامه خواهد یافت."
        ),
    )
