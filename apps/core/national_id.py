"""The Iranian national ID (کد ملی): ten digits whose last is a checksum of the first nine."""

import operator

from django.core.exceptions import ValidationError

from .digits import to_latin_digits

_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)
# The digits are summed as their ASCII codes (an import checks a hundred thousand IDs at a time, and
# `bytes` hands its codes to `map` without a Python call per digit); this takes the codes' "0"s back out.
_ZEROS = ord("0") * sum(_WEIGHTS)


def _check_digit(first_nine: str) -> int:
    remainder = (sum(map(operator.mul, first_nine.encode("ascii"), _WEIGHTS)) - _ZEROS) % 11
    return remainder if remainder < 2 else 11 - remainder


def is_valid_national_id(value: str) -> bool:
    code = to_latin_digits(str(value)).strip()
    # isascii: str.isdigit() also accepts superscripts such as "²", which int() then refuses.
    if len(code) != 10 or not (code.isascii() and code.isdigit()) or code == code[0] * 10:
        return False
    return ord(code[9]) - 48 == _check_digit(code[:9])


def national_id_with_checksum(first_nine: str) -> str:
    """Completes nine digits into a valid national ID (for demo data and factories)."""
    return first_nine + str(_check_digit(first_nine))


def validate_national_id(value: str) -> None:
    if not is_valid_national_id(value):
        raise ValidationError("کد ملی معتبر نیست.", code="national_id")
