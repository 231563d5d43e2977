"""Template filters for Persian display: {{ d|jalali }}, {{ t|jalali_dt }}, {{ n|fa }}."""

import math
from decimal import Decimal

from django import template

from .. import jalali as j
from ..digits import persian_numbers, to_persian_digits

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


@register.filter
def year(value):
    """{{ cycle.year|year }}: ۱۴۰۳, a year without the thousands separator `fa` gives numbers."""
    return j.format_year(value)


@register.filter(is_safe=True)
def fa_text(value):
    """Persian digits in the words of a text, leaving addresses, e-mails and Latin codes as they are."""
    return persian_numbers(value) if value not in (None, "") else ""
