"""A hire file's page shows who changed which of its fields, from what to what and when (field history)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.field_history import recorded_as
from apps.recruitment.services import hires
from apps.workflow.services import perform


def _history(client, case) -> str:
    """The page's field history section alone."""
    body = client.get(
        reverse("workflow:case_detail", kwargs={"tracking_code": case.tracking_code})
    ).content.decode()
    return body[body.index('data-testid="field-history"') :].split("</details>")[0]


def _returned(register, hr, org_expert, round_, n: int):
    case = register(hr, round_, n)
    return perform(case, "return", actor=org_expert, reason="نام پدر با شناسنامه یکی نیست.")


def test_the_file_page_shows_the_field_its_old_and_new_value_and_who_changed_it(
    registration_round, hr, org_expert, register, login
):
    case = _returned(register, hr, org_expert, registration_round, 0)
    with recorded_as(hr):
        hires.hire_update(
            actor=hr,
            hire=case.hire,
            changes={"father_name": "احمد", "mobile": "09171234567", "education": "master"},
        )
    history = _history(login(org_expert), case)
    assert "تاریخچهٔ تغییرات" in history
    assert "نام پدر" in history and "محمود" in history and "احمد" in history
    # The mobile in Persian digits, the education as its label, the actor by name.
    assert "۰۹۱۶۱۲۳۴۵۶۷" in history and "۰۹۱۷۱۲۳۴۵۶۷" in history
    assert "کارشناسی" in history and "کارشناسی ارشد" in history
    assert hr.get_full_name() in history


def test_another_files_changes_never_show_and_the_queries_do_not_grow(
    registration_round, hr, org_expert, register, login
):
    case = _returned(register, hr, org_expert, registration_round, 0)
    other = _returned(register, hr, org_expert, registration_round, 1)
    with recorded_as(hr):
        hires.hire_update(actor=hr, hire=other.hire, changes={"father_name": "جعفر"})
        hires.hire_update(actor=hr, hire=case.hire, changes={"father_name": "احمد"})
    client = login(org_expert)
    _history(client, case)
    with CaptureQueriesContext(connection) as few:
        history = _history(client, case)
    assert "احمد" in history and "جعفر" not in history
    with recorded_as(hr):
        for n in range(8):
            hires.hire_update(actor=hr, hire=case.hire, changes={"field_of_study": f"مدیریت {n}"})
    with CaptureQueriesContext(connection) as many:
        history = _history(client, case)
    assert "مدیریت ۷" in history
    assert len(many) == len(few)
