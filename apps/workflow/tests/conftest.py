"""A small review process declared for the workflow core's own tests."""

import pytest

from apps.accounts.roles import Role
from apps.workflow.process import Action, Process, Side, Step, WorkingDays, register
from apps.workflow.services import case_open

# The "test" service's rows of the permission table, for each test here.
from apps.workflow.tests.service_table import test_service_table  # noqa: F401


def _needs_attachment(case, actor) -> str:
    return "" if case.attachments.exists() else "ابتدا پیوست را بارگذاری کنید."


def _note_decision(case, actor, reason):
    return {"decided_by": actor.username}


REVIEW = register(
    Process(
        name="test.review",
        label="بررسی آزمایشی",
        service="test",
        initial="submitted",
        unit="management",
        steps=(
            Step(
                "submitted",
                "در انتظار کارشناس",
                actors=(Role.ORG_EXPERT, Role.ORG_GROUP_HEAD),
                side=Side.PROVINCE,
                allowance=WorkingDays(1),
                actions=(
                    Action("approve", "تأیید", to="national_review", effect=_note_decision),
                    Action("return", "بازگرداندن", to="returned", reason_required=True),
                    Action("reject", "رد", to="rejected", reason_required=True),
                    Action("archive", "بایگانی", to="rejected", guard=_needs_attachment),
                ),
            ),
            Step(
                "returned",
                "بازگشت به دستگاه",
                actors=(Role.AGENCY_OFFICER,),
                side=Side.OWNER,
                allowance=WorkingDays(3),
                actions=(Action("resubmit", "ارسال دوباره", to="submitted"),),
            ),
            Step(
                "national_review",
                "در انتظار سازمان ملی",
                actors=(Role.NATIONAL_OFFICER,),
                side=Side.NATIONAL,
                allowance=WorkingDays(7),
                actions=(Action("approve", "تأیید نهایی", to="done"),),
            ),
            Step("done", "پایان یافته", final=True),
            Step("rejected", "رد شده", final=True),
        ),
    )
)


@pytest.fixture
def open_case(agency_officer, province, national, management_unit):
    def _open(title="درخواست آزمایشی", owner=None, actor=None):
        actor = actor or agency_officer
        return case_open(
            process_name=REVIEW.name, owner=owner or actor.organization, actor=actor, title=title
        )

    return _open
