"""Forms of service B: Persian and Latin digits and Jalali dates accepted everywhere."""

from django import forms

from apps.accounts.models import Province
from apps.core.digits import to_persian_digits
from apps.core.forms import (
    DigitsDecimalField,
    DigitsIntegerField,
    HeldFileField,
    HeldFileInput,
    JalaliDateField,
    NormalizedCharField,
)

from .models import (
    RATING_HIGHEST,
    RATING_LOWEST,
    Category,
    Course,
    CourseEvaluation,
    Mode,
    SatisfactionSurvey,
)
from .rules import EXAM_TOTAL_MARK

# The value sent stays a plain number; the label a person reads is in Persian digits.
RATING_CHOICES = [(n, to_persian_digits(n)) for n in range(RATING_HIGHEST, RATING_LOWEST - 1, -1)]


class CourseForm(forms.ModelForm):
    year = DigitsIntegerField(label="سال (شمسی)", min_value=1390, max_value=1500)
    hours = DigitsIntegerField(label="ساعت آموزشی", min_value=1)
    tuition = DigitsIntegerField(label="شهریه هر نفر (ریال)", min_value=0)
    capacity = DigitsIntegerField(label="ظرفیت", min_value=1)

    class Meta:
        model = Course
        fields = [
            "year",
            "title",
            "category",
            "syllabus",
            "hours",
            "tuition",
            "planned_month",
            "mode",
            "venue",
            "capacity",
        ]
        widgets = {"syllabus": forms.Textarea(attrs={"rows": 4})}


class CalendarFilterForm(forms.Form):
    year = DigitsIntegerField(label="سال", required=False)
    month = forms.TypedChoiceField(
        label="ماه",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "همه ماه‌ها"), *Course._meta.get_field("planned_month").choices],
    )
    category = forms.ChoiceField(
        label="گروه", required=False, choices=[("", "همه گروه‌ها"), *Category.choices]
    )
    q = NormalizedCharField(label="جست‌وجو", required=False)
    # Every province's courses are on one desk: a citizen picks theirs by its Persian name.
    province = forms.ModelChoiceField(
        label="استان",
        required=False,
        queryset=Province.objects.order_by("name"),
        empty_label="همه استان‌ها",
    )


class RequestForm(forms.Form):
    learner_file = HeldFileField(
        label="فرم اطلاعات فراگیران (اکسل)",
        help_text="بر پایه فایل نمونه؛ اگر حتی یک ردیف خطا داشته باشد هیچ چیزی ثبت نمی‌شود.",
        widget=HeldFileInput(attrs={"accept": ".xlsx"}),
    )
    letter_file = HeldFileField(
        label="معرفی‌نامه رسمی شرکت‌کنندگان",
        widget=HeldFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    receipt_file = HeldFileField(
        label="تصویر فیش بانکی", widget=HeldFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"})
    )
    receipt_number = NormalizedCharField(label="شماره فیش بانکی", max_length=40)
    receipt_amount = DigitsIntegerField(label="مبلغ واریزی (ریال)", min_value=1)
    receipt_date = JalaliDateField(label="تاریخ واریز")


class RequestFixForm(forms.Form):
    learner_file = HeldFileField(
        label="فرم اصلاح‌شده فراگیران (اختیاری)",
        required=False,
        widget=HeldFileInput(attrs={"accept": ".xlsx"}),
    )
    receipt_number = NormalizedCharField(label="شماره فیش بانکی", max_length=40, required=False)
    receipt_amount = DigitsIntegerField(label="مبلغ واریزی (ریال)", min_value=1, required=False)
    receipt_date = JalaliDateField(label="تاریخ واریز", required=False)


class SessionForm(forms.Form):
    requests = forms.TypedMultipleChoiceField(
        label="درخواست‌ها", coerce=int, widget=forms.CheckboxSelectMultiple
    )
    starts_on = JalaliDateField(label="تاریخ شروع")
    ends_on = JalaliDateField(label="تاریخ پایان")
    place = forms.CharField(label="محل برگزاری", max_length=200)
    mode = forms.ChoiceField(label="نحوه اجرا", choices=Mode.choices)
    instructor = forms.CharField(label="مدرس", max_length=200)
    meetings = DigitsIntegerField(label="تعداد جلسه‌ها", min_value=1, max_value=60)

    def __init__(self, *args, requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requests"].choices = _request_choices(requests)


class TopUpForm(forms.Form):
    """Approved requests of the course added to a session not yet held (top-up, or merge)."""

    requests = forms.TypedMultipleChoiceField(
        label="درخواست‌های افزوده", coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, requests=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requests"].choices = _request_choices(requests)


def _request_choices(requests) -> list[tuple[int, str]]:
    return [
        (
            r.pk,
            f"{r.organization.name} — {to_persian_digits(r.people)} نفر ({to_persian_digits(r.case.tracking_code)})",
        )
        for r in requests
    ]


class ReasonForm(forms.Form):
    reason = forms.CharField(label="دلیل", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ScoreField(DigitsDecimalField):
    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=EXAM_TOTAL_MARK, max_digits=5, decimal_places=2, **kwargs)


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = CourseEvaluation
        fields = ["syllabus", "instructor", "venue", "usefulness", "comment"]
        widgets = {
            name: forms.RadioSelect(choices=RATING_CHOICES)
            for name in ("syllabus", "instructor", "venue", "usefulness")
        } | {"comment": forms.Textarea(attrs={"rows": 3})}


class SurveyForm(forms.ModelForm):
    class Meta:
        model = SatisfactionSurvey
        fields = ["satisfaction", "timeliness", "desk", "comment"]
        widgets = {
            name: forms.RadioSelect(choices=RATING_CHOICES) for name in ("satisfaction", "timeliness", "desk")
        } | {"comment": forms.Textarea(attrs={"rows": 3})}


class HistoryForm(forms.Form):
    national_id = NormalizedCharField(label="کد ملی", max_length=10)
