"""The API: the same services and permissions as the pages, refusals as {"detail": ...}."""

import pytest

from apps.audit.models import AuditEntry
from apps.core.digits import to_persian_digits
from apps.core.national_id import national_id_with_checksum
from apps.managers.appointment import extra_conditions
from apps.managers.models import CouncilSession, Decree, ManagerProfile, Nomination, Post
from apps.managers.services.agency import rules_save
from apps.workflow.models import Case
from apps.workflow.services import perform

pytestmark = [
    pytest.mark.django_db,
    # ninja deprecates the (status, body) tuple; every 201 here must come from its Status instead.
    pytest.mark.filterwarnings("error:Returning tuple:DeprecationWarning"),
]

GENERAL = {
    k: 8
    for k in (
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
}


def test_the_appointment_through_the_api(client, head, hr, secretary, post, make_profile):
    profile = make_profile("نسرین آزادی")
    client.force_login(head)
    opened = client.post("/api/managers/nominations", {"post_id": post.pk}, content_type="application/json")
    assert opened.status_code == 201
    nomination_id = Nomination.objects.get(case__tracking_code=opened.json()["tracking_code"]).pk
    added = client.post(
        f"/api/managers/nominations/{nomination_id}/candidates",
        {"profile_id": profile.pk, "source": "judgement", "priority": 1},
        content_type="application/json",
    )
    assert added.status_code == 201
    candidate = added.json()["candidates"][0]
    assert candidate["conditions"][0]["met"] is None

    refused = client.post(f"/api/managers/nominations/{nomination_id}/decree")
    assert refused.status_code == 409 and "شورا" in refused.json()["detail"]

    case = Case.objects.get(tracking_code=opened.json()["tracking_code"])
    perform(case, "submit", actor=head)
    client.force_login(hr)
    checked = client.post(
        f"/api/managers/candidates/{candidate['id']}/check",
        {
            "bachelor_matches": True,
            "last_degree_confirmed": True,
            "management_course_confirmed": True,
            "master_management_confirmed": False,
            "related_experience_months": 72,
            "management_experience_months": 0,
            "appraisal_scores": [{"year": 1404, "score": 90}],
            "performance_scores": [{"year": 1404, "score": 80}],
        },
        content_type="application/json",
    )
    assert checked.status_code == 200
    perform(case, "forward", actor=hr)
    client.force_login(secretary)
    session = client.post(
        f"/api/managers/nominations/{nomination_id}/session",
        {"number": "1405-30", "held_on": "2026-11-01", "attendees": [{"name": "رئیس", "position": "رئیس"}]},
        content_type="application/json",
    )
    assert session.status_code == 200 and session.json()["session_number"] == "1405-30"
    scored = client.post(
        f"/api/managers/candidates/{candidate['id']}/scores",
        {"general": GENERAL, "specific": []},
        content_type="application/json",
    )
    # No specific criteria, so their 0.30 is not counted: (80% × 0.40 + 90% × 0.15 + 80% × 0.15) ÷ 0.70
    assert scored.status_code == 200 and scored.json()["final_score"] == "82.14"
    assert scored.json()["desired_score"] == "75.00" and not scored.json()["below_desired"]
    perform(case, "decide", actor=secretary)
    client.force_login(head)
    issued = client.post(f"/api/managers/nominations/{nomination_id}/decree")
    assert issued.status_code == 201
    body = issued.json()
    assert body["minutes_number"] == "1405-30" and body["allowance_eligible"] and body["verification_code"]
    listed = client.get("/api/managers/decrees").json()
    assert [d["id"] for d in listed] == [Decree.objects.get().pk]


def test_another_agencys_profile_answers_404_and_the_pool_has_no_personal_data(
    client, make_profile, head, other_head
):
    profile = make_profile("سعید کرمی")
    client.force_login(head)
    assert client.post(f"/api/managers/profiles/{profile.pk}/publish").status_code == 200
    client.force_login(other_head)
    assert client.get(f"/api/managers/profiles/{profile.pk}").status_code == 404
    pool = client.get("/api/managers/pool").json()
    assert pool[0]["full_name"] == "سعید کرمی" and "national_id" not in pool[0] and "mobile" not in pool[0]


def test_creating_a_profile_needs_an_agency_role(client, make_profile, national_officer):
    client.force_login(national_officer)
    response = client.post(
        "/api/managers/profiles",
        {"full_name": "x", "father_name": "y", "highest_degree": "master", "bachelor_field": "z"},
        content_type="application/json",
    )
    assert response.status_code == 403 and "اجازه" in response.json()["detail"]


def test_the_database_and_the_posts_answer_201_with_what_they_created(client, head):
    client.force_login(head)
    created = client.post(
        "/api/managers/profiles",
        {
            "full_name": "الهام شریفی",
            "father_name": "حسن",
            "highest_degree": "master",
            "bachelor_field": "اقتصاد",
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["full_name"] == "الهام شریفی"
    assert ManagerProfile.objects.get(pk=created.json()["id"]).organization_id == head.organization_id

    post = client.post(
        "/api/managers/posts",
        {
            "title": "رئیس اداره کارگزینی",
            "number": "M-09",
            "level": "base",
            "unit": "کارگزینی",
            "location": "اهواز",
            "job_field": "مدیریت",
            "superior_id": head.pk,
        },
        content_type="application/json",
    )
    assert post.status_code == 201
    assert post.json()["number"] == "M-09"
    assert Post.objects.get(pk=post.json()["id"]).superior == head


def test_a_yearly_evaluation_answers_201_with_the_decree(client, drive, head):
    decree = Decree.objects.get(nomination__case=drive("appointed"))
    client.force_login(head)
    response = client.post(
        f"/api/managers/decrees/{decree.pk}/evaluations",
        {"year": 1405, "score": "88"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["id"] == decree.pk
    assert decree.evaluations.get().score == 88


@pytest.mark.parametrize("route", ["profiles", "pool", "posts", "decrees"])
def test_an_offset_out_of_bounds_is_refused_not_a_server_error(client, head, make_profile, route):
    make_profile()
    client.force_login(head)
    assert client.get(f"/api/managers/{route}", {"offset": 0}).status_code == 200
    for offset in (-1, 2**63, 10**30):
        assert client.get(f"/api/managers/{route}", {"offset": offset}).status_code == 422
    assert client.get(f"/api/managers/{route}", {"offset": 2**31 - 1}).json() == []


NATIONAL_ID = national_id_with_checksum("400000777")
PROFILE = {
    "full_name": "الهام شریفی",
    "father_name": "حسن",
    "highest_degree": "master",
    "bachelor_field": "اقتصاد",
}


@pytest.mark.parametrize(
    ("change", "label"),
    [
        ({"national_id": "1234567890"}, "«شماره شناسنامه / کد ملی»: کد ملی معتبر نیست."),
        ({"highest_degree": "phd"}, "«آخرین مدرک»:"),
        ({"full_name": ""}, "«نام و نام خانوادگی»:"),
        ({"bachelor_field": ""}, "«رشته کارشناسی»:"),
        ({"general_exam_points": "70.125"}, "«امتیاز آزمون معیارهای عمومی مدیریتی»:"),
        ({"mobile": "12345"}, "شماره همراه باید ۱۱ رقم باشد و با ۰۹ شروع شود."),
    ],
)
def test_a_profile_the_page_would_refuse_is_refused_in_persian_and_saves_nothing(client, head, change, label):
    client.force_login(head)
    refused = client.post("/api/managers/profiles", {**PROFILE, **change}, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["detail"].startswith(label)
    assert not ManagerProfile.objects.exists() and not AuditEntry.objects.exists()


def test_a_profiles_national_id_and_mobile_in_persian_digits_are_kept_in_latin_ones(client, head):
    client.force_login(head)
    created = client.post(
        "/api/managers/profiles",
        {**PROFILE, "national_id": to_persian_digits(NATIONAL_ID), "mobile": "۰۹۳۵۱۲۳۴۵۶۷"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    profile = ManagerProfile.objects.get()
    assert (profile.national_id, profile.mobile) == (NATIONAL_ID, "09351234567")


POST = {
    "title": "رئیس اداره کارگزینی",
    "number": "M-09",
    "level": "base",
    "unit": "کارگزینی",
    "location": "اهواز",
}


@pytest.mark.parametrize(
    ("change", "label"),
    [({"level": "top"}, "«سطح پست»:"), ({"title": ""}, "«عنوان پست»:"), ({"job_field": ""}, "«رشته شغلی»:")],
)
def test_a_post_the_page_would_refuse_is_refused_in_persian_and_saves_nothing(client, head, change, label):
    client.force_login(head)
    payload = {**POST, "job_field": "مدیریت", "superior_id": head.pk, **change}
    refused = client.post("/api/managers/posts", payload, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["detail"].startswith(label)
    assert not Post.objects.exists() and not AuditEntry.objects.exists()


def test_a_posts_superior_must_be_the_agencys_head_as_the_page_offers_only_heads(client, head, hr):
    client.force_login(head)
    payload = {**POST, "job_field": "مدیریت", "superior_id": hr.pk}
    refused = client.post("/api/managers/posts", payload, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["detail"] == "مقام مافوق ذی‌صلاح باید بالاترین مقام فعال همین دستگاه باشد."
    assert not Post.objects.exists()


def test_a_priority_past_the_pages_bound_is_refused_in_persian(client, drive, head, make_profile):
    nomination = drive("nomination").nomination
    client.force_login(head)
    refused = client.post(
        f"/api/managers/nominations/{nomination.pk}/candidates",
        {"profile_id": make_profile("کاوه راد").pk, "source": "agency", "priority": 21},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["detail"] == "اولویت باید عددی از ۱ تا ۲۰ باشد."
    assert nomination.candidates.count() == 2


def _form3(candidate, **overrides) -> dict:
    return {
        "bachelor_matches": True,
        "last_degree_confirmed": True,
        "management_course_confirmed": True,
        "master_management_confirmed": False,
        "related_experience_months": 72,
        "management_experience_months": 0,
        **overrides,
    }


def test_form3_answers_every_condition_the_agency_added_as_the_page_asks(
    client, drive, hr, secretary, other_head
):
    rules_save(actor=secretary, data={}, specific_criteria=[], extra_conditions=["نداشتن محکومیت اداری"])
    (condition,) = extra_conditions(secretary.organization_id)
    candidate = drive("hr_check").nomination.candidates.first()
    client.force_login(hr)
    url = f"/api/managers/candidates/{candidate.pk}/check"
    missing = client.post(url, _form3(candidate), content_type="application/json")
    assert missing.status_code == 400
    assert missing.json()["detail"] == "شرط اختصاصی «نداشتن محکومیت اداری» را تأیید یا رد کنید."
    foreign = client.post(
        url,
        _form3(candidate, extra_results={condition.pk: True, condition.pk + 1000: True}),
        content_type="application/json",
    )
    assert (
        foreign.status_code == 400 and foreign.json()["detail"] == "این شرط اختصاصی از شرایط این دستگاه نیست."
    )
    candidate.refresh_from_db()
    assert candidate.checked_at is None and candidate.extra_results == {}
    done = client.post(
        url, _form3(candidate, extra_results={condition.pk: False}), content_type="application/json"
    )
    assert done.status_code == 200
    candidate.refresh_from_db()
    assert candidate.extra_results == {str(condition.pk): False}


def test_an_evaluation_score_with_more_decimals_than_kept_is_refused_not_rounded(client, drive, head):
    decree = Decree.objects.get(nomination__case=drive("appointed"))
    client.force_login(head)
    refused = client.post(
        f"/api/managers/decrees/{decree.pk}/evaluations",
        {"year": 1405, "score": "99.999"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["detail"].startswith("«امتیاز»:")
    assert not decree.evaluations.exists()


def test_a_post_number_in_persian_digits_is_the_same_number_as_in_latin_ones(client, head, post):
    client.force_login(head)
    payload = {**POST, "number": "M-۰۲", "job_field": "مدیریت", "superior_id": head.pk}
    refused = client.post("/api/managers/posts", payload, content_type="application/json")
    assert post.number == "M-02"
    assert refused.status_code == 400 and refused.json()["detail"] == "پستی با این شماره در دستگاه هست."
    assert Post.objects.count() == 1


def _session(client, nomination, **change):
    payload = {
        "number": "1405-30",
        "held_on": "2026-11-01",
        "attendees": [{"name": "رئیس", "position": "رئیس"}],
    }
    return client.post(
        f"/api/managers/nominations/{nomination.pk}/session",
        {**payload, **change},
        content_type="application/json",
    )


def test_a_session_number_in_persian_digits_is_the_same_session(client, drive, secretary):
    nomination = drive("council").nomination
    client.force_login(secretary)
    assert _session(client, nomination).status_code == 200
    again = _session(client, nomination, number="۱۴۰۵-۳۰", superior_invited=True)
    assert again.status_code == 200 and again.json()["session_number"] == "1405-30"
    assert CouncilSession.objects.get().superior_invited


@pytest.mark.parametrize("held_on", ["0001-01-01", "0600-06-01"])
def test_a_session_date_before_the_jalali_calendar_is_refused_not_a_broken_decree(
    client, drive, secretary, held_on
):
    nomination = drive("council").nomination
    client.force_login(secretary)
    refused = _session(client, nomination, held_on=held_on)
    assert refused.status_code == 400 and refused.json()["detail"] == "تاریخ جلسه درست نیست."
    assert not CouncilSession.objects.exists()


def test_a_session_number_another_nominations_session_carries_is_a_409_not_an_overwrite(
    client, drive, secretary
):
    first = drive("council").nomination
    second = drive("council").nomination
    client.force_login(secretary)
    assert _session(client, first).status_code == 200
    refused = _session(
        client,
        second,
        number="۱۴۰۵-۳۰",
        held_on="2026-11-05",
        attendees=[{"name": "دیگری", "position": "عضو"}],
        superior_invited=True,
    )
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "صورت‌جلسه شماره ۱۴۰۵-۳۰ پیش‌تر برای جلسه دیگری از شورای دستگاه ثبت شده است؛ "
        "شماره صورت‌جلسه همین جلسه را وارد کنید."
    )
    session = CouncilSession.objects.get()
    assert (session.held_on.isoformat(), session.attendees, session.superior_invited) == (
        "2026-11-01",
        [{"name": "رئیس", "position": "رئیس"}],
        False,
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.session == session and second.session is None
    assert _session(client, second, number="1405-31").status_code == 200
    assert CouncilSession.objects.count() == 2


def test_a_nominations_session_recorded_again_under_a_corrected_number_is_the_same_session(
    client, drive, secretary
):
    nomination = drive("council").nomination
    client.force_login(secretary)
    assert _session(client, nomination, number="1405-3").status_code == 200
    corrected = _session(client, nomination, number="1405-30")
    assert corrected.status_code == 200 and corrected.json()["session_number"] == "1405-30"
    assert CouncilSession.objects.get().number == "1405-30"


def test_before_the_decree_the_api_says_the_councils_pick_is_below_the_desired_score(
    client, drive, head, secretary
):
    from apps.managers.services.agency import rules_save

    case = drive("decree")
    nomination = case.nomination
    selected = nomination.candidates.get(pk=nomination.selected_id)
    client.force_login(head)
    for desired, below in ((selected.final_score, False), (selected.final_score + 1, True)):
        rules_save(
            actor=secretary, data={"desired_middle": desired}, specific_criteria=[], extra_conditions=[]
        )
        body = client.get(f"/api/managers/nominations/{nomination.pk}").json()
        assert body["desired_score"] == str(desired) and body["level"] == "middle"
        assert bool(body["selected_shortfall"]) is below
        row = next(c for c in body["candidates"] if c["id"] == selected.pk)
        assert row["below_desired"] is below
        assert [c["key"] for c in row["clauses"]] == ["general", "specific", "appraisal", "performance"]
