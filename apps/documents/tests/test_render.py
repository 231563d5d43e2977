"""The PDF renderer: local fonts, A4 right-to-left pages, the verification footer."""

import base64
import io

import segno
from django.template.loader import render_to_string
from PIL import Image

from apps.documents.render import BASE_STYLESHEET, font_faces, qr_data_uri, render_pdf
from apps.documents.services import verify_url


def test_the_fonts_come_from_local_files(settings):
    faces = font_faces()
    assert {face["weight"] for face in faces} == {400, 500, 700}
    assert all(face["url"].startswith("file:///") and face["url"].endswith(".ttf") for face in faces)


def test_the_verification_address_is_on_the_desk(settings):
    settings.KHEDMAT_SITE_URL = "https://khedmat.example.ir/"
    assert verify_url("ABCDE23456") == "https://khedmat.example.ir/verify/ABCDE23456/"


def test_the_qr_code_is_an_inline_png_of_one_pixel_per_module():
    text = "https://khedmat.example.ir/verify/ABCDE23456/"
    uri = qr_data_uri(text)
    assert uri.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(uri.partition(",")[2]))).convert("L")
    modules = segno.make(text, error="m", mask=0).matrix_iter(scale=1, border=1)
    assert [[image.getpixel((x, y)) == 0 for x in range(image.width)] for y in range(image.height)] == [
        [bool(dark) for dark in row] for row in modules
    ]


def test_the_footers_qr_code_is_drawn_unsmoothed(letter, pdf_facts):
    facts = pdf_facts(letter.file.read())
    # The one image of a letter is its QR code: WeasyPrint writes the PNG with /Interpolate false only
    # when the style says pixelated, so no viewer blurs its squares.
    assert facts.interpolate == [False]


def test_the_footer_carries_the_code_the_date_and_the_qr_code(letter):
    html = render_to_string(
        "documents/pdf_base.html",
        {"document": letter, "verify_url": verify_url(letter.verification_code), "qr_data_uri": "data:,qr"},
    )
    assert '<html lang="fa" dir="rtl">' in html
    assert letter.verification_code in html
    assert verify_url(letter.verification_code) in html
    assert 'src="data:,qr"' in html


def test_the_shared_style_sets_the_a4_page_and_the_local_fonts():
    css = render_to_string(BASE_STYLESHEET, {"pdf_fonts": font_faces()})
    assert "size: A4" in css
    assert "element(pdf-footer)" in css
    assert all(f'url("{face["url"]}")' in css for face in font_faces())


def test_any_template_renders_with_the_vazirmatn_files(pdf_facts):
    facts = pdf_facts(render_pdf("documents/pdf_base.html", {}))
    assert facts.pages == 1
    assert any("Vazirmatn" in name for name in facts.fonts), facts.fonts
