"""API of service A."""

from ninja import Router

router = Router(tags=["recruitment"])
