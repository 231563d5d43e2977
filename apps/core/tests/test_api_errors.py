"""The sentence a caller reads when the API's schema refuses a value."""

from apps.core.api_errors import schema_errors_text


def test_each_refused_value_is_named_with_its_reason_in_persian():
    errors = [
        {
            "loc": ("body", "payload", "scores", 0, "value"),
            "type": "decimal_max_places",
            "ctx": {"decimal_places": 2},
        },
        {"loc": ("query", "year"), "type": "greater_than_equal", "ctx": {"ge": 1300}},
        {
            "loc": ("body", "payload", "starts_on"),
            "type": "date_from_datetime_parsing",
            "ctx": {"error": "x"},
        },
        {"loc": ("body", "payload", "title"), "type": "string_too_long", "ctx": {"max_length": 200}},
        {"loc": ("body",), "type": "json_invalid", "ctx": {"error": "EOF"}},
        {"loc": ("body", "payload", "kind"), "type": "literal_error", "ctx": {"expected": "'1' or '2'"}},
        {"loc": ("body", "payload", "mode"), "type": "a_type_pydantic_adds_later"},
    ]
    assert schema_errors_text(errors) == (
        "«scores.0.value»: حداکثر ۲ رقم اعشار می‌پذیرد. "
        "«year»: نباید کمتر از ۱۳۰۰ باشد. "
        "«starts_on»: باید تاریخ میلادی به شکل YYYY-MM-DD باشد. "
        "«title»: حداکثر ۲۰۰ نویسه است. "
        "درخواست: JSON درستی نیست. "
        "«kind»: باید یکی از این‌ها باشد: '1' or '2'. "
        "«mode»: پذیرفتنی نیست."
    )


def test_a_long_list_of_refusals_is_cut_with_how_many_more():
    errors = [{"loc": ("body", "payload", f"f{n}"), "type": "missing"} for n in range(13)]
    text = schema_errors_text(errors)
    assert text.count("لازم است") == 10 and text.endswith("و ۳ ایراد دیگر.")
