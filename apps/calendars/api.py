"""API of calendars."""

from ninja import Router

router = Router(tags=["calendars"])
