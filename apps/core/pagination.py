"""The API's pagination: ninja's limit and offset with upper bounds, so an absurd number is a 422 with
its reason instead of a database error ("bigint out of range")."""

from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

API_PAGE_SIZE = 100
API_MAX_LIMIT = 500
API_MAX_OFFSET = 2**31 - 1


class BoundedPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT)
        offset: int = Field(0, ge=0, le=API_MAX_OFFSET)


# For the few lists that page by offset alone.
Offset = Annotated[int, Field(ge=0, le=API_MAX_OFFSET)]
