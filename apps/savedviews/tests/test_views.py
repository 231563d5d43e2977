"""The bar on the lists, the page of one's views, and the cartable opening on its default view."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from apps.savedviews.models import SavedView
from apps.savedviews.selectors import saved_views_for_list
from apps.support.models import FaultReport

pytestmark = pytest.mark.django_db

CARTABLE = reverse("workflow:cartable")
LOGIN_LABEL = FaultReport.Category.LOGIN.label


def test_saving_from_the_bar_keeps_the_lists_filters_and_goes_back_to_the_list(login, org_expert, faults):
    client = login(org_expert)
    query = urlencode({"q": LOGIN_LABEL, "page": 1})
    back = f"{CARTABLE}?{query}"
    response = client.post(
        reverse("savedviews:view_save"),
        {
            "list_key": "workflow:cartable",
            "query": query,
            "name": "خطاهای ورود",
            "is_default": "on",
            "next": back,
        },
    )
    assert response.status_code == 302 and response["Location"] == back
    view = SavedView.objects.get()
    assert (view.owner, view.name, view.is_default, view.shared_with_unit) == (
        org_expert,
        "خطاهای ورود",
        True,
        False,
    )
    page = client.get(back).content.decode()
    assert "نمای «خطاهای ورود» ذخیره شد." in page
    assert 'data-testid="saved-views-active">خطاهای ورود<' in page


def test_a_bad_name_from_the_bar_is_told_in_persian_and_saves_nothing(login, org_expert):
    client = login(org_expert)
    response = client.post(
        reverse("savedviews:view_save"),
        {
            "list_key": "workflow:cartable",
            "query": "overdue=1",
            "name": "  ",
            "next": CARTABLE + "?overdue=1",
        },
        follow=True,
    )
    assert "نامی برای نما بنویسید." in response.content.decode()
    assert not SavedView.objects.exists()


def test_the_bar_sends_back_only_to_the_desks_own_pages(login, org_expert):
    response = login(org_expert).post(
        reverse("savedviews:view_save"),
        {"list_key": "workflow:cartable", "name": "نما", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("savedviews:view_list")


def test_the_cartable_opens_on_the_default_view(login, org_expert, save_view, faults):
    save_view(org_expert, name="خطاهای ورود", query=f"q={LOGIN_LABEL}", is_default=True)
    client = login(org_expert)
    response = client.get(CARTABLE)
    assert response.status_code == 302
    assert response["Location"].startswith(CARTABLE + "?q=")
    body = client.get(response["Location"]).content.decode()
    assert LOGIN_LABEL in body and FaultReport.Category.PAGE.label not in body
    # Asked for something (a cleared filter form, «بدون فیلتر»), the cartable shows what was asked.
    for query in ("?view=all", "?q=&process="):
        unfiltered = client.get(CARTABLE + query)
        assert (
            unfiltered.status_code == 200 and FaultReport.Category.PAGE.label in unfiltered.content.decode()
        )


def test_a_colleagues_default_is_not_mine(login, org_expert, group_head, save_view):
    save_view(org_expert, shared=True, is_default=True)
    assert login(group_head).get(CARTABLE).status_code == 200
    assert login(org_expert).get(CARTABLE).status_code == 302


def test_the_other_lists_open_on_their_default_too(login, agency_officer, save_view):
    save_view(
        agency_officer,
        name="شکایت‌ها",
        query="kind=complaint",
        list_key="complaints:complaint_list",
        is_default=True,
    )
    response = login(agency_officer).get(reverse("complaints:complaint_list"))
    assert response.status_code == 302 and response["Location"].endswith("?kind=complaint")


def test_a_shared_view_reaches_the_group_and_no_one_else(
    org_expert, group_head, trainer, agency_officer, save_view
):
    save_view(org_expert, name="مشترک گروه", shared=True)
    save_view(org_expert, name="خصوصی", query="q=x")
    assert [v.name for v in saved_views_for_list(user=group_head, list_key="workflow:cartable")] == [
        "مشترک گروه"
    ]
    for outsider in (trainer, agency_officer):
        assert saved_views_for_list(user=outsider, list_key="workflow:cartable") == []


def test_an_agency_shares_with_its_own_people_only(
    agency_officer, agency_head, other_officer, org_expert, save_view
):
    save_view(agency_officer, name="دیرکردهای دستگاه", shared=True)
    assert [v.name for v in saved_views_for_list(user=agency_head, list_key="workflow:cartable")] == [
        "دیرکردهای دستگاه"
    ]
    for outsider in (other_officer, org_expert):
        assert saved_views_for_list(user=outsider, list_key="workflow:cartable") == []


def test_the_bar_shows_mine_and_the_shared_ones_with_the_default_marked(
    login, org_expert, group_head, save_view
):
    save_view(org_expert, name="پیش‌فرض من", query="q=x", is_default=True)
    save_view(group_head, name="نمای رئیس گروه", shared=True)
    body = login(org_expert).get(CARTABLE + "?view=all").content.decode()
    bar = body[body.index('data-testid="saved-views"') :]
    assert "پیش‌فرض من" in bar and "نمای رئیس گروه" in bar and "پیش‌فرض</span>" in bar
    assert "ذخیرهٔ این نما" in bar and reverse("savedviews:view_list") in bar


@pytest.mark.parametrize(
    ("url_name", "list_key"),
    [
        ("workflow:case_list", "workflow:case_list"),
        ("training:request_list", "training:request_list"),
        ("managers:profile_list", "managers:profile_list"),
        ("managers:decree_list", "managers:decree_list"),
        ("complaints:complaint_list", "complaints:complaint_list"),
    ],
)
def test_the_bar_stands_on_each_services_list(login, deputy, url_name, list_key):
    body = login(deputy).get(reverse(url_name)).content.decode()
    assert 'data-testid="saved-views"' in body and f'value="{list_key}"' in body


@pytest.mark.parametrize("name", ["view_rename", "view_default", "view_share", "view_delete"])
def test_a_colleague_may_not_change_a_shared_view_and_an_outsider_does_not_find_it(
    login, org_expert, group_head, trainer, save_view, name
):
    view = save_view(org_expert, shared=True)
    url = reverse(f"savedviews:{name}", args=[view.pk])
    assert login(group_head).post(url, {"name": "ربوده", "on": "on"}).status_code == 403
    assert login(trainer).post(url, {"name": "ربوده", "on": "on"}).status_code == 404
    view.refresh_from_db()
    assert (view.name, view.is_default, view.shared_with_unit) == ("دیرکرددارها", False, True)


def test_the_owner_manages_views_on_their_page(login, org_expert, save_view):
    view = save_view(org_expert)
    client = login(org_expert)
    page = reverse("savedviews:view_list")
    client.post(reverse("savedviews:view_rename", args=[view.pk]), {"name": "دیرکردها", "next": page})
    client.post(reverse("savedviews:view_default", args=[view.pk]), {"on": "on", "next": page})
    client.post(reverse("savedviews:view_share", args=[view.pk]), {"on": "on", "next": page})
    view.refresh_from_db()
    assert (view.name, view.is_default, view.shared_with_unit) == ("دیرکردها", True, True)
    body = client.get(page).content.decode()
    assert "دیرکردها" in body and "کارتابل" in body and "گذشته از مهلت: ۱" in body
    assert f'href="{CARTABLE}?overdue=1"' in body
    response = client.post(
        reverse("savedviews:view_rename", args=[view.pk]), {"name": "", "next": page}, follow=True
    )
    assert "نامی برای نما بنویسید." in response.content.decode()
    view.refresh_from_db()
    assert view.name == "دیرکردها"


def test_deleting_asks_first(login, org_expert, save_view):
    view = save_view(org_expert)
    client = login(org_expert)
    url = reverse("savedviews:view_delete", args=[view.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "بله، حذف شود" in confirm.content.decode()
    assert SavedView.objects.exists()
    assert client.post(url)["Location"] == reverse("savedviews:view_list")
    assert not SavedView.objects.exists()


def test_my_views_page_keeps_a_constant_number_of_queries(
    login, org_expert, group_head, save_view, django_assert_max_num_queries
):
    client = login(org_expert)
    save_view(org_expert, name="نخست")
    save_view(group_head, name="مشترک", shared=True)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("savedviews:view_list"))
    for n in range(12):
        save_view(org_expert, name=f"نمای {n}", query=f"q={n}")
        save_view(group_head, name=f"مشترک {n}", query=f"q={n}", shared=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("savedviews:view_list"))


def test_the_bar_keeps_a_constant_number_of_queries(
    login, org_expert, group_head, save_view, django_assert_max_num_queries
):
    client = login(org_expert)
    save_view(org_expert, name="نخست", is_default=True)
    with django_assert_max_num_queries(30) as few:
        client.get(CARTABLE)
        client.get(CARTABLE + "?overdue=1")
    for n in range(12):
        save_view(org_expert, name=f"نمای {n}", query=f"q={n}")
        save_view(group_head, name=f"مشترک {n}", query=f"q={n}", shared=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(CARTABLE)
        client.get(CARTABLE + "?overdue=1")


def test_the_bar_escapes_a_views_name_and_its_form_carries_a_token_that_saves(login, org_expert):
    from django.test import Client

    client = login(org_expert)
    client.post(
        reverse("savedviews:view_save"),
        {"list_key": "workflow:cartable", "query": "state=open", "name": "<b>باز</b>", "next": "/cartable/"},
    )
    body = client.get(reverse("workflow:cartable") + "?state=open").content.decode()
    bar = body[body.index('data-testid="saved-views"') :]
    assert "&lt;b&gt;باز&lt;/b&gt;" in bar and "<b>باز</b>" not in bar

    form = bar[bar.index('data-testid="saved-views-form"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', form).group(1)
    checked = Client(enforce_csrf_checks=True)
    checked.cookies = client.cookies
    saved = checked.post(
        reverse("savedviews:view_save"),
        {
            "list_key": "workflow:cartable",
            "query": "",
            "name": "همه",
            "next": "/cartable/",
            "csrfmiddlewaretoken": token,
        },
    )
    assert saved.status_code == 302 and SavedView.objects.filter(name="همه").exists()
