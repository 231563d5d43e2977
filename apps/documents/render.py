"""Rendering any template to an A4, right-to-left PDF with WeasyPrint and the local Vazirmatn fonts."""

import threading
from functools import cache
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

FONT_DIR = "vendor/vazirmatn/fonts/ttf"
FONT_WEIGHTS = {400: "Regular", 500: "Medium", 700: "Bold"}


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


def _font_config() -> FontConfiguration:
    """One per thread, kept: building it loads fontconfig, and it keeps each @font-face it has loaded, so a
    batch of certificates pays for the fonts once instead of per page (a Pango font map is not shared
    between threads)."""
    config = getattr(_local, "font_config", None)
    if config is None:
        config = _local.font_config = FontConfiguration()
    return config


def qr_data_uri(text: str) -> str:
    """A QR code of `text` as an SVG data URI, ready for an <img src>.

    One fixed mask: every reader decodes any of the eight, and trying all of them to pick the "best"
    costs more than the rest of a certificate's bookkeeping.
    """
    return segno.make(text, error="m", mask=0).svg_data_uri(scale=4, border=1)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Renders a template that extends documents/pdf_base.html to PDF bytes."""
    html = render_to_string(template_name, {**context, "pdf_fonts": font_faces()})
    # Links in the PDF resolve against the desk's address; the fetcher reads only local files and
    # data: URIs, so a template or a user's text can never make rendering wait on the network.
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    base_url = settings.KHEDMAT_SITE_URL.rstrip("/") + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf(font_config=_font_config())
