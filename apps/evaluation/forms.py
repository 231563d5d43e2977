"""Forms of service D: Persian and Latin digits accepted, Jalali dates, Persian errors."""

from django import forms

from apps.core.forms import (
    DigitsDecimalField,
    DigitsIntegerField,
    HeldFileField,
    JalaliDateField,
    NormalizedCharField,
)
from apps.core.templatetags.jalali import fa
from apps.workflow.process import get_process

from .models import Body, Index
from .rules import NOMINATION_PROCESS_NAME, OBJECTION_TEXT_MAX_LENGTH, validate_bands


class CycleForm(forms.Form):
    year = DigitsIntegerField(label="سال ارزیابی (شمسی)", min_value=1390, max_value=1500)
    title = forms.CharField(label="عنوان", max_length=200)
    circular_number = NormalizedCharField(label="شماره بخشنامه", max_length=60)
    circular_date = JalaliDateField(label="تاریخ بخشنامه")
    self_assessment_deadline = JalaliDateField(label="مهلت خودارزیابی")
    circular_file = HeldFileField(label="پیوست بخشنامه (PDF، اختیاری)", required=False)


class CalendarForm(forms.Form):
    """A start and an end per phase of the cycle's calendar, and the self-assessment deadline, as Jalali dates.

    Dates the rules no longer let change (a phase that has ended, the start of one under way) are shown
    disabled, so the form keeps them whatever is posted; the service refuses them for API callers too.
    """

    self_assessment_deadline = JalaliDateField(label="مهلت خودارزیابی")

    def __init__(self, *args, cycle, phases, day, **kwargs):
        super().__init__(*args, **kwargs)
        self.phases = list(phases)
        self.fields["self_assessment_deadline"].initial = cycle.self_assessment_deadline
        self.fields["self_assessment_deadline"].disabled = cycle.self_assessment_deadline < day
        for phase in self.phases:
            start = JalaliDateField(label=f"آغاز «{phase.title}»", initial=phase.starts_on)
            end = JalaliDateField(label=f"پایان «{phase.title}»", initial=phase.ends_on)
            start.disabled = phase.starts_on <= day
            end.disabled = phase.ends_on < day
            self.fields[f"phase_{phase.pk}_starts_on"] = start
            self.fields[f"phase_{phase.pk}_ends_on"] = end

    def rows(self):
        """Each phase with its two bound fields, for the page's table."""
        return [
            (phase, self[f"phase_{phase.pk}_starts_on"], self[f"phase_{phase.pk}_ends_on"])
            for phase in self.phases
        ]

    def phase_dates(self) -> dict:
        data = self.cleaned_data
        return {p.pk: (data[f"phase_{p.pk}_starts_on"], data[f"phase_{p.pk}_ends_on"]) for p in self.phases}


class CircularAttachmentForm(forms.Form):
    title = forms.CharField(label="عنوان پیوست", max_length=200)
    file = HeldFileField(label="فایل (PDF یا تصویر)")


class IndexForm(forms.Form):
    code = NormalizedCharField(label="کد", max_length=30)
    title = forms.CharField(label="عنوان", max_length=300)
    kind = forms.ChoiceField(label="نوع", choices=Index.Kind.choices)
    axis = forms.CharField(label="محور", max_length=200, required=False)
    max_score = DigitsDecimalField(label="حداکثر امتیاز (W)", max_digits=7, decimal_places=2, min_value=0)
    weight = DigitsDecimalField(label="وزن", max_digits=5, decimal_places=2, min_value=0, initial=1)
    direction = forms.ChoiceField(label="جهت مطلوب", choices=Index.Direction.choices)
    standard = DigitsDecimalField(label="استاندارد (S)", max_digits=12, decimal_places=2, required=False)
    unit = forms.CharField(label="واحد سنجش", max_length=60, required=False)
    evidence_required = forms.BooleanField(label="مستندات لازم است", required=False, initial=True)


