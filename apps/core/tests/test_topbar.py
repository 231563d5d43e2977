"""The top bar's pieces come from the apps that own them (apps.core.topbar), not from core's layout."""

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
