"""The fault-report form."""

from django import forms

from .models import FaultReport
from .services import DESCRIPTION_MAX_LENGTH


class FaultReportForm(forms.Form):
    category = forms.ChoiceField(label="نوع خطا", choices=FaultReport.Category.choices)
    description = forms.CharField(
        label="شرح خطا", widget=forms.Textarea(attrs={"rows": 5}), max_length=DESCRIPTION_MAX_LENGTH
    )
    page_url = forms.CharField(label="نشانی صفحه‌ای که خطا داد (اختیاری)", required=False, max_length=300)
