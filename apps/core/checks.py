"""The pages' rules for values that arrive another way (the API): the same refusal, in Persian, naming the field.

A page's form holds a value to its model field's rules and its own field's format; the API's schema only
to a type. The services call these before writing, so both ways refuse the same values and save nothing.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from .digits import to_persian_digits
from .errors import InvalidError


def check_fields(
    instance,
    *,
    exclude: tuple[str, ...] = (),
    only: tuple[str, ...] = (),
    refusal: str = "«{label}»: {message}",
) -> None:
    """The model's own rules (required, lengths, choices, digits, validators) before the row is written.

    Relations are left out (`exclude`): the services fetch them scoped and check them themselves. With
    `only`, just those fields are checked. `refusal` words a field's refusal from its label and Django's
    message, for a form whose fields all fail the same way.
    """
    if only:
        exclude = tuple(f.name for f in instance._meta.fields if f.name not in only)
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        # Django words its limits in Latin digits ("at most 200 characters"); the desk shows Persian ones.
        message = to_persian_digits(messages[0])
        if name == NON_FIELD_ERRORS:
            raise InvalidError(message) from None
        label = instance._meta.get_field(name).verbose_name
        raise InvalidError(refusal.format(label=label, message=message)) from None


def as_typed(field: forms.Field, value, label: str = ""):
    """The value through the page's own form field (Latin digits, its format rule), or its refusal."""
    try:
        return field.clean(value)
    except ValidationError as exc:
        message = exc.messages[0]
        raise InvalidError(message if not label or label in message else f"«{label}»: {message}") from None
