"""A manager's profile shows who changed which of its fields, from what to what and when (field history)."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import ApiToken
from apps.core.field_history import recorded_as
from apps.managers.services import profiles as profile_services


def _history(client, profile) -> str:
    body = client.get(reverse("managers:profile_detail", args=[profile.pk])).content.decode()
    return body[body.index('data-testid="field-history"') :].split("</details>")[0]


def test_the_profile_shows_each_changed_field_as_a_person_reads_it(head, hr, make_profile, login):
    profile = make_profile()
    with recorded_as(hr):
        profile_services.profile_save(
            actor=hr,
            profile=profile,
            data={
                "marital_status": "married",
                "children": 2,
                "general_exam_points": Decimal("72.5"),
                "master_in_management": True,
            },
        )
    history = _history(login(head), profile)
    for label, old, new in (
        ("وضعیت تأهل", "—", "متأهل"),
        ("تعداد فرزندان", "۰", "۲"),
        ("امتیاز آزمون معیارهای عمومی مدیریتی", "۷۰", "۷۲٫۵"),
        ("کارشناسی ارشد در یکی از رشته‌های مدیریت", "خیر", "بله"),
    ):
        row = history[history.index(label) :].split('data-testid="field-change"')[0]
        assert old in row and new in row and row.index(old) < row.index(new), label
        assert hr.get_full_name() in row


def test_publishing_from_the_page_is_recorded_under_the_person_who_clicked(head, make_profile, login):
    profile = make_profile()
    client = login(head)
    client.post(reverse("managers:profile_publish", args=[profile.pk]), {"publish": "1"})
    history = _history(client, profile)
    row = history[history.index("در بانک ملی منتشر شده") :].split('data-testid="field-change"')[0]
    assert "خیر" in row and "بله" in row and head.get_full_name() in row


def test_another_agencys_changes_never_show_and_the_queries_do_not_grow(
    head, other_head, make_profile, login
):
    profile = make_profile()
    theirs = make_profile(name="کاوه رستمی", organization_head=other_head)
    with recorded_as(other_head):
        profile_services.profile_save(actor=other_head, profile=theirs, data={"birth_place": "دزفول"})
    with recorded_as(head):
        profile_services.profile_save(actor=head, profile=profile, data={"birth_place": "شوشتر"})
    client = login(head)
    _history(client, profile)
    with CaptureQueriesContext(connection) as few:
        history = _history(client, profile)
    assert "شوشتر" in history and "دزفول" not in history
    with recorded_as(head):
        for n in range(8):
            profile_services.profile_save(actor=head, profile=profile, data={"children": n + 1})
    with CaptureQueriesContext(connection) as many:
        history = _history(client, profile)
    assert "۸" in history
    assert len(many) == len(few)


def test_a_change_through_the_api_with_a_token_is_recorded_under_the_tokens_person(
    client, head, make_profile, login
):
    profile = make_profile()
    key = ApiToken.new_key()
    ApiToken.objects.create(user=head, name="آزمون", key_hash=ApiToken.hash_key(key), prefix=key[:8])
    response = client.post(
        f"/api/managers/profiles/{profile.pk}/publish", headers={"Authorization": f"Bearer {key}"}
    )
    assert response.status_code == 200
    history = _history(login(head), profile)
    row = history[history.index("در بانک ملی منتشر شده") :].split('data-testid="field-change"')[0]
    assert head.get_full_name() in row and "سامانه" not in row
