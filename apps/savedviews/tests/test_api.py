"""The saved views' API: the same services and rules as the pages."""

import pytest

from apps.savedviews.models import SavedView

pytestmark = pytest.mark.django_db

API = "/api/views/"


def test_it_saves_lists_and_makes_a_view_default(login, org_expert, group_head, save_view):
    save_view(group_head, name="مشترک رئیس", shared=True)
    client = login(org_expert)
    response = client.post(
        API,
        {"list_key": "workflow:cartable", "name": "دیرکردها", "query": "overdue=1&page=2"},
        content_type="application/json",
    )
    assert response.status_code == 201
    created = response.json()
    assert (created["query"], created["mine"], created["is_default"]) == ("overdue=1", True, False)
    listed = client.get(API, {"list_key": "workflow:cartable"}).json()
    assert [(v["name"], v["mine"]) for v in listed["items"]] == [("دیرکردها", True), ("مشترک رئیس", False)]
    made = client.post(f"{API}{created['id']}/default", {"is_default": True}, content_type="application/json")
    assert made.status_code == 200 and made.json()["is_default"] is True
    assert len(client.get(API).json()["items"]) == 2


def test_a_bad_name_is_a_persian_400_and_saves_nothing(login, org_expert):
    response = login(org_expert).post(
        API, {"list_key": "workflow:cartable", "name": ""}, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["detail"] == "نامی برای نما بنویسید."
    assert not SavedView.objects.exists()


def test_only_the_owner_deletes_or_sets_default(login, org_expert, group_head, trainer, save_view):
    view = save_view(org_expert, shared=True)
    assert login(group_head).delete(f"{API}{view.pk}").status_code == 403
    assert login(trainer).delete(f"{API}{view.pk}").status_code == 404
    refused = login(group_head).post(f"{API}{view.pk}/default", {}, content_type="application/json")
    assert refused.status_code == 403
    view.refresh_from_db()
    assert not view.is_default
    assert login(org_expert).delete(f"{API}{view.pk}").status_code == 204
    assert not SavedView.objects.exists()


def test_the_list_keeps_a_constant_number_of_queries(
    login, org_expert, group_head, save_view, django_assert_max_num_queries
):
    client = login(org_expert)
    save_view(org_expert, name="نخست")
    with django_assert_max_num_queries(12) as few:
        client.get(API)
        client.get(API, {"list_key": "workflow:cartable"})
    for n in range(10):
        save_view(org_expert, name=f"نمای {n}", query=f"q={n}")
        save_view(group_head, name=f"مشترک {n}", query=f"q={n}", shared=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(API)
        client.get(API, {"list_key": "workflow:cartable"})
