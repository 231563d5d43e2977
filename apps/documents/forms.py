"""Input for the official letter and for the public verification lookup."""

from django import forms

from apps.core.uploads import validate_upload

from .selectors import normalize_code


class LetterForm(forms.Form):
    subject = forms.CharField(
        label="موضوع", max_length=300, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    body = forms.CharField(
        label="متن نامه",
        help_text="هر بند را در یک خط جداگانه بنویسید؛ «با سلام و احترام» خودکار افزوده می‌شود.",
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 10}),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="کد صحت‌سنجی",
        max_length=40,
        widget=forms.TextInput(attrs={"class": "form-control", "dir": "ltr", "autocomplete": "off"}),
    )

    def clean_code(self) -> str:
        code = normalize_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError("کد چاپ‌شده در پایین سند را وارد کنید.")
        return code


class VerifyFileForm(forms.Form):
    file = forms.FileField(
        label="فایل PDF سند",
        help_text="فایل PDF دریافتی از میز خدمت را بارگذاری کنید تا امضای آن و نسخه صادرشده بررسی شود.",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": "application/pdf,.pdf"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_upload(uploaded, kinds=("pdf",))
        return uploaded
