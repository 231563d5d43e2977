"""The pages: what each role sees, another agency's rows answer 404, lists keep a constant number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.core.tests.xlsx import read_rows
from apps.managers.models import Candidate, CouncilSession, Decree, ManagerProfile, Post
from apps.managers.services import agency as agency_services
from apps.managers.services import council as council_services
from apps.managers.services import profiles as profile_services
from apps.workflow.models import Case

pytestmark = pytest.mark.django_db


def test_the_panel_lists_decrees_running_out(login, drive, head):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    client = login(head)
    body = client.get(reverse("managers:home")).content.decode()
    assert "حکمی در آستانه پایان نیست" in body
    Decree.objects.filter(pk=decree.pk).update(valid_until=decree.issued_on)
    body = client.get(reverse("managers:home")).content.decode()
    assert decree.profile.full_name in body and 'lang="fa"' in body


def test_the_database_searches_filters_and_exports(login, make_profile, head):
    make_profile("سعید کرمی", bachelor_field="مدیریت دولتی")
    make_profile("پروین رستمی", highest_degree="bachelor")
    client = login(head)
    body = client.get(reverse("managers:profile_list"), {"q": "سعید"}).content.decode()
    assert "سعید کرمی" in body and "پروین رستمی" not in body
    body = client.get(reverse("managers:profile_list"), {"degree": "bachelor"}).content.decode()
    assert "پروین رستمی" in body and "سعید کرمی" not in body
    response = client.get(reverse("managers:profile_list"), {"format": "xlsx"})
    rows = read_rows(response.content)
    assert rows[0][0] == "نام و نام خانوادگی" and len(rows) == 3


def test_a_profile_is_created_from_form_2_with_persian_digits(login, head):
    client = login(head)
    response = client.post(
        reverse("managers:profile_new"),
        {
            "full_name": "الهام شریفی",
            "father_name": "محمود",
            "national_id": "۰۰۱۲۳۴۵۶۷۹",
            "highest_degree": "master",
            "bachelor_field": "مدیریت بازرگانی",
            "children": "۲",
            "veteran_status": "none",
            "related_experience_months": "۷۲",
            "management_experience_months": "۰",
        },
    )
    profile = ManagerProfile.objects.get()
    assert response.status_code == 302 and profile.related_experience_months == 72 and profile.children == 2


def test_a_bad_national_id_is_a_persian_error_and_nothing_is_saved(login, head):
    response = login(head).post(
        reverse("managers:profile_new"),
        {
            "full_name": "الف",
            "father_name": "ب",
            "national_id": "1234567890",
            "highest_degree": "master",
            "bachelor_field": "x",
            "children": "0",
            "veteran_status": "none",
            "related_experience_months": "0",
            "management_experience_months": "0",
        },
    )
    assert response.status_code == 400 and "کد ملی معتبر نیست" in response.content.decode()
    assert not ManagerProfile.objects.exists()


def test_another_agencys_rows_answer_404(login, drive, other_head):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    candidate = Candidate.objects.first()
    client = login(other_head)
    for url in (
        reverse("managers:profile_detail", args=[candidate.profile_id]),
        reverse("managers:profile_form2", args=[candidate.profile_id]),
        reverse("managers:post_edit", args=[Post.objects.first().pk]),
        reverse("managers:candidate_check", args=[candidate.pk]),
        reverse("managers:form1", args=[case.nomination.pk]),
        reverse("managers:form3", args=[candidate.pk]),
        reverse("managers:form4", args=[case.nomination.pk]),
        reverse("managers:decree_detail", args=[decree.pk]),
        reverse("managers:pool_detail", args=[candidate.profile_id]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("managers:decree_act", args=[decree.pk]), {"action": "replace", "reason": "x" * 20}
        ).status_code
        == 404
    )
    assert Decree.objects.get(pk=decree.pk).status == Decree.Status.ACTIVE


def test_the_national_pool_shows_other_agencies_profiles_without_personal_data(
    login, make_profile, head, other_head
):
    profile = make_profile("سعید کرمی")
    profile_services.profile_publish(actor=head, profile=profile, published=True)
    client = login(other_head)
    body = client.get(reverse("managers:pool_list")).content.decode()
    assert "سعید کرمی" in body
    detail = client.get(reverse("managers:pool_detail", args=[profile.pk])).content.decode()
    for secret in (profile.national_id, profile.mobile, profile.address):
        assert secret not in body and secret not in detail
    response = client.post(reverse("managers:pool_adopt", args=[profile.pk]))
    adopted = ManagerProfile.objects.get(organization=other_head.organization)
    assert response.status_code == 302 and adopted.national_id == ""


def test_the_case_page_shows_each_condition_with_its_reason_and_the_step_links(login, drive, hr):
    case = drive("hr_check")
    body = login(hr).get(reverse("workflow:case_detail", args=[case.tracking_code])).content.decode()
    assert "ج) سابقه" in body and "کارگزینی هنوز بررسی نکرده است" in body
    assert "فرم ۳ کارگزینی" in body


def test_hr_fills_form_3_on_its_page(login, drive, hr):
    case = drive("hr_check")
    candidate = case.nomination.candidates.first()
    data = {
        "bachelor_matches": "1",
        "last_degree_confirmed": "1",
        "management_course_confirmed": "1",
        "master_management_confirmed": "0",
        "related_experience_months": "۷۱",
        "management_experience_months": "۲۳",
        "year_0": "۱۴۰۱",
        "appraisal_0": "۹۰",
        "performance_0": "۸۵",
    }
    response = login(hr).post(reverse("managers:candidate_check", args=[candidate.pk]), data)
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.related_experience_months == 71
    assert candidate.appraisal_scores == [{"year": 1401, "score": "90"}]


def test_the_forms_print_as_pdfs(login, drive, head):
    case = drive("appointed")
    nomination = case.nomination
    client = login(head)
    candidate = nomination.candidates.first()
    for url in (
        reverse("managers:form1", args=[nomination.pk]),
        reverse("managers:profile_form2", args=[candidate.profile_id]),
        reverse("managers:form3", args=[candidate.pk]),
        reverse("managers:form4", args=[nomination.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), url


def test_the_semi_annual_report_as_page_xlsx_and_pdf(login, drive, head, national_officer):
    drive("appointed")
    client = login(national_officer)
    body = client.get(reverse("managers:report")).content.decode()
    assert head.organization.name in body
    rows = read_rows(client.get(reverse("managers:report"), {"format": "xlsx"}).content)
    assert rows[1][0] == head.organization.name and rows[1][2] == 1
    assert client.get(reverse("managers:report"), {"format": "pdf"}).content.startswith(b"%PDF")


def test_a_probation_change_from_the_decree_page(login, drive, head):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    response = login(head).post(
        reverse("managers:decree_act", args=[decree.pk]),
        {"action": "replace", "reason": "فرد منتخب از عهده وظایف برنمی‌آید."},
    )
    assert response.status_code == 302
    decree = Decree.objects.get(pk=decree.pk)
    assert decree.status == Decree.Status.REPLACED
    page = login(head).get(response["Location"]).content.decode()
    assert reverse("documents:download", args=[decree.notice_document_id]) in page
    assert decree.notice_document.verification_code in page


def test_a_yearly_evaluation_with_a_bad_score_is_refused(login, drive, hr):
    case = drive("appointed")
    decree = Decree.objects.get(nomination__case=case)
    login(hr).post(reverse("managers:evaluation_add", args=[decree.pk]), {"year": "1405", "score": "120"})
    assert not decree.evaluations.exists()
    login(hr).post(reverse("managers:evaluation_add", args=[decree.pk]), {"year": "۱۴۰۵", "score": "۷۵"})
    assert decree.evaluations.get().score == Decimal("75")


@pytest.mark.parametrize("name", ["profile_list", "pool_list", "post_list", "decree_list", "hearing_list"])
def test_list_pages_keep_a_constant_number_of_queries(
    login, drive, head, secretary, name, django_assert_max_num_queries
):
    drive("appointed")
    client = login(head)
    with django_assert_max_num_queries(15):
        assert client.get(reverse(f"managers:{name}")).status_code == 200
    drive("appointed")
    council_services.hearing_request(
        actor=secretary, complainant="الف", subject="اعتراض به نتیجه سنجش.", in_presence=False
    )
    with django_assert_max_num_queries(15):
        assert client.get(reverse(f"managers:{name}")).status_code == 200


@pytest.mark.parametrize("state", ["nomination", "hr_check"])
def test_forms_print_before_the_council_met(login, drive, head, state):
    case = drive(state)
    client = login(head)
    for name in ("form1", "form4"):
        response = client.get(reverse(f"managers:{name}", args=[case.nomination.pk]))
        assert response.content.startswith(b"%PDF"), name
    candidate = case.nomination.candidates.first()
    assert client.get(reverse("managers:form3", args=[candidate.pk])).content.startswith(b"%PDF")


def test_the_session_page_refuses_a_number_another_nominations_session_carries(login, drive, secretary):
    first = drive("council").nomination
    second = drive("council").nomination
    client = login(secretary)
    form = {"number": "1405-40", "held_on": "۱۴۰۵/۰۸/۱۰", "attendees": "رئیس شورا - رئیس"}
    url = "managers:session_record"
    assert client.post(reverse(url, kwargs={"pk": first.pk}), form).status_code == 302
    other = {**form, "number": "۱۴۰۵-۴۰", "held_on": "۱۴۰۵/۰۸/۱۲", "attendees": "دیگری - عضو"}
    page = client.post(reverse(url, kwargs={"pk": second.pk}), other)
    assert page.status_code == 200
    assert "صورت‌جلسه شماره ۱۴۰۵-۴۰ پیش‌تر برای جلسه دیگری از شورای دستگاه ثبت شده است" in page.content.decode()
    session = CouncilSession.objects.get()
    assert (session.attendees, first.pk) == (
        [{"name": "رئیس شورا", "position": "رئیس"}],
        session.nominations.get().pk,
    )


# Form 4 on one scale: the page, the PDF and the decree step say when a nominee is below the desired score.


def _desired_middle(secretary, desired: str):
    agency_services.rules_save(
        actor=secretary, data={"desired_middle": Decimal(desired)}, specific_criteria=[], extra_conditions=[]
    )


def _case_panel(case, user) -> str:
    """The managers' part of the case page, as the case page renders it for `user`."""
    from django.template import Context, Template

    case = Case.objects.get(pk=case.pk)
    return Template("{% load managers_tags %}{% appointment_panel case %}").render(
        Context({"case": case, "user": user})
    )


