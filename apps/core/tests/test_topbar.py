"""The top bar's pieces come from the apps that own them (apps.core.topbar), not from core's layout."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

BASE = Path(__file__).resolve().parents[1] / "templates" / "core" / "base.html"


@pytest.mark.django_db
def test_a_signed_in_page_carries_the_registered_pieces_of_the_bar(client, agency_officer):
    client.force_login(agency_officer)
    page = client.get(reverse("core:landing")).content.decode()

    assert 'data-testid="inbox-link"' in page
    assert 'data-testid="search-box-wide"' in page and 'data-testid="search-box"' in page
    assert page.index('data-testid="inbox-link"') < page.index('data-testid="search-toggle"')


@pytest.mark.django_db
def test_a_signed_out_page_has_no_inbox_or_search(client):
    page = client.get(reverse("workflow:track")).content.decode()

    assert 'data-testid="inbox-link"' not in page and 'data-testid="search-box"' not in page


def test_cores_layout_names_no_app_above_it():
    layout = BASE.read_text()

    assert "search/" not in layout and "search:" not in layout
    assert "notifications:" not in layout and "notifications/" not in layout


def _bar_renders(response) -> int:
    return sum(t.name == "core/_bar.html" for t in response.templates)


@pytest.mark.django_db
def test_the_bar_is_rendered_once_per_person_and_page_and_carries_each_requests_own_token(
    client, agency_officer
):
    from apps.core.templatetags.desk import _bar_html

    _bar_html.cache_clear()
    client.force_login(agency_officer)
    first = client.get(reverse("core:landing"))
    second = client.get(reverse("core:landing"))

    assert _bar_renders(first) == 1 and _bar_renders(second) == 0
    tokens = []
    for response in (first, second):
        body = response.content.decode()
        sign_out = body.split('data-testid="sign-out"', 1)[0].rsplit("<form", 1)[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', sign_out).group(1)
        assert f'"X-CSRFToken": "{token}"' in body  # the page's own token, not one kept with the bar
        tokens.append(token)
    assert tokens[0] != tokens[1]
    assert 'data-testid="user-menu"' in second.content.decode()


@pytest.mark.django_db
def test_signing_out_from_a_kept_bar_works(client, agency_officer):
    client.force_login(agency_officer)
    client.get(reverse("core:landing"))
    body = client.get(reverse("core:landing")).content.decode()
    sign_out = body.split('data-testid="sign-out"', 1)[0].rsplit("<form", 1)[1]
    token = re.search(r'value="([A-Za-z0-9]+)"', sign_out).group(1)
    checked = client.__class__(enforce_csrf_checks=True)
    checked.cookies = client.cookies

    assert checked.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert 'data-testid="user-menu"' not in checked.get(reverse("core:landing"), follow=True).content.decode()


@pytest.mark.django_db
def test_the_bar_shows_the_current_unread_count_name_and_page(client, agency_officer):
    from apps.notifications.services import notify_users

    client.force_login(agency_officer)
    assert 'data-testid="unread-count"' not in client.get(reverse("core:landing")).content.decode()
    notify_users(users=[agency_officer], subject="پیام آزمایشی", body="متن")
    body = client.get(reverse("core:landing")).content.decode()
    assert 'data-testid="unread-count"' in body and "۱" in body.split('data-testid="unread-count"', 1)[1][:20]

    agency_officer.first_name, agency_officer.last_name = "زهرا", "کریمی"
    agency_officer.save()
    body = client.get(reverse("core:landing")).content.decode()
    assert 'title="زهرا کریمی"' in body
    assert 'aria-current="page" href="/desk/"' in body
    assert (
        'aria-current="page" href="/desk/"' not in client.get(reverse("notifications:inbox")).content.decode()
    )


def test_a_piece_sees_only_what_it_declares_it_reads():
    from apps.core import topbar

    assert "unread_count" in topbar.reads()


def test_the_menu_asks_the_gate_once_for_each_roles_and_key(monkeypatch):
    from types import SimpleNamespace

    from apps.core import navigation

    asked = []
    monkeypatch.setattr(navigation, "_MENUS", {})
    monkeypatch.setattr(navigation, "_gate", lambda user, url_name: asked.append(user.name) or user.opens)
    monkeypatch.setattr(navigation, "_gate_key", lambda user: user.opens)
    entries = len(navigation._ENTRIES)
    one = SimpleNamespace(name="one", roles=["agency_officer"], opens=True)
    same = SimpleNamespace(name="same", roles=["agency_officer"], opens=True)
    refused = SimpleNamespace(name="refused", roles=["agency_officer"], opens=False)

    assert navigation.menu_for(one) == navigation.menu_for(same) != ()
    assert navigation.menu_for(refused) == ()  # another key: asked afresh, and shown nothing
    assert asked.count("one") > 0 and "same" not in asked
    assert len(asked) <= 2 * entries


@pytest.mark.django_db
def test_a_name_spelling_the_token_slot_leaves_the_sign_out_form_its_token(client, agency_officer):
    from apps.core.templatetags.desk import _CSRF_SLOT

    agency_officer.first_name, agency_officer.last_name = _CSRF_SLOT, ""
    agency_officer.save()
    client.force_login(agency_officer)
    body = client.get(reverse("core:landing")).content.decode()
    sign_out = body.split('data-testid="sign-out"', 1)[0].rsplit("<form", 1)[1]

    assert _CSRF_SLOT not in sign_out and f'title="{_CSRF_SLOT}"' in body
