"""API of service C."""

from ninja import Router

router = Router(tags=["managers"])
