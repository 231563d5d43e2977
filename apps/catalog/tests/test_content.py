"""The catalog content itself: four services, standard Persian spelling, no invented fields."""

import re
from dataclasses import fields

from apps.catalog.content import NOT_IN_SEED, SERVICES, Section, service_by_slug

# Spellings the seeds carry because their extracted text lost the zero-width non-joiner.
WITHOUT_ZWNJ = re.compile(r"برنامهریزی|دستگاههای|بکارگیری|میباشد|میشود|میگردد|هشدگان|ها ی |\u200c ")


def all_text(service) -> str:
    parts = []

    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for field in fields(value):
                walk(getattr(value, field.name))

    walk(service)
    return "\n".join(parts)


def test_the_catalog_holds_the_four_services_of_the_spec():
    assert [(s.code, s.slug) for s in SERVICES] == [
        ("A", "recruitment"),
        ("B", "training"),
        ("C", "managers"),
        ("D", "evaluation"),
    ]
    assert service_by_slug("managers").code == "C"
    assert service_by_slug("unknown") is None


def test_the_text_uses_standard_persian_spelling():
    for service in SERVICES:
        text = all_text(service)
        assert not WITHOUT_ZWNJ.search(text), service.slug
        assert not re.search(r"[0-9]", re.sub(r"[a-z.]+\.(ir|com)", "", text)), service.slug
        assert "ي" not in text and "ك" not in text, service.slug


def test_a_silent_seed_is_said_to_be_silent_not_filled_in():
    training = service_by_slug("training")
    assert training.goal == NOT_IN_SEED
    assert service_by_slug("managers").cost == NOT_IN_SEED
    assert service_by_slug("recruitment").duration == "متغیر"


def test_only_service_a_has_a_service_level_statement_and_only_b_a_faq():
    assert [bool(s.service_level) for s in SERVICES] == [True, False, False, False]
    assert [bool(s.faq) for s in SERVICES] == [False, True, False, False]
    assert all(isinstance(s.complaint_procedure, Section) for s in SERVICES)


def test_service_d_keeps_every_row_of_its_seed_table():
    evaluation = service_by_slug("evaluation")
    # Seed 004 numbers 22 steps but repeats row 11, so it lists 23 activities.
    assert len(evaluation.steps) == 23
    assert "تسما" in evaluation.steps[7].title
