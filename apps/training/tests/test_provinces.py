"""Service B with two provinces: the requests' list keeps the province filter to the national body; the public
calendar, its PDF and its spreadsheet name the province they are of."""

from django.test import Client
from django.urls import reverse

from apps.accounts.roles import Role
from apps.accounts.tests.test_provinces import provinces  # noqa: F401  (the two provinces' world)
from apps.core.tests.xlsx import read_rows
from apps.training.models import Course, TrainingRequest

ALL = "همه استان‌ها"


def _ids(response) -> set[int]:
    return {row.pk for row in response.context["page"].object_list}


def _provinces_of(ids) -> set[int]:
    return set(TrainingRequest.objects.filter(pk__in=ids).values_list("organization__province", flat=True))


def test_a_provinces_people_get_no_province_filter_on_requests_and_cannot_widen(provinces, db):  # noqa: F811
    khuzestan = provinces["khuzestan"]
    client = Client()
    client.force_login(khuzestan.org_staff[Role.ORG_DEPUTY])
    url = reverse("training:request_list")
    own = client.get(url)
    assert own.status_code == 200
    assert ALL not in own.content.decode()
    assert _ids(own) and _provinces_of(_ids(own)) == {khuzestan.province.province_id}
    assert not _ids(client.get(url, {"province": provinces["ilam"].province.province_id}))
    assert _ids(client.get(url, {"province": khuzestan.province.province_id})) == _ids(own)


def _course_provinces(response) -> set[int]:
    return {course.province_id for course in response.context["page"].object_list}


def _year(provinces) -> int:  # noqa: F811
    return Course.objects.filter(province=provinces["ilam"].province.province).values_list("year", flat=True)[
        0
    ]


def test_a_citizen_sees_every_provinces_calendar_and_picks_one_by_its_persian_name(provinces, db):  # noqa: F811
    year = _year(provinces)
    ilam = provinces["ilam"].province.province
    client = Client()
    every = client.get(reverse("training:calendar"), {"year": year})
    page = every.content.decode()
    assert ALL in page and f">{ilam.name}</option>" in page
    assert _course_provinces(every) == {w.province.province_id for w in provinces.values()}
    assert "<th>استان</th>" in page

    only = client.get(reverse("training:calendar"), {"year": year, "province": ilam.pk})
    assert _course_provinces(only) == {ilam.pk}
    assert f"استان {ilam.name}" in only.content.decode()
    sheet = read_rows(
        client.get(reverse("training:calendar_xlsx"), {"year": year, "province": ilam.pk}).content
    )
    assert sheet[0][-1] == "استان" and {row[-1] for row in sheet[1:]} == {ilam.name}


def test_a_provinces_person_opens_their_own_provinces_calendar_and_may_ask_for_every_one(provinces, db):  # noqa: F811
    year = _year(provinces)
    khuzestan = provinces["khuzestan"]
    client = Client()
    client.force_login(khuzestan.agency_users[next(iter(khuzestan.agency_users))][Role.AGENCY_OFFICER])
    own = client.get(reverse("training:calendar"), {"year": year})
    assert _course_provinces(own) == {khuzestan.province.province_id}
    assert f'<option value="{khuzestan.province.province_id}" selected>' in own.content.decode()
    every = client.get(reverse("training:calendar"), {"year": year, "province": ""})
    assert _course_provinces(every) == {w.province.province_id for w in provinces.values()}


def _pdf_issuer(client, **params):
    response = client.get(reverse("training:calendar_pdf"), params)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    return next(c["issuer"] for c in response.context if "issuer" in c)


def test_the_calendars_pdf_is_issued_by_the_readers_or_the_chosen_provinces_organization(provinces, db):  # noqa: F811
    year = _year(provinces)
    khuzestan, ilam = provinces["khuzestan"], provinces["ilam"]
    # Ilam's Organization was made after Khuzestan's: the first province's is not what is asked for.
    person = Client()
    person.force_login(ilam.org_staff[Role.ORG_EXPERT])
    assert _pdf_issuer(person, year=year) == ilam.province

    officer = Client()
    officer.force_login(khuzestan.national_staff[Role.NATIONAL_OFFICER])
    assert _pdf_issuer(officer, year=year, province=ilam.province.province_id) == ilam.province
    assert _pdf_issuer(officer, year=year, province=khuzestan.province.province_id) == khuzestan.province
    # Every province's calendar together is no one province's document.
    assert _pdf_issuer(Client(), year=year) is None


def test_the_calendars_api_takes_a_province_and_names_each_courses(provinces, db):  # noqa: F811
    year = _year(provinces)
    ilam = provinces["ilam"].province.province_id
    every = Client().get("/api/training/calendar", {"year": year}).json()
    assert {course["province_id"] for course in every} == {w.province.province_id for w in provinces.values()}
    only = Client().get("/api/training/calendar", {"year": year, "province": ilam}).json()
    assert only and {course["province_id"] for course in only} == {ilam}
