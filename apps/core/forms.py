"""Form fields that accept Persian and Latin digits and Jalali dates."""

from django import forms

from .digits import normalize_text, to_latin_digits
from .jalali import JalaliDateError, format_date, parse_jalali_date
from .national_id import validate_national_id
from .uploads import HeldFile, held_file_get, upload_hold


class NormalizedCharField(forms.CharField):
    """Stores Latin digits and Persian letters whatever keyboard the user typed with."""

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_text(value) if value else value


class DigitsIntegerField(forms.IntegerField):
    """An integer typed with Persian, Arabic or Latin digits, thousands separators allowed."""

    # A browser's number box refuses Persian digits, so it is a text box with a numeric keypad.
    widget = forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"})

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(value).replace(",", "").replace("٬", "").strip()
        return super().to_python(value)


class DigitsDecimalField(forms.DecimalField):
    """A decimal typed with Persian or Latin digits and either decimal mark (٫ or .)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"})

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(value).replace("٫", ".").strip()
        return super().to_python(value)


class JalaliDateInput(forms.TextInput):
    """A text box for a Jalali date with the desk's calendar under it (core/datepicker.js reads data-jdp).

    It stays a text box, so a date can still be typed with either digits; the calendar opens on a
    click or the ↓ key and is walked with the arrows, Enter and Escape.
    """

    def __init__(self, attrs=None):
        defaults = {
            "data-jdp": "",
            "placeholder": "۱۴۰۵/۰۹/۰۲",
            "inputmode": "numeric",
            "dir": "ltr",
            "autocomplete": "off",
            # A text box that opens a calendar is a combobox (ARIA 1.2): on a plain textbox, aria-expanded
            # is not allowed (axe's aria-allowed-attr, critical).
            "role": "combobox",
            "aria-haspopup": "dialog",
            "aria-expanded": "false",
            "title": "تاریخ شمسی، مانند ۱۴۰۵/۰۱/۱۵؛ کلید ↓ تقویم را باز می‌کند",
        }
        super().__init__({**defaults, **(attrs or {})})


class JalaliDateField(forms.Field):
    widget = JalaliDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if hasattr(value, "year"):
            return value
        try:
            return parse_jalali_date(value)
        except JalaliDateError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def prepare_value(self, value):
        return format_date(value) if hasattr(value, "year") else value


class NationalIdField(NormalizedCharField):
    default_validators = [validate_national_id]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)


class MobileField(NormalizedCharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 11)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value and not (len(value) == 11 and value.startswith("09") and value.isdigit()):
            raise forms.ValidationError("شماره همراه باید ۱۱ رقم باشد و با ۰۹ شروع شود.")


class HeldFileInput(forms.FileInput):
    """A file box that, when its form comes back with an error, shows the file already chosen with a
    «حذف» box, and sends the held file's token back in a hidden field instead of asking for it again."""

    template_name = "core/widgets/held_file.html"

    def value_from_datadict(self, data, files, name):
        upload = files.get(name)
        if upload:
            return upload
        if data.get(f"{name}__drop"):
            return None
        return held_file_get(data.get(f"{name}__held", ""))

    def value_omitted_from_data(self, data, files, name):
        return name not in files and f"{name}__held" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        held = value if isinstance(value, HeldFile) else None
        context["widget"]["held"] = held
        if held:
            # The held file answers a required field; the browser must not ask for another.
            context["widget"]["attrs"].pop("required", None)
        return context


class HeldFileField(forms.FileField):
    """The desk's file field: what was chosen survives a validation error (uploads.upload_hold).

    Kind and size are still checked by the services with uploads.validate_upload, as before.
    """

    widget = HeldFileInput

    def clean(self, data, initial=None):
        if isinstance(data, HeldFile):
            data = data.open()
        return super().clean(data, initial)

    def bound_data(self, data, initial):
        # Called only when the bound form is shown again, that is after an error: hold the file then.
        if isinstance(data, HeldFile):
            return data
        if data and hasattr(data, "read"):
            return upload_hold(data) or initial
        return initial


class ImportUploadForm(forms.Form):
    file = HeldFileField(
        label="فایل اکسل",
        help_text="فقط فایل .xlsx بر پایه فایل نمونه؛ اگر حتی یک ردیف خطا داشته باشد هیچ ردیفی ثبت نمی‌شود.",
        widget=HeldFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


def form_errors_text(form) -> str:
    """A form's errors as one Persian sentence, for a page that shows them as a message (a row's own form)."""
    return "ورودی نامعتبر است: " + " ".join(e for errors in form.errors.values() for e in errors)
