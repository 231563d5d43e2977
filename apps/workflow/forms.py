"""Input for acting on cases: one action with its reason, bulk selections, public tracking."""

from django import forms

from apps.core.forms import HeldFileField, MobileField, NormalizedCharField


class ActionForm(forms.Form):
    action = forms.CharField(max_length=40)
    expected_state = forms.CharField(max_length=40, required=False)
    reason = forms.CharField(label="دلیل / توضیح", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class BulkForm(forms.Form):
    action = forms.CharField(max_length=40)
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["case_ids"] = [int(value) for value in self.data.getlist("cases")]
        except ValueError as exc:
            raise forms.ValidationError("شناسه پرونده نامعتبر است.") from exc
        return cleaned


class AttachmentForm(forms.Form):
    title = forms.CharField(label="عنوان پیوست", max_length=200, required=False)
    file = HeldFileField(label="فایل (PDF، JPEG یا PNG)")


class TrackForm(forms.Form):
    tracking_code = NormalizedCharField(label="کد رهگیری", max_length=10)
    mobile = MobileField(label="شماره همراه ثبت‌شده در پرونده")
