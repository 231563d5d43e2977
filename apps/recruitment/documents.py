"""The supervisor's card (کارت ناظر): its document kind, its PDF context, and the venue's card sheet."""

import base64

from apps.core.jalali import format_date
from apps.documents.kinds import register_kind
from apps.documents.render import qr_data_uri, render_pdf
from apps.documents.services import verify_url

from .models import Nomination

SUPERVISOR_CARD = register_kind("supervisor_card", "کارت ناظر آزمون استخدامی")
CARD_TEMPLATE = "recruitment/pdf/supervisor_card.html"
SHEET_TEMPLATE = "recruitment/pdf/card_sheet.html"
_MIME = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def photo_data_uri(nomination: Nomination) -> str:
    """The photo inline, so rendering reads no file by URL and works with any storage."""
    with nomination.supervisor.photo.open("rb") as handle:
        data = handle.read()
    mime = next((m for sig, m in _MIME.items() if data.startswith(sig)), "image/png")
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def card_context(nomination: Nomination) -> dict:
    return {
        "nomination": nomination,
        "round": nomination.venue.round,
        "photo_uri": photo_data_uri(nomination),
    }


def card_summary(nomination: Nomination) -> dict:
    """What the public verification page shows: the card's facts, nothing more personal than the name."""
    return {
        "شماره کارت": nomination.card_number,
        "حوزه آزمون": nomination.venue.name,
        "دوره جذب": nomination.venue.round.title,
        "اعتبار تا": format_date(nomination.valid_until),
    }


def venue_sheet_pdf(*, nominations: list[Nomination], issuer) -> bytes:
    """Every issued card of a venue on one printable sheet; each keeps its own code and QR."""
    cards = []
    for nomination in nominations:
        url = verify_url(nomination.card.verification_code)
        cards.append({**card_context(nomination), "document": nomination.card, "qr": qr_data_uri(url)})
    return render_pdf(SHEET_TEMPLATE, {"cards": cards, "issuer": issuer, "title": "برگه کارت‌های ناظران"})
