"""Template filters for Persian display: {{ d|jalali }}, {{ t|jalali_dt }}, {{ n|fa }}."""

from django import template

from .. import jalali as j
from ..digits import to_persian_digits

register = template.Library()


@register.filter
def jalali(value):
    return j.format_date(value)


@register.filter
def jalali_dt(value):
    return j.format_datetime(value)


@register.filter
def jalali_long(value):
    return j.format_long(value)


@register.filter
def fa(value):
    """Persian digits, with thousands separated for numbers (۱۲٬۰۰۰)."""
    if value is None:
        return ""
    if isinstance(value, int):
        value = f"{value:,}".replace(",", "٬")
    return to_persian_digits(value)
