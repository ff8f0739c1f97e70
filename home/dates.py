"""Dates and amounts as French readers write them."""

from django.utils import formats


def french_date(value, year=True):
    """date -> "1er décembre 2026" (the first of the month is "1er" in French)."""
    day = "1er" if value.day == 1 else str(value.day)
    words = [day, formats.date_format(value, "F")]
    if year:
        words.append(str(value.year))
    return " ".join(words)


def french_amount(value):
    """Decimal("15000.00") -> "15 000 €", Decimal("1500.50") -> "1 500,50 €".

    Non-breaking spaces group the thousands and hold the sign to its number.
    """
    whole = int(value)
    cents = int(round((value - whole) * 100))
    text = f"{whole:,}".replace(",", "\u00a0")
    if cents:
        text += f",{cents:02d}"
    return f"{text}\u00a0€"
