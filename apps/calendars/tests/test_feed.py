"""The private iCal feed: made and regenerated on the person's page, opened by its token alone, parsed by
the icalendar library, holding the person's deadlines, requests and sessions and nobody else's."""

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse

from apps.audit.models import AuditEntry
from apps.calendars.models import FeedToken
from apps.calendars.services import feed_token_issue
from apps.support.services import fault_report_file

from .conftest import days_after

pytestmark = pytest.mark.django_db


def feed_of(client, user) -> icalendar.Calendar:
    token = FeedToken.objects.get(user=user).token
    response = client.get(reverse("calendars:feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def file_fault(officer):
    return fault_report_file(
        actor=officer, category="page", description="صفحه درخواست باز نمی‌شود و خطا می‌دهد."
    )


def test_a_person_makes_their_address_and_sees_it_on_their_page(login, employee):
    client = login(employee)
    assert client.get(reverse("calendars:feed_settings")).context["feed"] is None
    response = client.post(reverse("calendars:feed_settings"), follow=True)
    feed = FeedToken.objects.get(user=employee)
    assert feed.token in response.content.decode()
    assert AuditEntry.objects.filter(action="calendars.feed.issued", actor=employee).exists()
    assert feed.token not in str(AuditEntry.objects.filter(actor=employee).values_list("changes", flat=True))


def test_the_feed_holds_the_employees_session_and_not_a_colleagues(
    client, employee, agency_officer, session_for, other_employee, other_officer
):
    mine = session_for(agency_officer, starts_on=days_after(3), ends_on=days_after(4), people=[employee])
    theirs = session_for(other_officer, starts_on=days_after(3), people=[other_employee], place="سالن دوم")
    feed_token_issue(user=employee)
    events = vevents(feed_of(client, employee))
    entry = events[f"training.session.{mine.pk}@khedmat"]
    assert entry.decoded("dtstart") == days_after(3)
    assert entry.decoded("dtend") == days_after(5)  # exclusive: the day after the last
    assert "مهارت‌های ارتباطی" in str(entry["summary"])
    assert str(entry["url"]).endswith(reverse("training:session_detail", args=[mine.pk]))
    assert str(entry["url"]) == settings.KHEDMAT_SITE_URL + reverse("training:session_detail", args=[mine.pk])
    assert f"training.session.{theirs.pk}@khedmat" not in events


def test_the_feed_holds_the_requests_a_person_filed_and_the_deadlines_waiting_on_them(
    client, agency_officer, other_officer, org_expert
):
    case = file_fault(agency_officer)
    other = file_fault(other_officer)
    feed_token_issue(user=agency_officer)
    feed_token_issue(user=org_expert)
    filed = vevents(feed_of(client, agency_officer))
    assert f"workflow.filed.{case.pk}@khedmat" in filed
    assert f"workflow.expected.{case.pk}.{case.state}@khedmat" in filed
    assert not any(str(other.pk) in uid.split(".")[2:3] for uid in filed)
    waiting = vevents(feed_of(client, org_expert))
    due = waiting[f"workflow.due.{case.pk}.{case.state}@khedmat"]
    assert due.decoded("dtstart") == case.due_date
    assert f"workflow.due.{other.pk}.{other.state}@khedmat" in waiting
    assert f"workflow.filed.{case.pk}@khedmat" not in waiting


def test_the_same_event_keeps_its_uid_from_one_fetch_to_the_next(
    client, employee, agency_officer, session_for
):
    session_for(agency_officer, starts_on=days_after(2), people=[employee])
    feed_token_issue(user=employee)
    assert set(vevents(feed_of(client, employee))) == set(vevents(feed_of(client, employee)))


def test_an_unknown_token_names_nothing(client, db):
    assert client.get(reverse("calendars:feed", args=["not-a-token"])).status_code == 404


def test_a_regenerated_address_replaces_the_old_which_then_answers_404(login, employee):
    client = login(employee)
    old = feed_token_issue(user=employee).token
    response = client.post(reverse("calendars:feed_settings"), {"confirm": "on"})
    assert response.status_code == 302
    new = FeedToken.objects.get(user=employee).token
    assert new != old
    assert client.get(reverse("calendars:feed", args=[old])).status_code == 404
    assert client.get(reverse("calendars:feed", args=[new])).status_code == 200
    assert AuditEntry.objects.filter(action="calendars.feed.regenerated", actor=employee).exists()


def test_regenerating_without_confirming_changes_nothing(login, employee):
    client = login(employee)
    old = feed_token_issue(user=employee).token
    response = client.post(reverse("calendars:feed_settings"), {})
    assert response.status_code == 200
    assert "این بند را تأیید کنید" in response.content.decode()
    assert FeedToken.objects.get(user=employee).token == old


def test_a_deactivated_persons_address_stops_working(client, employee):
    token = feed_token_issue(user=employee).token
    employee.is_active = False
    employee.save(update_fields=["is_active"])
    assert client.get(reverse("calendars:feed", args=[token])).status_code == 404


def test_the_feed_costs_the_same_queries_for_two_sessions_or_eight(
    client, employee, agency_officer, session_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    token = feed_token_issue(user=employee).token
    url = reverse("calendars:feed", args=[token])
    for n in range(2):
        session_for(agency_officer, starts_on=days_after(n + 1), people=[employee], place=f"سالن {n}")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(2, 8):
        session_for(agency_officer, starts_on=days_after(n + 1), people=[employee], place=f"سالن {n}")
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) >= 8
