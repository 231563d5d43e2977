"""Pagination. Both the pages' and the API's count a list up to a cap and no further, so a list costs the
same whatever the size of its table. The API's: ninja's limit and offset with upper bounds, so an absurd
number is a 422 with its reason instead of a database error ("bigint out of range"). The pages': Django's
paginator."""

from functools import cached_property
from typing import Annotated, Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

API_PAGE_SIZE = 100
API_MAX_LIMIT = 500
API_MAX_OFFSET = 2**31 - 1

# A list's count past this many rows is «بیش از ۱۰٬۰۰۰»: counting more would cost in proportion to the table.
COUNT_CAP = 10_000


def count_up_to(rows, cap: int) -> int:
    """How many rows, counting no further than `cap + 1`: `cap + 1` says "more than the cap". A queryset is
    counted as COUNT(*) over a subquery with LIMIT, which PostgreSQL stops after that many rows; a plain
    list is counted whole (it is in memory already)."""
    if isinstance(rows, QuerySet):
        return rows.order_by()[: cap + 1].count()
    return len(rows)


class BoundedPagination(LimitOffsetPagination):
    """The API's lists: `count` is exact up to `COUNT_CAP`; past it, `count` is the cap and `count_capped`
    is true (there are more rows than `count`), and the caller pages on by `offset` until a page comes back
    short. (The desk's API operations are synchronous; ninja's async variant is not used.)"""

    cap = COUNT_CAP

    class Input(Schema):
        limit: int = Field(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=API_MAX_OFFSET)

    class Output(Schema):
        items: list[Any]
        count: int = Field(description=f"Rows in the list, counted up to {COUNT_CAP:,}.")
        count_capped: bool = Field(
            description=f"True when the list holds more than `count` rows: the count stops at {COUNT_CAP:,}."
        )

    def paginate_queryset(self, queryset, pagination: Input, request, **params) -> dict:
        offset = pagination.offset
        limit = min(pagination.limit, self.max_limit)
        counted = count_up_to(queryset, self.cap)
        return {
            self.items_attribute: queryset[offset : offset + limit],
            "count": min(counted, self.cap),
            "count_capped": counted > self.cap,
        }


# For the few lists that page by offset alone.
Offset = Annotated[int, Field(ge=0, le=API_MAX_OFFSET)]


class ListedPage(Page):
    """A page whose rows are read once, into a list, and iterated as one. Django's Page is a Sequence:
    iterating it asks `__getitem__` for each row in turn, which checks each time whether the rows were read."""

    def __iter__(self):
        if not isinstance(self.object_list, list):
            self.object_list = list(self.object_list)
        return iter(self.object_list)


class CappedPaginator(Paginator):
    """Django's paginator whose COUNT reads at most `COUNT_CAP + 1` rows of a queryset, so a list's cost does
    not grow with its table: a province's list and the nation's cost the same. Up to the cap everything is
    as with Django's (an exact count, "page 3 of 12"). Past it, `beyond` is true, `count` is the cap (shown as
    «بیش از ۱۰٬۰۰۰»), every page stays reachable through its "next" link, and whether there is a next page is
    learned by reading one row more than the page shows. A plain list is counted whole, as before."""

    cap = COUNT_CAP

    @cached_property
    def _counted(self) -> int:
        return count_up_to(self.object_list, self.cap)

    @property
    def beyond(self) -> bool:
        return self._counted > self.cap

    @property
    def count(self) -> int:
        return self.cap if self.beyond else self._counted

    def validate_number(self, number):
        if not self.beyond:
            return super().validate_number(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError) as exc:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from exc
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number):
        if not self.beyond:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows:
            raise EmptyPage(self.error_messages["no_results"])
        return OpenEndedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)

    def _get_page(self, *args, **kwargs):
        return ListedPage(*args, **kwargs)

    def get_page(self, number):
        try:
            return super().get_page(number)
        except EmptyPage:
            # Past the last row of a list beyond the cap: the last page whose rows are known to exist.
            return self.page(self.num_pages)


class OpenEndedPage(ListedPage):
    """A page of a list beyond the cap: it knows whether a next page exists, not how many there are."""

    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1
