"""API of service B."""

from ninja import Router

router = Router(tags=["training"])
