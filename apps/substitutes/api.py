"""API of substitutes."""

from ninja import Router

router = Router(tags=["substitutes"])
