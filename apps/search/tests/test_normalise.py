"""Persian text in one form: Arabic letters, the non-joiner, diacritics and digits written any way compare equal."""

from hypothesis import given
from hypothesis import strategies as st

from apps.core.digits import ARABIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS
from apps.search.normalise import normalise, terms

PERSIAN_LETTERS = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئءأ"
MARKS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670\u0640"
ARABIC_FORMS = "يىكةۀ"
# Text as people type and paste it: Persian and Arabic letters, marks, every kind of digit and space.
persian_text = st.text(
    alphabet=PERSIAN_LETTERS
    + ARABIC_FORMS
    + MARKS
    + PERSIAN_DIGITS
    + ARABIC_DIGITS
    + LATIN_DIGITS
    + " \u200c\t\nAbc-",
    max_size=40,
)
plain_persian = st.text(alphabet=PERSIAN_LETTERS + " \u200c" + LATIN_DIGITS, max_size=40)


def test_it_writes_arabic_letters_as_persian_ones():
    assert normalise("علي كريمي") == "علی کریمی"
    assert normalise("موسى") == "موسی"


def test_it_reads_teh_marbuta_and_heh_with_yeh_as_heh():
    assert normalise("مدرسة") == normalise("مدرسه") == "مدرسه"
    assert normalise("خانۀ") == "خانه"


def test_it_drops_diacritics_and_tatweel():
    assert normalise("مُحَمَّد") == "محمد"
    assert normalise("مـــدیر") == "مدیر"


def test_it_reads_the_non_joiner_and_runs_of_space_as_one_space():
    assert normalise("  مهارت\u200cهای \u200c  ارتباطی\n") == "مهارت های ارتباطی"


def test_it_writes_every_digit_as_a_latin_one():
    assert normalise("۱۲۳٤٥٦") == "123456"


def test_a_query_is_its_words_without_punctuation():
    assert terms("«علي»، کد: ۱۲-۳۴_ab!") == ["علی", "کد", "12", "34", "ab"]


@given(st.text(max_size=60))
def test_normalising_twice_changes_nothing_more(text):
    assert normalise(normalise(text)) == normalise(text)


@given(persian_text)
def test_normalising_persian_text_twice_changes_nothing_more(text):
    assert normalise(normalise(text)) == normalise(text)


@given(plain_persian)
def test_arabic_and_persian_forms_normalise_equal(text):
    arabic = text.replace("ی", "ي").replace("ک", "ك")
    assert normalise(arabic) == normalise(text)


@given(plain_persian)
def test_a_non_joiner_and_a_space_normalise_equal(text):
    assert normalise(text.replace(" ", "\u200c")) == normalise(text.replace("\u200c", " "))


@given(st.text(alphabet=LATIN_DIGITS + PERSIAN_LETTERS + " ", max_size=30))
def test_persian_arabic_and_latin_digits_normalise_equal(text):
    persian = text.translate(str.maketrans(LATIN_DIGITS, PERSIAN_DIGITS))
    arabic = text.translate(str.maketrans(LATIN_DIGITS, ARABIC_DIGITS))
    assert normalise(persian) == normalise(arabic) == normalise(text)


# Madda and hamza above and below (U+0653–U+0655) after alef, waw or yeh make the letters آ، أ، ؤ، ئ, which
# Unicode composes before the marks are dropped: they are letters, not diacritics, and stay.
VOWEL_MARKS = "".join(m for m in MARKS if m not in "\u0653\u0654\u0655")


@given(plain_persian, st.lists(st.sampled_from(VOWEL_MARKS), max_size=5))
def test_vowel_marks_change_nothing(text, marks):
    marked = "".join(ch + (marks.pop() if marks and ch != " " else "") for ch in text)
    assert normalise(marked) == normalise(text)
