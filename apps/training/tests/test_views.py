"""Service B's pages: what each user sees, what they may not reach, and a constant number of queries."""

import io
import zipfile

import pytest
from django.urls import reverse

from apps.core.jalali import format_date
from apps.core.tests.xlsx import read_rows, xlsx_upload
from apps.training.models import Course, Learner, TrainingRequest
from apps.training.rules import QUORUM
from apps.training.services import sessions as session_services
from apps.workflow.models import Case
from apps.workflow.services import perform

from .conftest import HEADERS, learner_rows, pdf_upload, plan

pytestmark = pytest.mark.django_db


def _request_post(course, rows):
    return {
        "learner_file": xlsx_upload([HEADERS, *rows]),
        "letter_file": pdf_upload(),
        "receipt_file": pdf_upload("receipt.pdf"),
        "receipt_number": "۱۲۳۴۵",
        "receipt_amount": f"{course.tuition * len(rows):,}",
        "receipt_date": "۱۴۰۵/۰۱/۱۰",
    }


def test_the_calendar_is_public_and_downloads_as_xlsx_and_pdf(client, course):
    page = client.get(reverse("training:calendar"))
    assert page.status_code == 200
    assert course.title in page.content.decode()
    assert 'dir="rtl"' in page.content.decode()

    sheet = client.get(reverse("training:calendar_xlsx"))
    assert read_rows(sheet.content)[1][2] == course.title
    pdf = client.get(reverse("training:calendar_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_monthly_program_shows_only_that_month(client, course):
    assert course.title in client.get(reverse("training:calendar"), {"month": 3}).content.decode()
    assert course.title not in client.get(reverse("training:calendar"), {"month": 4}).content.decode()


def test_an_agency_files_a_request_with_persian_digits(login, agency_officer, course, training_expert):
    response = login(agency_officer).post(
        reverse("training:request_new", args=[course.pk]), _request_post(course, learner_rows(0, 3))
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workflow:case_detail", args=[case.tracking_code])
    request = case.training_request
    assert request.receipt_number == "12345" and request.receipt_amount == 3_000_000
    page = login(agency_officer).get(response["Location"]).content.decode()
    assert "فراگیر 1" in page and "۱۴ الی ۲۰ روز کاری" in page


def test_a_malformed_learner_file_is_listed_row_by_row_and_nothing_is_kept(login, agency_officer, course):
    rows = learner_rows(0, 2)
    rows[1][1] = "0000000000"
    response = login(agency_officer).post(
        reverse("training:request_new", args=[course.pk]), _request_post(course, rows)
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert 'data-testid="row-errors"' in body and "کد ملی معتبر نیست." in body
    assert not Case.objects.exists()


def test_the_learner_form_template_is_offered_to_agencies(login, agency_officer):
    response = login(agency_officer).get(reverse("core:import_template", args=["training-learners"]))
    assert response.status_code == 200
    assert list(read_rows(response.content)[0]) == HEADERS


def test_the_training_groups_pages_are_closed_to_agencies(login, agency_officer, course):
    client = login(agency_officer)
    for name, args in (("planning", []), ("course_new", []), ("session_new", [course.pk])):
        assert client.get(reverse(f"training:{name}", args=args)).status_code == 403


def test_another_agencys_request_and_certificates_answer_404(login, certified_request, other_officer):
    client = login(other_officer)
    learner = certified_request.learners.exclude(certificate=None).first()
    assert client.get(reverse("training:request_evaluation", args=[certified_request.pk])).status_code == 404
    assert (
        client.get(reverse("training:request_certificates", args=[certified_request.pk])).status_code == 404
    )
    assert client.get(reverse("training:learner_certificate", args=[learner.pk])).status_code == 404


def test_certificates_download_only_after_both_forms(login, certified_request, agency_officer):
    client = login(agency_officer)
    learner = certified_request.learners.exclude(certificate=None).order_by("pk").first()
    zip_url = reverse("training:request_certificates", args=[certified_request.pk])
    pdf_url = reverse("training:learner_certificate", args=[learner.pk])
    assert client.get(zip_url).status_code == 403
    assert client.get(pdf_url).status_code == 403

    evaluation = {"syllabus": 5, "instructor": 4, "venue": 4, "usefulness": 5, "comment": "خوب"}
    client.post(reverse("training:request_evaluation", args=[certified_request.pk]), evaluation)
    assert client.get(zip_url).status_code == 403
    survey = {"satisfaction": 5, "timeliness": 4, "desk": 5, "comment": ""}
    response = client.post(reverse("training:request_survey", args=[certified_request.pk]), survey)
    assert response.status_code == 302

    archive = zipfile.ZipFile(io.BytesIO(client.get(zip_url).content))
    assert len(archive.namelist()) == 2
    pdf = client.get(pdf_url)
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_certificate_whose_file_is_lost_from_the_disk_is_not_found_not_a_server_error(
    login, certified_request, agency_officer
):
    client = login(agency_officer)
    for path, answers in (
        ("request_evaluation", {"syllabus": 5, "instructor": 4, "venue": 4, "usefulness": 5, "comment": ""}),
        ("request_survey", {"satisfaction": 5, "timeliness": 4, "desk": 5, "comment": ""}),
    ):
        client.post(reverse(f"training:{path}", args=[certified_request.pk]), answers)
    learner = certified_request.learners.exclude(certificate=None).order_by("pk").first()
    learner.certificate.file.storage.delete(learner.certificate.file.name)

    response = client.get(reverse("training:learner_certificate", args=[learner.pk]))

    assert response.status_code == 404


def test_a_rating_outside_one_to_five_is_refused(login, certified_request, agency_officer):
    response = login(agency_officer).post(
        reverse("training:request_survey", args=[certified_request.pk]),
        {"satisfaction": 9, "timeliness": 4, "desk": 5},
    )
    assert response.status_code == 400
    assert not hasattr(TrainingRequest.objects.get(pk=certified_request.pk), "survey")


def test_the_session_page_plans_with_the_quorum(
    login, training_expert, gathered, course, agency_officer, other_officer
):
    cases = [
        gathered(agency_officer, start=0, count=10),
        gathered(other_officer, start=10, count=QUORUM - 11),
    ]
    client = login(training_expert)
    data = {
        "requests": [c.training_request.pk for c in cases],
        "starts_on": "۱۴۰۵/۰۳/۰۱",
        "ends_on": "۱۴۰۵/۰۳/۰۲",
        "place": "سالن",
        "mode": "in_person",
        "instructor": "دکتر کاظمی",
        "meetings": "۱۰",
    }
    response = client.post(reverse("training:session_new", args=[course.pk]), data)
    assert response.status_code == 400
    assert "حد نصاب" in response.content.decode()

    cases.append(gathered(other_officer, start=30, count=1))
    data["requests"] = [c.training_request.pk for c in cases]
    response = client.post(reverse("training:session_new", args=[course.pk]), data)
    assert response.status_code == 302
    assert set(Case.objects.values_list("state", flat=True)) == {"scheduled"}


def test_attendance_and_scores_pages_record_what_is_typed(
    login, training_expert, gathered, course, agency_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    session_services.session_announce(session=session, actor=training_expert)
    client = login(training_expert)
    first = Learner.objects.filter(request__session=session).order_by("pk").first()
    client.post(reverse("training:session_attendance", args=[session.pk]), {f"absent-{first.pk}-1": "on"})
    first.refresh_from_db()
    assert first.absent_hours == 2

    client.post(reverse("training:session_act", args=[session.pk]), {"action": "finish"})
    response = client.post(
        reverse("training:session_scores", args=[session.pk]), {f"score-{first.pk}": "۸۵٫۵"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert str(first.score) == "85.50"

    response = client.post(
        reverse("training:session_scores", args=[session.pk]), {f"score-{first.pk}": "۱۲۰"}
    )
    assert response.status_code == 400
    first.refresh_from_db()
    assert str(first.score) == "85.50"


def test_scores_import_from_xlsx_through_the_core_import(login, training_expert, held_session):
    learners = list(Learner.objects.filter(request__session=held_session).order_by("pk")[:2])
    upload = xlsx_upload([["کد ملی", "نمره"], [learners[0].national_id, "۷۰"], [learners[1].national_id, 55]])
    response = login(training_expert).post(
        reverse("training:session_scores_import", args=[held_session.pk]), {"file": upload}
    )
    assert response.status_code == 302
    assert [x.score for x in Learner.objects.filter(pk__in=[x.pk for x in learners]).order_by("pk")] == [
        70,
        55,
    ]


def test_history_by_national_id_shows_only_the_agencys_own_people(
    login, certified_request, agency_officer, other_officer
):
    learner = certified_request.learners.exclude(certificate=None).first()
    url = reverse("training:history")
    mine = login(agency_officer).get(url, {"national_id": learner.national_id}).content.decode()
    assert certified_request.course.title in mine and learner.certificate.verification_code in mine
    theirs = login(other_officer).get(url, {"national_id": learner.national_id}).content.decode()
    assert learner.certificate.verification_code not in theirs and "سابقه‌ای برای این کد ملی نیست" in theirs


def test_the_dashboard_draws_charts_and_exports_its_tables(login, certified_request, training_expert):
    client = login(training_expert)
    page = client.get(reverse("training:dashboard")).content.decode()
    assert 'id="training-charts"' in page and "chart.umd.min.js" in page and "نرخ قبولی" in page
    rows = read_rows(client.get(reverse("training:dashboard"), {"table": 0}).content)
    assert rows[1][0] == certified_request.course.title and rows[1][3] == 2


@pytest.mark.parametrize("extra", [0, 12])
def test_the_request_list_has_a_constant_number_of_queries(
    login, agency_officer, file_request, django_assert_max_num_queries, extra
):
    for n in range(1 + extra):
        file_request(agency_officer, start=n * 3, count=1)
    client = login(agency_officer)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("training:request_list")).status_code == 200


@pytest.mark.parametrize("extra", [0, 12])
def test_the_calendar_and_planning_have_a_constant_number_of_queries(
    client, login, training_expert, gathered, agency_officer, course, django_assert_max_num_queries, extra
):
    for n in range(extra):
        Course.objects.create(
            province=course.province,
            year=course.year,
            title=f"دوره {n}",
            category=course.category,
            syllabus="سرفصل",
            hours=8,
            tuition=1,
            planned_month=1,
            mode=course.mode,
            capacity=30,
        )
    gathered(agency_officer, count=2)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("training:calendar")).status_code == 200
    client = login(training_expert)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("training:planning")).status_code == 200


@pytest.mark.parametrize("extra", [0, 2])
def test_the_session_list_and_history_have_a_constant_number_of_queries(
    login, training_expert, gathered, course, agency_officer, django_assert_max_num_queries, extra
):
    for n in range(1 + extra):
        # Each in its own hall with its own instructor: sessions may not share either on the same days.
        cases = [gathered(agency_officer, start=n * QUORUM, count=QUORUM)]
        plan(training_expert, course, cases, place=f"کلاس {n}", instructor=f"مدرس {n}")
    client = login(training_expert)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("training:session_list")).status_code == 200
    national_id = Learner.objects.first().national_id
    with django_assert_max_num_queries(12):
        assert client.get(reverse("training:history"), {"national_id": national_id}).status_code == 200


def test_a_returned_request_is_fixed_from_its_page(login, agency_officer, file_request, training_expert):
    case = perform(
        file_request(agency_officer, count=2), "return", actor=training_expert, reason="فیش ناخوانا"
    )
    response = login(agency_officer).post(
        reverse("training:request_fix", args=[case.training_request.pk]), {"receipt_number": "۹۹۹"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "review" and case.training_request.receipt_number == "999"


def test_the_planning_table_exports_what_waits_for_a_session(
    login, training_expert, gathered, agency_officer, course
):
    gathered(agency_officer, count=3)
    rows = read_rows(login(training_expert).get(reverse("training:planning"), {"format": "xlsx"}).content)
    assert rows[1][0] == course.title and rows[1][3] == 3


def test_the_scheduling_page_refuses_a_clash_and_offers_the_open_session_to_merge_into(
    login, training_expert, gathered, course, agency_officer, other_officer
):
    session = plan(training_expert, course, [gathered(agency_officer, count=QUORUM)])
    waiting = gathered(other_officer, start=100, count=QUORUM)
    client = login(training_expert)
    page = client.get(reverse("training:session_new", args=[course.pk]))
    offer = page.content.decode()
    assert 'data-testid="merge-offer"' in offer
    assert reverse("training:session_top_up", args=[session.pk]) in offer

    clash = {
        "requests": [waiting.training_request.pk],
        "starts_on": format_date(session.starts_on),
        "ends_on": format_date(session.ends_on),
        "place": "کلاس دیگر",
        "mode": "in_person",
        "instructor": session.instructor,
        "meetings": "۴",
    }
    refused = client.post(reverse("training:session_new", args=[course.pk]), clash)
    assert refused.status_code == 400
    assert f"مدرس «{session.instructor}»" in refused.content.decode()

    merged = client.post(
        reverse("training:session_top_up", args=[session.pk]),
        {"requests": [waiting.training_request.pk], "from": "scheduling"},
    )
    assert merged.status_code == 302 and merged.url == reverse("training:session_detail", args=[session.pk])
    assert Learner.objects.filter(request__session=session).count() == 2 * QUORUM


def test_the_session_page_warns_below_the_quorum_and_offers_a_top_up(
    login, training_expert, gathered, course, agency_officer, other_officer
):
    leaving = gathered(other_officer, start=100, count=8)
    session = plan(training_expert, course, [gathered(agency_officer, count=12), leaving])
    perform(leaving, "cancel", actor=training_expert, reason="انصراف دستگاه")
    gathered(agency_officer, start=200, count=8)
    client = login(training_expert)

    page = client.get(reverse("training:session_detail", args=[session.pk])).content.decode()
    assert "فراگیران این اجرا: ۱۲ نفر — حد نصاب ۲۰ نفر" in page and "به حد نصاب نمی‌رسد" in page
    assert 'data-testid="top-up-form"' in page
    announced = client.post(
        reverse("training:session_act", args=[session.pk]), {"action": "announce"}, follow=True
    )
    assert "این اجرا ۱۲ فراگیر دارد" in announced.content.decode()
