"""Rendering any template to an A4, right-to-left PDF with WeasyPrint and the local Vazirmatn fonts."""

import threading
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

FONT_DIR = "vendor/vazirmatn/fonts/ttf"
FONT_WEIGHTS = {400: "Regular", 500: "Medium", 700: "Bold"}
BASE_STYLESHEET = "documents/pdf_base.css"


def _static_path(name: str) -> Path:
    # The finders read the apps' own static folders; after collectstatic, STATIC_ROOT holds the file too.
    found = finders.find(name)
    return Path(found if found else staticfiles_storage.path(name))


@cache
def font_faces() -> tuple[dict, ...]:
    """The @font-face sources as file:// URLs, so rendering never depends on the web server.

    Found once per process: a batch of certificates should not search the static folders per page.
    """
    return tuple(
        {"weight": weight, "url": _static_path(f"{FONT_DIR}/Vazirmatn-{style}.ttf").resolve().as_uri()}
        for weight, style in FONT_WEIGHTS.items()
    )


_local = threading.local()


def _fetcher() -> URLFetcher:
    # The fetcher reads only local files and data: URIs, so a template or a user's text can never make
    # rendering wait on the network.
    return URLFetcher(allowed_protocols=("file", "data"))


def _kept() -> tuple[FontConfiguration, CSS]:
    """The thread's font configuration and the shared stylesheet parsed against it, both built once.

    The configuration loads fontconfig and keeps each @font-face it has loaded (a Pango font map is not
    shared between threads). The shared stylesheet was a third of the styling work of each page when it
    sat in every document's <style>; it holds no document's text, so one parse serves them all.
    """
    kept = getattr(_local, "kept", None)
    if kept is None:
        font_config = FontConfiguration()
        stylesheet = CSS(
            string=render_to_string(BASE_STYLESHEET, {"pdf_fonts": font_faces()}),
            url_fetcher=_fetcher(),
            font_config=font_config,
        )
        kept = _local.kept = (font_config, stylesheet)
    return kept


def qr_data_uri(text: str) -> str:
    """A QR code of `text` as a PNG data URI of one pixel per module, ready for an <img src> drawn with
    `image-rendering: pixelated` (the shared PDF style does so for the footer's and a card's QR cell), so
    the PDF scales each pixel to a sharp square.

    A PNG rather than an SVG: WeasyPrint parses and strokes an SVG's path coordinate by coordinate in
    Python, which was a tenth of a certificate's rendering; it embeds a PNG as it is. One fixed mask:
    every reader decodes any of the eight, and trying all of them to pick the "best" costs more than the
    rest of a certificate's bookkeeping.
    """
    return segno.make(text, error="m", mask=0).png_data_uri(scale=1, border=1)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Renders a template that extends documents/pdf_base.html to PDF bytes."""
    html = render_to_string(template_name, context)
    font_config, stylesheet = _kept()
    # Links in the PDF resolve against the desk's address.
    base_url = settings.KHEDMAT_SITE_URL.rstrip("/") + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).write_pdf(
        stylesheets=[stylesheet], font_config=font_config
    )
