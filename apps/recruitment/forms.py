"""Forms of service A: Persian and Latin digits and Jalali dates accepted everywhere."""

from django import forms

from apps.accounts.models import Province
from apps.core.forms import (
    DigitsIntegerField,
    HeldFileField,
    JalaliDateField,
    MobileField,
    NationalIdField,
    NormalizedCharField,
)

from .models import Hire, InterviewPanel, Supervisor
from .rules import INTERVIEW_MAX_SCORE

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class RoundForm(forms.Form):
    # The national body announces each province's round.
    province = forms.ModelChoiceField(
        label="استان", queryset=Province.objects.order_by("name"), empty_label="استان را انتخاب کنید"
    )
    code = NormalizedCharField(
        label="کد دوره", max_length=20, help_text="مانند ۱۴۰۵-۱ (کد دوره در سامانه کارمند ایران)"
    )
    title = NormalizedCharField(label="عنوان دوره", max_length=200)
    extra_documents = forms.CharField(
        label="مدارک لازم دیگر برای پرونده استخدام",
        required=False,
        widget=TEXTAREA,
        help_text="هر مدرک در یک سطر؛ مانند «گواهی عدم سوءپیشینه». تصویر مدرک تحصیلی و کارت ملی همیشه لازم است.",
    )

    def clean_extra_documents(self) -> list[str]:
        return [line for line in self.cleaned_data["extra_documents"].splitlines() if line.strip()]


class JobQuotaForm(forms.Form):
    agency_code = NormalizedCharField(label="کد دستگاه", max_length=20)
    job_code = NormalizedCharField(label="کد شغل محل", max_length=20)
    job_title = NormalizedCharField(label="عنوان شغل", max_length=200)
    city = NormalizedCharField(label="شهر", max_length=100)
    posts = DigitsIntegerField(label="سهمیه ابلاغی", min_value=1)
    natives_only = forms.BooleanField(label="ویژه بومیان", required=False)


class AnnounceForm(forms.Form):
    exam_date = JalaliDateField(label="تاریخ آزمون")
    supervisors_requested = DigitsIntegerField(label="تعداد ناظران درخواستی", min_value=1)


class VenueForm(forms.Form):
    name = NormalizedCharField(label="نام حوزه", max_length=200)
    address = NormalizedCharField(label="نشانی", max_length=400)
    capacity = DigitsIntegerField(label="ظرفیت", min_value=1)


class SupervisorForm(forms.Form):
    full_name = NormalizedCharField(label="نام و نام خانوادگی", max_length=200)
    national_id = NationalIdField(label="کد ملی")
    mobile = MobileField(label="شماره همراه", required=False)
    photo = HeldFileField(label="عکس (PNG یا JPEG)")


class NominateForm(forms.Form):
    supervisor = forms.ModelChoiceField(label="ناظر", queryset=Supervisor.objects.order_by("full_name"))


class ExamReportForm(forms.Form):
    present = DigitsIntegerField(label="تعداد حاضران", min_value=0)
    absent = DigitsIntegerField(label="تعداد غایبان", min_value=0)
    incidents = NormalizedCharField(label="رویدادها و تخلفات", required=False, widget=TEXTAREA)
    forms_file = HeldFileField(label="فرم‌های حوزه (PDF یا تصویر)", required=False)


class PanelForm(forms.Form):
    title = NormalizedCharField(label="عنوان هیئت", max_length=200)
    date = JalaliDateField(label="تاریخ مصاحبه")
    place = NormalizedCharField(label="محل", max_length=300)
    supervisor = forms.ModelChoiceField(label="ناظر", queryset=Supervisor.objects.order_by("full_name"))


class InterviewForm(forms.Form):
    panel = forms.ModelChoiceField(label="هیئت مصاحبه", queryset=InterviewPanel.objects.none())
    score = DigitsIntegerField(label="نمره مصاحبه", min_value=0, max_value=INTERVIEW_MAX_SCORE)
    minutes = NormalizedCharField(label="صورت‌جلسه", widget=TEXTAREA)

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = round_.panels.all()


class AllocateForm(forms.Form):
    allocated = DigitsIntegerField(label="تعداد تخصیص برای ثبت", min_value=0)


class HireDetailsForm(forms.Form):
    """The person's data the agency enters (name and national ID come from the national list)."""

    father_name = NormalizedCharField(label="نام پدر", max_length=100)
    birth_date = JalaliDateField(label="تاریخ تولد")
    mobile = MobileField(label="شماره همراه")
    education = forms.ChoiceField(label="مدرک تحصیلی", choices=Hire.Education.choices)
    field_of_study = NormalizedCharField(label="رشته تحصیلی", max_length=200)
    is_native = forms.BooleanField(label="بومی شهر یا استان محل خدمت است", required=False)


class HireRegisterForm(HireDetailsForm):
    candidate = forms.ModelChoiceField(label="پذیرفته‌شده نهایی", queryset=None)
    field_order = ["candidate"]

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates
        self.fields["candidate"].label_from_instance = lambda c: (
            f"{c.first_name} {c.last_name} — {c.national_id} — {c.job.job_title} ({c.job.city})"
        )
        self.order_fields(["candidate"])


class HireDocumentForm(forms.Form):
    requirement = forms.CharField(max_length=40)
    uploaded_file = HeldFileField(label="فایل مدرک (PDF، PNG یا JPEG)")


class EmployeeNumberForm(forms.Form):
    employee_number = NormalizedCharField(label="شماره مستخدم", max_length=20)


class SearchForm(forms.Form):
    q = NormalizedCharField(label="جستجو", required=False)
