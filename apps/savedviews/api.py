"""API of savedviews."""

from ninja import Router

router = Router(tags=["savedviews"])
