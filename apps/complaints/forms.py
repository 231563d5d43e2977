"""Input of issue 7: filing a complaint, assigning and rating it, the survey and the report filters."""

from django import forms

from apps.catalog.content import SERVICES
from apps.core.dashboards import ReportFilters
from apps.core.digits import to_persian_digits
from apps.core.forms import HeldFileField, JalaliDateField, MobileField, NormalizedCharField

from .models import Complaint
from .rules import SCORE_MAX, SCORE_MIN
from .services import MAX_TEXT_LENGTH

SCORE_CHOICES = [(n, to_persian_digits(n)) for n in range(SCORE_MAX, SCORE_MIN - 1, -1)]


class StyledForm(forms.Form):
    """Bootstrap's classes on every widget: the shared field partial renders widgets as they come."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self) -> None:
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class ComplaintForm(StyledForm):
    kind = forms.ChoiceField(label="نوع", choices=Complaint.Kind.choices)
    subject = forms.ChoiceField(label="درباره", choices=Complaint.Subject.choices)
    service = forms.ChoiceField(
        label="خدمت", required=False, choices=[("", "—")] + [(s.slug, s.title) for s in SERVICES]
    )
    case_code = NormalizedCharField(label="کد رهگیری پرونده", required=False, max_length=10)
    document_code = NormalizedCharField(label="کد صحت‌سنجی سند", required=False, max_length=20)
    text = forms.CharField(label="شرح", widget=forms.Textarea(attrs={"rows": 5}), max_length=MAX_TEXT_LENGTH)
    mobile = MobileField(label="شماره همراه برای پیگیری و پیامک پاسخ")
    attachment = HeldFileField(label="مستندات (PDF، JPEG یا PNG؛ اختیاری)", required=False)


class AssignForm(StyledForm):
    assignee = forms.ModelChoiceField(label="کارشناس رسیدگی", queryset=None)

    def __init__(self, *args, handlers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = handlers


class RateForm(StyledForm):
    rating = forms.TypedChoiceField(label="امتیاز شما به پاسخ", choices=SCORE_CHOICES, coerce=int)
    note = forms.CharField(label="نظر شما (اختیاری)", required=False, max_length=500)


class SurveyForm(StyledForm):
    score = forms.TypedChoiceField(label="رضایت کلی از این خدمت", choices=SCORE_CHOICES, coerce=int)
    comment = forms.CharField(
        label="نظر یا پیشنهاد (اختیاری)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, steps: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = steps
        for state, label in steps:
            self.fields[f"step_{state}"] = forms.TypedChoiceField(
                label=f"مرحله «{label}»", choices=[("", "—"), *SCORE_CHOICES], coerce=int, required=False
            )
        self.style_widgets()

    def step_scores(self) -> dict[str, int]:
        return {
            state: self.cleaned_data[f"step_{state}"]
            for state, _ in self.steps
            if self.cleaned_data.get(f"step_{state}")
        }


class ReportFiltersForm(StyledForm):
    organization = forms.ModelChoiceField(
        label="دستگاه", queryset=None, required=False, empty_label="همه دستگاه‌ها"
    )
    start = JalaliDateField(label="از تاریخ", required=False)
    end = JalaliDateField(label="تا تاریخ", required=False)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = agencies

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError("تاریخ شروع باید پیش از تاریخ پایان باشد.")
        return cleaned

    def filters(self) -> ReportFilters:
        if not self.is_valid():
            return ReportFilters()
        organization = self.cleaned_data.get("organization")
        return ReportFilters(
            start=self.cleaned_data.get("start"),
            end=self.cleaned_data.get("end"),
            organization_id=organization.pk if organization else None,
        )
