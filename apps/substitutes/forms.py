"""Input of substitutes: naming one, with Jalali dates and pickers limited to the organization."""

from django import forms

from apps.core.forms import JalaliDateField

from .services import MAX_REASON_LENGTH


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        details = "، ".join(d for d in (user.title, getattr(user.organization, "name", "")) if d)
        name = user.get_full_name() or user.username
        return f"{name} ({details})" if details else name


class SubstitutionForm(forms.Form):
    absent = PersonChoiceField(label="غایب (کسی که جانشین برایش تعیین می‌شود)", queryset=None)
    substitute = PersonChoiceField(label="جانشین", queryset=None)
    starts_on = JalaliDateField(label="از تاریخ")
    ends_on = JalaliDateField(label="تا تاریخ (این روز هم جزو جانشینی است)")
    reason = forms.CharField(label="علت (اختیاری)", required=False, max_length=MAX_REASON_LENGTH)

    def __init__(self, *args, absent_choices, substitute_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["absent"].queryset = absent_choices.select_related("organization")
        self.fields["absent"].error_messages["invalid_choice"] = "این شخص در فهرست شما نیست."
        self.fields["substitute"].queryset = substitute_choices
        self.fields["substitute"].error_messages["invalid_choice"] = "این شخص در فهرست شما نیست."
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            field.error_messages.setdefault("required", "این بخش را پر کنید.")
            field.error_messages["required"] = "این بخش را پر کنید."

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "تاریخ پایان نباید پیش از تاریخ آغاز باشد.")
        return data
