"""Persian and Arabic-Indic digits: accepted on input, shown on output."""

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS, PERSIAN_DIGITS)


def to_latin_digits(value: str) -> str:
    return str(value).translate(_TO_LATIN)


def to_persian_digits(value) -> str:
    return str(value).translate(_TO_PERSIAN)


def normalize_text(value: str) -> str:
    """Latin digits, Persian yeh and keheh, trimmed: how every typed value is stored."""
    return to_latin_digits(value).replace("ي", "ی").replace("ك", "ک").strip()