class SelfAssessmentForm(forms.Form):
    actual = DigitsDecimalField(label="عملکرد واقعی (AP)", max_digits=12, decimal_places=2, required=False)
    claimed = DigitsDecimalField(label="امتیاز ادعایی", max_digits=7, decimal_places=2, required=False)
    description = forms.CharField(label="توضیح", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EvidenceForm(forms.Form):
    title = forms.CharField(label="عنوان مستند", max_length=200, required=False)
    file = HeldFileField(label="فایل (PDF یا تصویر)", required=False)
    reuse = forms.IntegerField(label="یا فایلی از بایگانی مستندات", required=False)


class ScoreForm(forms.Form):
    value = DigitsDecimalField(label="امتیاز", max_digits=7, decimal_places=2)
    comment = forms.CharField(label="نظر", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label="دلیل اعتراض", widget=forms.Textarea(attrs={"rows": 3}), max_length=OBJECTION_TEXT_MAX_LENGTH
    )
    evidence = forms.IntegerField(label="مستند (از بایگانی)", required=False)


class AnswerForm(forms.Form):
    value = DigitsDecimalField(label="امتیاز بازبینی", max_digits=7, decimal_places=2)
    answer = forms.CharField(
        label="پاسخ بازبین", widget=forms.Textarea(attrs={"rows": 2}), max_length=OBJECTION_TEXT_MAX_LENGTH
    )


class ReopenForm(forms.Form):
    until = JalaliDateField(label="بازگشایی تا تاریخ")


class BandsForm(forms.Form):
    """Bands as lines «label: minimum», best first."""

    bands = forms.CharField(
        label="بازه‌های سطح‌بندی (هر خط: عنوان: کمینه درصد)", widget=forms.Textarea(attrs={"rows": 5})
    )

    def clean_bands(self):
        from apps.core.digits import to_latin_digits

        parsed = []
        for line in self.cleaned_data["bands"].splitlines():
            if not line.strip():
                continue
            label, sep, minimum = line.rpartition(":")
            if not sep:
                raise forms.ValidationError("هر خط باید به شکل «عنوان: کمینه» باشد.")
            try:
                parsed.append({"label": label.strip(), "min": float(to_latin_digits(minimum).strip())})
            except ValueError:
                raise forms.ValidationError(f"کمینه «{minimum.strip()}» عدد نیست.") from None
        refusal = validate_bands(parsed)
        if refusal:
            raise forms.ValidationError(refusal)
        return parsed


def bands_text(bands: list[dict]) -> str:
    return "\n".join(f"{b['label']}: {b['min']}" for b in bands)


class NationalRankForm(forms.Form):
    rank = DigitsIntegerField(label="رتبه استان", min_value=1)
    provinces = DigitsIntegerField(label="تعداد استان‌ها", min_value=1, initial=31)


class MemberEditForm(forms.Form):
    full_name = forms.CharField(label="نام و نام خانوادگی", max_length=200)
    position = forms.CharField(label="سمت اداری", max_length=200)
    role_in_body = forms.CharField(label="سمت در نهاد", max_length=100, initial="عضو")


class MemberForm(MemberEditForm):
    # A member stays in the body they were added to: their letter names it. To move, remove and add.
    kind = forms.ChoiceField(label="نهاد", choices=Body.Kind.choices)
    field_order = ["kind", "full_name", "position", "role_in_body"]


class SessionForm(forms.Form):
    title = forms.CharField(label="عنوان جلسه", max_length=200)
    held_on = JalaliDateField(label="تاریخ برگزاری")
    place = forms.CharField(label="محل", max_length=200)


class AttendanceForm(forms.Form):
    organization = forms.ModelChoiceField(label="دستگاه", queryset=None)
    attendee = forms.CharField(label="نام شرکت‌کننده", max_length=200)
    position = forms.CharField(label="سمت", max_length=200)
    present = forms.BooleanField(label="حاضر بود", required=False, initial=True)

    def __init__(self, *args, province_id: int | None = None, **kwargs):
        from apps.accounts.models import Organization
        from apps.accounts.roles import OrgKind

        super().__init__(*args, **kwargs)
        # The session's province's agencies: another province's never attend its sessions.
        self.fields["organization"].queryset = Organization.objects.filter(
            kind=OrgKind.AGENCY, province_id=province_id
        ).order_by("code")


class NominationForm(forms.Form):
    team_name = forms.CharField(label="نام تیم", max_length=200)
    achievement = forms.CharField(label="دستاورد", widget=forms.Textarea(attrs={"rows": 3}))
    members = forms.CharField(label="اعضای تیم", widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    """One of the festival HQ's decisions, by its name in the nomination's process (workflow.py), with the
    nomination's state the person saw when the page was drawn: the core refuses the decision when the team
    has moved on since, so a second click or a stale page changes nothing."""

    action = forms.ChoiceField(
        error_messages={
            "required": "تصمیمی انتخاب نشده است.",
            "invalid_choice": "«%(value)s» از تصمیم‌های ستاد جشنواره نیست؛ صفحه را دوباره باز کنید.",
        }
    )
    expected_state = forms.ChoiceField(
        error_messages={
            "required": "وضعیت تیم هنگام دیدن صفحه همراه تصمیم نرسید؛ صفحه را دوباره باز کنید.",
            "invalid_choice": "«%(value)s» از وضعیت‌های تیم جشنواره نیست؛ صفحه را دوباره باز کنید.",
        }
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read from the registry on each post: a decision declared in the process is accepted here as is.
        process = get_process(NOMINATION_PROCESS_NAME)
        names = {a.name: a.label for step in process.steps for a in step.actions}
        self.fields["action"].choices = list(names.items())
        self.fields["expected_state"].choices = process.states


class WhatIfForm(BandsForm):
    """The council's trial: other bands and/or one disputed score, never saved."""

    score = forms.TypedChoiceField(label="امتیاز مورد اختلاف", coerce=int, required=False, empty_value=None)
    value = DigitsDecimalField(label="امتیاز فرضی", max_digits=7, decimal_places=2, required=False)

    def __init__(self, *args, disputed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].choices = [("", "— بدون تغییر امتیاز —")] + [
            (s.pk, f"{s.evaluation.organization.name} — {s.index.code} (اکنون {fa(s.effective)})")
            for s in disputed
        ]
