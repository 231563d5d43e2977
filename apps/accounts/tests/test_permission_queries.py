"""What a permission check costs: seeing and doing a row are asked in one query, and the row a route's rule
found is handed to the view of the same request instead of being asked for again."""

import pytest

from apps.accounts import permissions as perms
from apps.accounts.permissions import Refused, RouteRule
from apps.accounts.roles import Role
from apps.accounts.tests.factories import UserFactory
from apps.savedviews.models import SavedView
from apps.savedviews.permissions import SAVED_VIEW

# A saved view: its owner edits it, their group reads it when shared, anybody else does not know it exists.
EDIT = RouteRule(kind=SAVED_VIEW, action="edit", lookup="pk")
VIEW = RouteRule(kind=SAVED_VIEW, action="view", lookup="pk")


@pytest.fixture
def people(province, management_unit):
    def expert(username):
        user = UserFactory(
            organization=province, unit=management_unit, roles=[Role.ORG_EXPERT], username=username
        )
        # What the person is to the desk, and whom they stand in for, are read once a request.
        perms.visible(SavedView.objects.all(), user)
        return user

    return (
        expert("owner"),
        expert("colleague"),
        UserFactory(organization=province, roles=[], username="other"),
    )


@pytest.fixture
def shared(people):
    owner = people[0]
    return SavedView.objects.create(
        owner=owner,
        list_key="workflow:cartable",
        name="مشترک",
        shared_with_unit=True,
        unit=owner.unit,
        organization=owner.organization,
    )


def _fetch(user, action, row):
    return perms.get_or_refuse(SavedView.objects.all(), user, action, kind_name=SAVED_VIEW, pk=row.pk)


def test_seeing_and_doing_a_row_are_one_query(django_assert_num_queries, people, shared):
    owner, colleague, _ = people
    with django_assert_num_queries(1):
        assert _fetch(owner, "edit", shared) == shared
    with django_assert_num_queries(1), pytest.raises(Refused) as refused:
        _fetch(colleague, "edit", shared)
    assert refused.value.status == 403


def test_a_row_out_of_reach_is_not_found_whatever_the_action(people, shared):
    _, _, other = people
    for action in ("view", "edit"):
        with pytest.raises(Refused) as refused:
            _fetch(other, action, shared)
        assert refused.value.status == 404
    with pytest.raises(Refused) as refused:
        perms.get_or_refuse(SavedView.objects.all(), people[0], "edit", kind_name=SAVED_VIEW, pk="abc")
    assert refused.value.status == 404


def test_the_row_the_route_checked_is_handed_to_the_view_once(django_assert_num_queries, people, shared):
    owner = people[0]
    with perms.request_rows():
        perms.enforce(owner, EDIT, {"pk": shared.pk})
        with django_assert_num_queries(0):
            assert _fetch(owner, "edit", shared) == shared
        # A second ask in the request, after a change say, is answered by the database.
        with django_assert_num_queries(1):
            assert _fetch(owner, "edit", shared) == shared


def test_a_row_checked_for_an_action_serves_seeing_it(django_assert_num_queries, people, shared):
    owner = people[0]
    with perms.request_rows():
        perms.enforce(owner, EDIT, {"pk": shared.pk})
        with django_assert_num_queries(0):
            assert _fetch(owner, "view", shared) == shared


def test_a_row_checked_for_seeing_is_never_handed_to_an_action(people, shared):
    colleague = people[1]
    with perms.request_rows():
        perms.enforce(colleague, VIEW, {"pk": shared.pk})
        with pytest.raises(Refused) as refused:
            _fetch(colleague, "edit", shared)
    assert refused.value.status == 403


def test_the_row_is_handed_to_nobody_else_and_outlives_no_request(django_assert_num_queries, people, shared):
    owner, _, other = people
    with perms.request_rows():
        perms.enforce(owner, EDIT, {"pk": shared.pk})
        with pytest.raises(Refused):
            _fetch(other, "view", shared)
    with django_assert_num_queries(1):
        _fetch(owner, "edit", shared)


def test_a_view_reading_more_of_the_row_reads_it_by_key_without_the_checks_again(
    django_assert_num_queries, people, shared
):
    owner = people[0]
    with perms.request_rows():
        perms.enforce(owner, EDIT, {"pk": shared.pk})
        with django_assert_num_queries(1) as captured:
            row = perms.get_or_refuse(
                SavedView.objects.select_related("owner"), owner, "edit", kind_name=SAVED_VIEW, pk=shared.pk
            )
        assert row.owner == owner
        assert "EXISTS" not in captured.captured_queries[0]["sql"].upper()


def test_a_view_narrowing_its_rows_still_refuses_what_the_narrowing_leaves_out(people, shared):
    owner = people[0]
    with perms.request_rows():
        perms.enforce(owner, EDIT, {"pk": shared.pk})
        with pytest.raises(Refused) as refused:
            perms.get_or_refuse(
                SavedView.objects.filter(list_key="training:requests"),
                owner,
                "edit",
                kind_name=SAVED_VIEW,
                pk=shared.pk,
            )
    assert refused.value.status == 404
