"""API of service D."""

from ninja import Router

router = Router(tags=["evaluation"])
