"""The Iranian national ID (کد ملی): ten digits whose last is a checksum of the first nine."""

from django.core.exceptions import ValidationError

from .digits import to_latin_digits


def is_valid_national_id(value: str) -> bool:
    code = to_latin_digits(str(value)).strip()
    # isascii: str.isdigit() also accepts superscripts such as "²", which int() then refuses.
    if len(code) != 10 or not (code.isascii() and code.isdigit()) or len(set(code)) == 1:
        return False
    total = sum(int(code[i]) * (10 - i) for i in range(9))
    remainder = total % 11
    check = int(code[9])
    return check == remainder if remainder < 2 else check == 11 - remainder


def national_id_with_checksum(first_nine: str) -> str:
    """Completes nine digits into a valid national ID (for demo data and factories)."""
    total = sum(int(first_nine[i]) * (10 - i) for i in range(9))
    remainder = total % 11
    return first_nine + str(remainder if remainder < 2 else 11 - remainder)


def validate_national_id(value: str) -> None:
    if not is_valid_national_id(value):
        raise ValidationError("کد ملی معتبر نیست.", code="national_id")
