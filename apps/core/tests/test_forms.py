"""The desk's form fields: Jalali dates with the calendar, and files held across a validation error."""

import datetime as dt

from django import forms

from apps.core.forms import JalaliDateField, JalaliDateInput


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
