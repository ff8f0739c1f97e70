"""Numbers as French readers type them in the entry screens."""

import decimal

import pytest
from django.core.exceptions import ValidationError

from evaluation.forms import input_number, parse_number


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("12", "12"),
        ("12,5", "12.5"),
        ("12.5", "12.5"),
        (" 1 234,50 ", "1234.50"),
        ("1\u00a0234", "1234"),
        ("1\u202f234\u202f567", "1234567"),
        (",5", "0.5"),
        ("-3", "-3"),
    ],
)
def test_french_numbers_are_read(typed, number):
    assert parse_number(typed) == decimal.Decimal(number)


@pytest.mark.parametrize("typed", ["douze", "1,2,3", "1.234,5", "NaN", "Infinity", "1e5", "12 %"])
def test_anything_else_is_a_clear_error(typed):
    with pytest.raises(ValidationError) as error:
        parse_number(typed)
    assert "Saisissez un nombre" in error.value.messages[0]


def test_empty_is_no_number_and_stored_numbers_are_typed_back_plainly():
    assert parse_number("  ") is None
    assert input_number(decimal.Decimal("1200.00")) == "1200"
    assert input_number(decimal.Decimal("12.50")) == "12,5"
    assert input_number(None) == ""
