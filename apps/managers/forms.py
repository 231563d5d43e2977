"""Service C's forms; numbers and dates accept Persian and Latin digits."""

from django import forms

from apps.accounts.roles import Role
from apps.accounts.selectors import users_with_roles
from apps.core.digits import to_persian_digits
from apps.core.forms import (
    DigitsDecimalField,
    DigitsIntegerField,
    JalaliDateField,
    MobileField,
    NationalIdField,
    NormalizedCharField,
)

from .models import AgencyRules, JobRecord, ManagerProfile, Post, Source
from .rules import (
    GENERAL_CRITERIA,
    GENERAL_CRITERION_MAX,
    MAX_CANDIDATE_PRIORITY,
    SCORE_YEARS,
    SPECIFIC_CRITERION_MAX,
)
from .services.profiles import PROFILE_FIELDS

YES_NO = [("", "—"), ("1", "تأیید / مطابقت دارد"), ("0", "تأیید نمی‌شود / مطابقت ندارد")]


def _yes_no(label: str, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, choices=YES_NO, coerce=lambda v: v == "1", empty_value=None, required=required
    )


class ProfileForm(forms.ModelForm):
    national_id = NationalIdField(label="شماره شناسنامه / کد ملی", required=False)
    mobile = MobileField(label="شماره همراه", required=False)
    children = DigitsIntegerField(label="تعداد فرزندان", min_value=0, initial=0)
    related_experience_months = DigitsIntegerField(label="سابقه کارشناسی مرتبط (ماه)", min_value=0, initial=0)
    management_experience_months = DigitsIntegerField(
        label="سابقه مدیریتی مرتبط (ماه)", min_value=0, initial=0
    )
    general_exam_points = DigitsDecimalField(
        label="امتیاز آزمون معیارهای عمومی مدیریتی", min_value=0, max_value=100, required=False
    )

    class Meta:
        model = ManagerProfile
        fields = PROFILE_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in (
                "education",
                "courses",
                "research",
                "languages_computer",
                "commendations",
                "self_actions",
                "self_plans",
            )
        }


class JobRecordForm(forms.ModelForm):
    started_on = JalaliDateField(label="تاریخ انتصاب")
    months = DigitsIntegerField(label="مدت تصدی (ماه)", min_value=1)

    class Meta:
        model = JobRecord
        fields = ("title", "agency_name", "unit", "started_on", "months", "region", "is_management")


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ("title", "number", "level", "unit", "location", "job_field", "superior")

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["superior"].queryset = users_with_roles(
            Role.AGENCY_HEAD, organization_ids=[organization.pk]
        ).order_by("last_name")
        self.fields["number"] = NormalizedCharField(label="شماره پست", max_length=30)


