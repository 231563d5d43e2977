"""A list's saved views are kept between requests as the list's rows are (real Redis, as deployed): the bar
reads none from the database until a view is saved, renamed, shared or deleted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.tests.test_freshness_agencies import redis_cache  # noqa: F401  (Redis db 14, this test's prefix)
from apps.savedviews.services import saved_view_rename

pytestmark = pytest.mark.django_db(transaction=True)

CARTABLE = "/cartable/?view=all"


def test_the_bar_is_read_once_and_shows_a_view_saved_or_renamed_at_once(login, org_expert, save_view):
    client = login(org_expert)
    assert "دیرکرددارها" not in client.get(CARTABLE).content.decode()
    view = save_view(org_expert)
    assert "دیرکرددارها" in client.get(CARTABLE).content.decode()
    with CaptureQueriesContext(connection) as asked:
        assert "دیرکرددارها" in client.get(CARTABLE).content.decode()
    assert not [q for q in asked.captured_queries if "savedviews_savedview" in q["sql"]]
    saved_view_rename(actor=org_expert, view=view, name="پرونده‌های دیرکرد")
    page = client.get(CARTABLE).content.decode()
    assert "پرونده‌های دیرکرد" in page and "دیرکرددارها" not in page