def test_the_decree_step_says_the_councils_pick_is_below_the_desired_score(drive, head, secretary):
    case = drive("decree")
    selected = case.nomination.candidates.get(pk=case.nomination.selected_id)
    _desired_middle(secretary, str(selected.final_score))
    page = _case_panel(case, head)
    assert 'data-testid="desired-warning"' not in page  # exactly at the desired score: not below it
    _desired_middle(secretary, str(selected.final_score + 1))
    page = _case_panel(case, head)
    assert 'data-testid="desired-warning"' in page
    assert f"امتیاز نهایی {selected.profile.full_name}" in page and "کمتر است" in page


def test_form_4_on_the_page_and_in_the_pdf_shows_each_clauses_share_and_the_shortfall(
    login, drive, secretary, monkeypatch
):
    from django.template.loader import render_to_string

    from apps.managers import documents

    case = drive("council")
    nomination = case.nomination
    _desired_middle(secretary, "99")
    candidate = nomination.candidates.first()
    council_services.candidate_score(
        actor=secretary, candidate=candidate, general=dict.fromkeys(GENERAL_KEYS, 8), specific=[]
    )
    page = _case_panel(case, secretary)
    assert 'data-testid="below-desired"' in page
    assert "۸۰ از ۱۰۰ (۸۰٪)" in page  # the general clause: its points of its maximum and the share
    page = login(secretary).get(reverse("managers:candidate_score", args=[candidate.pk])).content.decode()
    assert "از امتیاز مطلوب سطح میانی (۹۹) کمتر است" in page
    # The PDF's HTML, as WeasyPrint receives it.
    monkeypatch.setattr(
        documents, "render_pdf", lambda template, context: render_to_string(template, context)
    )
    pdf = login(secretary).get(reverse("managers:form4", args=[nomination.pk])).content.decode()
    assert "۸۰ از ۱۰۰ (۸۰٪)" in pdf and "امتیاز نهایی کمتر از مطلوب" in pdf
    assert "از امتیاز مطلوب سطح میانی (۹۹) کمتر است" in pdf


GENERAL_KEYS = (
    "planning",
    "organizing",
    "leading",
    "controlling",
    "communication",
    "information",
    "decision",
    "conceptual",
    "human",
    "technical",
)


def _tabs(body: str) -> str:
    return body.split('<ul class="nav nav-pills', 1)[1].split("</ul>", 1)[0]


def test_the_tabs_show_each_person_the_pages_their_role_opens_rendered_once_per_kind_of_person(
    client, hr, secretary, org_expert
):
    from apps.managers.templatetags import managers_tags

    managers_tags._NAVS.clear()
    client.force_login(hr)
    hr_tabs = _tabs(client.get(reverse("managers:profile_list")).content.decode())
    assert "بانک اطلاعات مدیران" in hr_tabs and "ضوابط دستگاه" in hr_tabs
    assert len(managers_tags._NAVS) == 1
    client.get(reverse("managers:home"))
    assert len(managers_tags._NAVS) == 1  # the same person's tabs on another page: not rendered again

    client.force_login(secretary)
    secretary_tabs = _tabs(client.get(reverse("managers:home")).content.decode())
    assert secretary_tabs != hr_tabs and "بانک اطلاعات مدیران" not in secretary_tabs
    assert len(managers_tags._NAVS) == 2
