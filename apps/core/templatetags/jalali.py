"""Template filters for Persian display: {{ d|jalali }}, {{ t|jalali_dt }}, {{ n|fa }}."""

import math
from decimal import Decimal

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
    """Persian digits, thousands separated (۱۲٬۰۰۰), the Persian decimal mark and no trailing zeros (۵۷٫۵)."""
    if value is None:
        return ""
    if isinstance(value, int):
        value = f"{value:,}".replace(",", "٬")
    elif isinstance(value, (Decimal, float)) and math.isfinite(value):
        text = f"{value:,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        value = text.replace(",", "٬").replace(".", "٫")
    return to_persian_digits(value)
