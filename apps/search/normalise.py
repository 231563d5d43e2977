"""Persian text in one form, so that what is indexed and what is typed in the search box compare equal."""

import re
import unicodedata

from apps.core.digits import to_latin_digits

# Arabic letter forms an Arabic keyboard (or an old document) gives, as a Persian keyboard writes them.
# Teh marbuta (ة) and heh with yeh above (ۀ) are read as heh: Persian writes «مدرسه», «خانهٔ», and a
# person who types «مدرسة» or «خانۀ» is looking for the same word; no Persian word is told apart by them.
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه"})
# Harakat, tanwin, shadda, sukun, hamza and madda marks (U+064B–U+065F) and the superscript alef (U+0670),
# and the tatweel (U+0640) that only stretches a word.
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
# Marks that only steer the direction of text: removed, they join what they stood between.
_INVISIBLE = re.compile("[\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# The zero-width non-joiner separates the parts of one word («می‌روم», «کتاب‌ها»); people type it, a space,
# or nothing. It counts as a space, and runs of space as one.
_SPACES = re.compile(r"[\s\u200c]+")
# What a query word is made of once normalised: letters and digits (not the underscore).
_TERM = re.compile(r"[^\W_]+")


def _once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = to_latin_digits(text.translate(_LETTERS)).lower()
    text = _INVISIBLE.sub("", _MARKS.sub("", text))
    return _SPACES.sub(" ", text).strip()


def normalise(text: str | None) -> str:
    """Persian letters for their Arabic forms, no diacritics, Latin digits, lower case, one space between words.

    Removing a mark can bring two characters together that NFKC composes, so the steps repeat until the text
    no longer changes (twice at most in practice): the result is the same however often it is normalised.
    """
    text = text or ""
    while True:
        again = _once(text)
        if again == text:
            return again
        text = again


def terms(text: str | None) -> list[str]:
    """The words of a query, normalised, without punctuation: what the full-text index is asked for."""
    return _TERM.findall(normalise(text))
