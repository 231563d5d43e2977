"""The calendars' one form: confirming that a new feed address replaces the old one."""

from django import forms


class RegenerateForm(forms.Form):
    confirm = forms.BooleanField(
        label="می‌دانم که نشانی کنونی از کار می‌افتد و باید نشانی تازه را دوباره در تقویم خود وارد کنم.",
        error_messages={"required": "برای ساختن نشانی تازه، این بند را تأیید کنید."},
    )
