"""API of complaints, service levels and reports."""

from ninja import Router

router = Router(tags=["complaints"])
