"""The forms of the saved-views bar and page; the names' rules are the service's, so page and API answer alike."""

from django import forms


class SaveForm(forms.Form):
    list_key = forms.CharField(widget=forms.HiddenInput)
    query = forms.CharField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label="نام نما", required=False)
    is_default = forms.BooleanField(label="پیش‌فرض این فهرست", required=False)
    shared = forms.BooleanField(label="اشتراک با گروه", required=False)


class RenameForm(forms.Form):
    name = forms.CharField(label="نام تازه", required=False)


class FlagForm(forms.Form):
    """On or off: the default and the sharing toggles."""

    on = forms.BooleanField(required=False)
