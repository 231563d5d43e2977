"""What the API's schemas refuse, said in Persian like every other refusal of the desk.

ninja answers a value its schema rejects (a missing field, text for a number, a number past its bound)
with pydantic's English messages; callers of the desk read Persian. The field keeps its API name.
"""

from collections import defaultdict
from decimal import Decimal

from .digits import to_persian_digits

# Where ninja says the value came from: not part of the field's name.
_SOURCES = {"body", "query", "path", "form", "file", "cookie", "header", "payload", "filters"}
_SAID_AT_MOST = 10


# pydantic's error types; {name} is filled from the error's context.
_MESSAGES = {
    "missing": "لازم است",
    "int_parsing": "باید عدد صحیح باشد",
    "int_type": "باید عدد صحیح باشد",
    "int_from_float": "باید عدد صحیح باشد",
    "float_parsing": "باید عدد باشد",
    "float_type": "باید عدد باشد",
    "decimal_parsing": "باید عدد باشد",
    "decimal_type": "باید عدد باشد",
    "finite_number": "باید عدد باشد",
    "decimal_max_places": "حداکثر {decimal_places} رقم اعشار می‌پذیرد",
    "decimal_max_digits": "حداکثر {max_digits} رقم می‌پذیرد",
    "greater_than_equal": "نباید کمتر از {ge} باشد",
    "greater_than": "باید بیشتر از {gt} باشد",
    "less_than_equal": "نباید بیشتر از {le} باشد",
    "less_than": "باید کمتر از {lt} باشد",
    "string_type": "باید متن باشد",
    "string_too_short": "دست‌کم {min_length} نویسه است",
    "string_too_long": "حداکثر {max_length} نویسه است",
    "too_short": "دست‌کم {min_length} مورد لازم است",
    "too_long": "حداکثر {max_length} مورد می‌پذیرد",
    "bool_parsing": "باید true یا false باشد",
    "bool_type": "باید true یا false باشد",
    "date_parsing": "باید تاریخ میلادی به شکل YYYY-MM-DD باشد",
    "date_from_datetime_parsing": "باید تاریخ میلادی به شکل YYYY-MM-DD باشد",
    "date_type": "باید تاریخ میلادی به شکل YYYY-MM-DD باشد",
    "datetime_parsing": "باید زمان به شکل ISO 8601 باشد",
    "datetime_from_date_parsing": "باید زمان به شکل ISO 8601 باشد",
    "datetime_type": "باید زمان به شکل ISO 8601 باشد",
    "list_type": "باید فهرست باشد",
    "dict_type": "باید شیء JSON باشد",
    "model_type": "باید شیء JSON باشد",
    "model_attributes_type": "باید شیء JSON باشد",
    "literal_error": "باید یکی از این‌ها باشد: {expected}",
    "enum": "باید یکی از این‌ها باشد: {expected}",
    "json_invalid": "JSON درستی نیست",
}


def schema_errors_text(errors: list[dict]) -> str:
    """One sentence per refused value, e.g. «offset»: نباید کمتر از ۰ باشد."""
    said = [_one(error) for error in errors[:_SAID_AT_MOST]]
    if len(errors) > _SAID_AT_MOST:
        said.append(f"و {to_persian_digits(len(errors) - _SAID_AT_MOST)} ایراد دیگر.")
    return " ".join(said)


def _one(error: dict) -> str:
    name = ".".join(str(part) for part in error.get("loc", ()) if part not in _SOURCES)
    # Bounds read in Persian digits; the values a caller must send (a literal's choices) stay as sent.
    context = defaultdict(
        str,
        {
            key: to_persian_digits(value) if isinstance(value, int | float | Decimal) else str(value)
            for key, value in (error.get("ctx") or {}).items()
        },
    )
    message = _MESSAGES.get(error.get("type", ""), "پذیرفتنی نیست").format_map(context)
    return f"«{name}»: {message}." if name else f"درخواست: {message}."
