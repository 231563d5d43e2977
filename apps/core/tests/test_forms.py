"""The desk's form fields: Jalali dates with the calendar, and files held across a validation error."""

import datetime as dt
import importlib
import os

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.core.forms import HeldFileField, HeldFileInput, JalaliDateField, JalaliDateInput
from apps.core.models import HeldUpload
from apps.core.uploads import HELD_UPLOAD_MAX_AGE, held_uploads_purge, validate_upload

APPS = (
    "core",
    "accounts",
    "workflow",
    "support",
    "recruitment",
    "training",
    "managers",
    "evaluation",
    "complaints",
)


class DateForm(forms.Form):
    day = JalaliDateField(label="تاریخ")


def test_it_renders_the_calendar_on_a_text_box_that_keeps_its_label():
    html = str(DateForm()["day"])
    assert 'type="text"' in html
    assert "data-jdp" in html
    assert 'aria-haspopup="dialog"' in html
    assert 'autocomplete="off"' in html
    assert "readonly" not in html
    assert isinstance(JalaliDateField().widget, JalaliDateInput)
    assert 'for="id_day"' in DateForm()["day"].label_tag()


def test_it_accepts_a_date_typed_with_persian_digits():
    form = DateForm({"day": "۱۴۰۵/۰۱/۱۵"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2026, 4, 4)


def test_it_accepts_a_date_typed_with_latin_digits():
    form = DateForm({"day": "1405/01/15"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2026, 4, 4)


def test_it_shows_a_stored_date_in_jalali_with_persian_digits():
    assert 'value="۱۴۰۵/۰۱/۱۵"' in str(DateForm(initial={"day": dt.date(2026, 4, 4)})["day"])


def test_it_refuses_a_date_that_is_not_on_the_calendar():
    form = DateForm({"day": "1405/13/01"})
    assert not form.is_valid()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class LetterForm(forms.Form):
    subject = forms.CharField(label="موضوع")
    letter = HeldFileField(label="نامه")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_it_keeps_the_chosen_file_when_the_form_comes_back_with_an_error(media):
    first = LetterForm({"subject": ""}, {"letter": SimpleUploadedFile("نامه.pdf", PDF, "application/pdf")})
    assert not first.is_valid()
    html = str(first["letter"])

    # Shown as already chosen, with its token in a hidden field and a box to remove it.
    held = HeldUpload.objects.get()
    assert held.name == "نامه.pdf"
    assert f'name="letter__held" value="{held.token}"' in html
    assert "فایل انتخاب‌شده" in html and "نامه.pdf" in html and 'name="letter__drop"' in html
    assert "required" not in html.split('type="file"')[1].split(">")[0]

    # Sent again with the error corrected and no file chosen: the held file is the one used.
    again = LetterForm({"subject": "درخواست", "letter__held": held.token}, {})
    assert again.is_valid(), again.errors
    letter = again.cleaned_data["letter"]
    assert letter.name == "نامه.pdf"
    assert letter.read() == PDF
    assert validate_upload(letter) == "pdf"  # the services check it as before


@pytest.mark.django_db
def test_a_new_choice_replaces_the_held_file_and_remove_drops_it(media):
    first = LetterForm({"subject": ""}, {"letter": SimpleUploadedFile("a.pdf", PDF)})
    assert not first.is_valid()
    str(first["letter"])
    token = HeldUpload.objects.get().token

    replaced = LetterForm(
        {"subject": "x", "letter__held": token}, {"letter": SimpleUploadedFile("b.pdf", PDF)}
    )
    assert replaced.is_valid()
    assert replaced.cleaned_data["letter"].name == "b.pdf"

    dropped = LetterForm({"subject": "x", "letter__held": token, "letter__drop": "1"}, {})
    assert not dropped.is_valid()
    assert "letter" in dropped.errors


@pytest.mark.django_db
def test_it_holds_nothing_for_a_file_no_service_would_take_nor_for_a_form_that_passes(media):
    bad = LetterForm({"subject": ""}, {"letter": SimpleUploadedFile("x.exe", b"MZ\x90\x00")})
    assert not bad.is_valid()
    assert "letter__held" not in str(bad["letter"])
    good = LetterForm({"subject": "x"}, {"letter": SimpleUploadedFile("a.pdf", PDF)})
    assert good.is_valid()
    assert not HeldUpload.objects.exists()


@pytest.mark.django_db
def test_a_token_that_is_unknown_or_too_old_is_ignored(media):
    first = LetterForm({"subject": ""}, {"letter": SimpleUploadedFile("a.pdf", PDF)})
    first.is_valid()
    str(first["letter"])
    held = HeldUpload.objects.get()
    assert not LetterForm({"subject": "x", "letter__held": "guess"}, {}).is_valid()

    HeldUpload.objects.update(created_at=timezone.now() - HELD_UPLOAD_MAX_AGE - dt.timedelta(minutes=1))
    assert not LetterForm({"subject": "x", "letter__held": held.token}, {}).is_valid()
    path = held.file.path
    assert held_uploads_purge() == 1
    assert not HeldUpload.objects.exists()
    assert not os.path.exists(path)


def test_every_file_field_of_every_app_keeps_its_file_across_an_error():
    found = []
    for module_name in (f"apps.{app}.forms" for app in APPS):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        for form in vars(module).values():
            if isinstance(form, type) and issubclass(form, forms.BaseForm):
                for name, field in form.base_fields.items():
                    if isinstance(field, forms.FileField):
                        found.append(f"{module_name}.{form.__name__}.{name}")
                        assert isinstance(field, HeldFileField), f"{form.__name__}.{name}"
                        assert isinstance(field.widget, HeldFileInput), f"{form.__name__}.{name}"
    assert len(found) >= 10
