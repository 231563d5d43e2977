"""What the API's schemas refuse, said in Persian like every other refusal of the desk.

ninja answers a value its schema rejects (a missing field, text for a number, a number past its bound)
with pydantic's English messages; callers of the desk read Persian. The field keeps its API name.
"""

from .digits import to_persian_digits

# Where ninja says the value came from: not part of the field's name.
_SOURCES = {"body", "query", "path", "form", "file", "cookie", "header", "payload", "filters"}
_SAID_AT_MOST = 10


def _bound(ctx: dict, key: str) -> str:
    return to_persian_digits(ctx.get(key, ""))


_MESSAGES = {
    "missing": lambda ctx: "لازم است",
    "int_parsing": lambda ctx: "باید عدد صحیح باشد",
    "int_type": lambda ctx: "باید عدد صحیح باشد",
    "int_from_float": lambda ctx: "باید عدد صحیح باشد",
    "float_parsing": lambda ctx: "باید عدد باشد",
    "float_type": lambda ctx: "باید عدد باشد",
    "decimal_parsing": lambda ctx: "باید عدد باشد",
    "decimal_type": lambda ctx: "باید عدد باشد",
    "finite_number": lambda ctx: "باید عدد باشد",
    "decimal_max_places": lambda ctx: f"حداکثر {_bound(ctx, 'decimal_places')} رقم اعشار می‌پذیرد",
    "decimal_max_digits": lambda ctx: f"حداکثر {_bound(ctx, 'max_digits')} رقم می‌پذیرد",
    "greater_than_equal": lambda ctx: f"نباید کمتر از {_bound(ctx, 'ge')} باشد",
    "greater_than": lambda ctx: f"باید بیشتر از {_bound(ctx, 'gt')} باشد",
    "less_than_equal": lambda ctx: f"نباید بیشتر از {_bound(ctx, 'le')} باشد",
    "less_than": lambda ctx: f"باید کمتر از {_bound(ctx, 'lt')} باشد",
    "string_type": lambda ctx: "باید متن باشد",
    "string_too_short": lambda ctx: f"دست‌کم {_bound(ctx, 'min_length')} نویسه است",
    "string_too_long": lambda ctx: f"حداکثر {_bound(ctx, 'max_length')} نویسه است",
    "too_short": lambda ctx: f"دست‌کم {_bound(ctx, 'min_length')} مورد لازم است",
    "too_long": lambda ctx: f"حداکثر {_bound(ctx, 'max_length')} مورد می‌پذیرد",
    "bool_parsing": lambda ctx: "باید true یا false باشد",
    "bool_type": lambda ctx: "باید true یا false باشد",
    "date_parsing": lambda ctx: "باید تاریخ میلادی به شکل YYYY-MM-DD باشد",
    "date_from_datetime_parsing": lambda ctx: "باید تاریخ میلادی به شکل YYYY-MM-DD باشد",
    "date_type": lambda ctx: "باید تاریخ میلادی به شکل YYYY-MM-DD باشد",
    "datetime_parsing": lambda ctx: "باید زمان به شکل ISO 8601 باشد",
    "datetime_from_date_parsing": lambda ctx: "باید زمان به شکل ISO 8601 باشد",
    "datetime_type": lambda ctx: "باید زمان به شکل ISO 8601 باشد",
    "list_type": lambda ctx: "باید فهرست باشد",
    "dict_type": lambda ctx: "باید شیء JSON باشد",
    "model_type": lambda ctx: "باید شیء JSON باشد",
    "model_attributes_type": lambda ctx: "باید شیء JSON باشد",
    "literal_error": lambda ctx: f"باید یکی از این‌ها باشد: {ctx.get('expected', '')}",
    "enum": lambda ctx: f"باید یکی از این‌ها باشد: {ctx.get('expected', '')}",
    "json_invalid": lambda ctx: "JSON درستی نیست",
}


def schema_errors_text(errors: list[dict]) -> str:
    """One sentence per refused value, e.g. «offset»: نباید کمتر از ۰ باشد."""
    said = [_one(error) for error in errors[:_SAID_AT_MOST]]
    if len(errors) > _SAID_AT_MOST:
        said.append(f"و {to_persian_digits(len(errors) - _SAID_AT_MOST)} ایراد دیگر.")
    return " ".join(said)


def _one(error: dict) -> str:
    name = ".".join(str(part) for part in error.get("loc", ()) if part not in _SOURCES)
    message = _MESSAGES.get(error.get("type", ""), lambda ctx: "پذیرفتنی نیست")(error.get("ctx") or {})
    return f"«{name}»: {message}." if name else f"درخواست: {message}."