class RulesForm(forms.ModelForm):
    weight_general = DigitsDecimalField(label="ضریب اهمیت معیارهای عمومی", min_value=0, max_value=10)
    weight_specific = DigitsDecimalField(label="ضریب اهمیت معیارهای اختصاصی", min_value=0, max_value=10)
    weight_appraisal = DigitsDecimalField(label="ضریب اهمیت میانگین ارزشیابی", min_value=0, max_value=10)
    weight_performance = DigitsDecimalField(
        label="ضریب اهمیت میانگین ارزیابی عملکرد", min_value=0, max_value=10
    )
    desired_middle = DigitsDecimalField(label="امتیاز مطلوب سطح میانی", min_value=0)
    desired_base = DigitsDecimalField(label="امتیاز مطلوب سطح پایه", min_value=0)
    specific_text = forms.CharField(
        label="معیارهای اختصاصی (هر سطر یکی، حداکثر سه)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    extra_text = forms.CharField(
        label="شرایط اختصاصی دستگاه افزون بر شرایط چهارگانه (هر سطر یکی)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    class Meta:
        model = AgencyRules
        fields = (
            "body",
            "weight_general",
            "weight_specific",
            "weight_appraisal",
            "weight_performance",
            "desired_middle",
            "desired_base",
        )


class NominationForm(forms.Form):
    post = forms.ModelChoiceField(label="پست مورد نظر", queryset=Post.objects.none())
    proposer_position = NormalizedCharField(label="سمت پیشنهاددهنده", max_length=200)
    remarks = forms.CharField(label="توضیحات", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, posts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = posts


class CandidateForm(forms.Form):
    profile = forms.ModelChoiceField(
        label="نامزد (از بانک اطلاعات مدیران دستگاه)", queryset=ManagerProfile.objects.none()
    )
    source = forms.ChoiceField(label="منبع معرفی", choices=Source.choices)
    priority = DigitsIntegerField(label="اولویت", min_value=1, max_value=MAX_CANDIDATE_PRIORITY)

    def __init__(self, *args, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profile"].queryset = profiles


class CheckForm(forms.Form):
    """Form 3, filled by HR."""

    bachelor_matches = _yes_no("رشته تحصیلی در مقطع کارشناسی با رشته شغلی")
    last_degree_confirmed = _yes_no("آخرین مدرک تحصیلی")
    management_course_confirmed = _yes_no("گذراندن دوره آموزش مدیریت")
    master_management_confirmed = _yes_no("مدرک کارشناسی ارشد مدیریت")
    related_experience_months = DigitsIntegerField(
        label="جمع سابقه کار کارشناسی مرتبط یا مشابه (ماه)", min_value=0
    )
    management_experience_months = DigitsIntegerField(
        label="جمع سابقه کار مدیریتی مرتبط یا مشابه (ماه)", min_value=0
    )

    def __init__(self, *args, extras=(), **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(SCORE_YEARS):
            self.fields[f"year_{n}"] = DigitsIntegerField(
                label=f"سال {n + 1}", required=False, min_value=1300, max_value=1500
            )
            self.fields[f"appraisal_{n}"] = DigitsDecimalField(
                label="امتیاز ارزشیابی", required=False, min_value=0, max_value=100
            )
            self.fields[f"performance_{n}"] = DigitsDecimalField(
                label="امتیاز ارزیابی عملکرد", required=False, min_value=0, max_value=100
            )
        self.extras = list(extras)
        for condition in self.extras:
            self.fields[f"extra_{condition.pk}"] = _yes_no(f"شرط اختصاصی: {condition.title}")

    def clean(self):
        data = super().clean()
        for n in range(SCORE_YEARS):
            if (
                data.get(f"appraisal_{n}") is not None or data.get(f"performance_{n}") is not None
            ) and not data.get(f"year_{n}"):
                self.add_error(f"year_{n}", "سال این امتیازها را بنویسید.")
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        years = [(data.get(f"year_{n}"), n) for n in range(SCORE_YEARS) if data.get(f"year_{n}")]
        return {
            **{
                k: data[k]
                for k in (
                    "bachelor_matches",
                    "last_degree_confirmed",
                    "management_course_confirmed",
                    "master_management_confirmed",
                    "related_experience_months",
                    "management_experience_months",
                )
            },
            "appraisal_scores": [{"year": y, "score": data.get(f"appraisal_{n}")} for y, n in years],
            "performance_scores": [{"year": y, "score": data.get(f"performance_{n}")} for y, n in years],
            "extra_results": {c.pk: data.get(f"extra_{c.pk}") for c in self.extras},
        }


class SessionForm(forms.Form):
    number = NormalizedCharField(label="شماره صورت‌جلسه", max_length=30)
    held_on = JalaliDateField(label="تاریخ جلسه")
    attendees = forms.CharField(
        label="حاضران (هر سطر: نام و نام خانوادگی - سمت)", widget=forms.Textarea(attrs={"rows": 5})
    )
    superior_invited = forms.BooleanField(label="مقام مافوق برای تبادل نظر به جلسه دعوت شد", required=False)

    def attendee_list(self) -> list[dict]:
        rows = []
        for line in self.cleaned_data["attendees"].splitlines():
            name, _, position = line.partition("-")
            if name.strip():
                rows.append({"name": name.strip(), "position": position.strip()})
        return rows


class ScoreForm(forms.Form):
    """Form 4's first table for one candidate."""

    def __init__(self, *args, specific_titles=(), **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in GENERAL_CRITERIA:
            self.fields[f"g_{key}"] = DigitsDecimalField(
                label=label, min_value=0, max_value=GENERAL_CRITERION_MAX
            )
        self.specific_count = len(specific_titles)
        for n, title in enumerate(specific_titles):
            self.fields[f"s_{n}"] = DigitsDecimalField(
                label=f"معیار اختصاصی: {title}", min_value=0, max_value=SPECIFIC_CRITERION_MAX
            )

    def general(self) -> dict:
        return {key: self.cleaned_data[f"g_{key}"] for key, _ in GENERAL_CRITERIA}

    def specific(self) -> list:
        return [self.cleaned_data[f"s_{n}"] for n in range(self.specific_count)]


class EvaluationForm(forms.Form):
    year = DigitsIntegerField(label="سال", min_value=1300, max_value=1500)
    score = DigitsDecimalField(label="امتیاز ارزیابی عملکرد (از ۱۰۰)", min_value=0, max_value=100)
    note = forms.CharField(label="توضیح", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecreeActionForm(forms.Form):
    """One of the decree's declared actions, with its text: the written notice to the council when the
    superior replaces the appointee, the reason of any other."""

    action = forms.CharField(max_length=40)
    reason = forms.CharField(required=False)


class ProposalForm(forms.Form):
    proposal = forms.CharField(label="پیشنهاد تغییر مدیر", widget=forms.Textarea(attrs={"rows": 3}))


class HearingForm(forms.Form):
    complainant = NormalizedCharField(label="نام شاکی", max_length=200)
    subject = forms.CharField(label="موضوع شکایت", widget=forms.Textarea(attrs={"rows": 3}))
    in_presence = forms.BooleanField(
        label="شاکی درخواست حضور در جلسه شورا دارد", required=False, initial=True
    )


class HearingScheduleForm(forms.Form):
    session = forms.ModelChoiceField(label="جلسه شورا", queryset=None)

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = lambda s: to_persian_digits(s.number)
