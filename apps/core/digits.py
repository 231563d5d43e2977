"""Persian and Arabic-Indic digits: accepted on input, shown on output."""

import re

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


_WORD = re.compile(r"\S+")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_DECIMAL_MARK = re.compile(r"(?<=[0-9])\.(?=[0-9])")
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3})")


def _persian_word(match: re.Match) -> str:
    word = match.group(0)
    if _LATIN_LETTER.search(word):
        return word
    return to_persian_digits(_THOUSANDS.sub("٬", _DECIMAL_MARK.sub("٫", word)))


def persian_numbers(text: str) -> str:
    """A text a person reads with Persian digits (and marks: ۱۲٫۵، ۱۲٬۰۰۰), except in the words that hold
    Latin letters, which are addresses, e-mails and codes: "پرونده 881: https://x/cases/881/" becomes
    "پرونده ۸۸۱: https://x/cases/881/"."""
    return _WORD.sub(_persian_word, str(text))
