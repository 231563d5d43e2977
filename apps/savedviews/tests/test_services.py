"""Saving, renaming, sharing, making default and deleting views, each by its owner alone."""

import pytest
from django.db import IntegrityError, transaction

from apps.audit.models import AuditEntry
from apps.core.errors import ForbiddenError, ServiceError
from apps.savedviews import services
from apps.savedviews.lists import query_clean
from apps.savedviews.models import SavedView
from apps.savedviews.services import MAX_VIEWS_PER_LIST

pytestmark = pytest.mark.django_db


def test_it_keeps_only_the_filters_the_list_reads(org_expert, save_view):
    view = save_view(org_expert, query="page=3&format=xlsx&q=%D9%88%D8%B1%D9%88%D8%AF&state=&overdue=1&x=2")
    assert view.query == "q=%D9%88%D8%B1%D9%88%D8%AF&overdue=1"
    assert view.unit == org_expert.unit and view.organization == org_expert.organization


def test_saving_writes_an_audit_row(org_expert, save_view):
    view = save_view(org_expert, name="مال من")
    entry = AuditEntry.objects.get(action="savedviews.view.created")
    assert entry.actor == org_expert and entry.object_id == str(view.pk)
    assert entry.changes["name"] == "مال من" and entry.changes["query"] == "overdue=1"


@pytest.mark.parametrize(
    ("name", "error"),
    [("", "نامی برای نما بنویسید."), ("   ", "نامی برای نما بنویسید."), ("ن" * 81, "حداکثر ۸۰ نویسه")],
)
def test_it_refuses_a_bad_name_in_persian_and_saves_nothing(org_expert, save_view, name, error):
    with pytest.raises(ServiceError) as refused:
        save_view(org_expert, name=name)
    assert error in refused.value.message
    assert not SavedView.objects.exists() and not AuditEntry.objects.exists()


def test_it_refuses_a_second_view_of_the_same_name_on_the_same_list(org_expert, save_view):
    save_view(org_expert, name="كارهاي من")
    with pytest.raises(ServiceError, match="نمایی به نام «کارهای من»"):
        save_view(org_expert, name="کارهای  من", query="q=x")
    # The same name on another list is another view.
    save_view(org_expert, name="کارهای من", list_key="workflow:case_list")
    assert SavedView.objects.count() == 2


def test_it_refuses_filters_too_long_to_keep(org_expert, save_view):
    with pytest.raises(ServiceError, match="بیش از اندازه بلند"):
        save_view(org_expert, query="q=" + "ب" * 400)
    assert not SavedView.objects.exists()


def test_it_refuses_a_list_it_does_not_know(org_expert, save_view):
    with pytest.raises(ServiceError, match="برای این فهرست نمی‌توان نما ذخیره کرد"):
        save_view(org_expert, list_key="accounts:profile")
    assert not SavedView.objects.exists()


def test_it_bounds_the_views_of_one_list(org_expert, save_view):
    for n in range(MAX_VIEWS_PER_LIST):
        save_view(org_expert, name=f"نما {n}")
    with pytest.raises(ServiceError, match="حداکثر ۳۰ نما"):
        save_view(org_expert, name="یکی بیشتر")


def test_a_new_default_replaces_the_old_one_of_the_same_list_only(org_expert, save_view):
    first = save_view(org_expert, name="نخست", is_default=True)
    other_list = save_view(org_expert, name="نخست", list_key="workflow:case_list", is_default=True)
    second = save_view(org_expert, name="دوم", query="q=x", is_default=True)
    first.refresh_from_db()
    other_list.refresh_from_db()
    assert (first.is_default, second.is_default, other_list.is_default) == (False, True, True)
    services.saved_view_set_default(actor=org_expert, view=first)
    assert list(SavedView.objects.filter(is_default=True, list_key="workflow:cartable")) == [first]
    services.saved_view_set_default(actor=org_expert, view=first, is_default=False)
    assert not SavedView.objects.filter(is_default=True, list_key="workflow:cartable").exists()


def test_the_database_holds_one_default_per_person_and_list(org_expert, save_view):
    save_view(org_expert, name="نخست", is_default=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedView.objects.create(owner=org_expert, list_key="workflow:cartable", name="دوم", is_default=True)


def test_the_owner_renames_shares_and_deletes(org_expert, save_view):
    view = save_view(org_expert)
    services.saved_view_rename(actor=org_expert, view=view, name="پرونده‌های دیرکرد")
    services.saved_view_share(actor=org_expert, view=view)
    view.refresh_from_db()
    assert (view.name, view.shared_with_unit) == ("پرونده‌های دیرکرد", True)
    services.saved_view_share(actor=org_expert, view=view, shared=False)
    services.saved_view_delete(actor=org_expert, view=view)
    assert not SavedView.objects.exists()
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        f"savedviews.view.{a}" for a in ("created", "renamed", "shared", "unshared", "deleted")
    }


def test_a_bad_new_name_changes_nothing(org_expert, save_view):
    view = save_view(org_expert)
    save_view(org_expert, name="دیگری", query="q=x")
    for name in ("", "دیگری"):
        with pytest.raises(ServiceError):
            services.saved_view_rename(actor=org_expert, view=view, name=name)
    view.refresh_from_db()
    assert view.name == "دیرکرددارها"


def test_only_the_owner_may_change_a_view_even_one_shared_with_them(org_expert, group_head, save_view):
    view = save_view(org_expert, shared=True)
    for change in (
        lambda: services.saved_view_rename(actor=group_head, view=view, name="ربوده"),
        lambda: services.saved_view_set_default(actor=group_head, view=view),
        lambda: services.saved_view_share(actor=group_head, view=view, shared=False),
        lambda: services.saved_view_delete(actor=group_head, view=view),
    ):
        with pytest.raises(ServiceError, match="فقط صاحب این نما") as refused:
            change()
        assert isinstance(refused.value, ForbiddenError)
    view.refresh_from_db()
    assert (view.name, view.shared_with_unit, view.is_default) == ("دیرکرددارها", True, False)


@pytest.mark.parametrize(
    "list_key",
    ["training:request_list", "managers:profile_list", "managers:decree_list", "complaints:complaint_list"],
)
def test_a_view_of_a_list_a_national_reader_filters_by_province_keeps_the_province(list_key):
    assert query_clean(list_key, "province=3&page=2&format=xlsx") == "province=3"
