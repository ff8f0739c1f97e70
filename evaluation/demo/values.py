"""Indicator values of the demo, derived from each indicator's targets, the same at every load.

2025 is complete and validated, but for the indicators marked `skip_2025`. 2026 is partial:
quarters 1 to 3 for quarterly indicators, about half of the annual ones. An indicator entered by
a structure that has a demo partner account is entered by that account: its 2025 values are
then validated by the coordination, its 2026 values are left "à valider". Every value goes
through evaluation.entry, so that each one has its history.
"""

import decimal
import zlib

from evaluation.entry import review_value, write_value
from evaluation.models import (
    ActionStatus,
    EnteredBy,
    Frequency,
    Indicator,
    IndicatorTarget,
    IndicatorUnit,
)

YEARS = (2025, 2026)
QUARTERS = {2025: (1, 2, 3, 4), 2026: (1, 2, 3)}
QUARTER_SHARES = (decimal.Decimal("0.22"), decimal.Decimal("0.27"), decimal.Decimal("0.21"))
COMMENTS = {
    "low": "En deçà de la cible : moins de dates pendant l'été et des annulations en hiver.",
    "high": "Au-delà de la cible, grâce au relais des communes et des partenaires.",
}
REVIEW_COMMENT = "Vérifié avec les pièces transmises par la structure."


def wobble(*parts, low=78, spread=40):
    """A factor between low% and (low + spread)%, fixed for these parts."""
    seed = zlib.crc32("|".join(str(part) for part in parts).encode())
    return decimal.Decimal(low + seed % spread) / 100


def shaped(indicator, raw):
    """A raw Decimal made a plausible value of `indicator` (rounded, within its range)."""
    if indicator.unit in (IndicatorUnit.COUNT, IndicatorUnit.EURO):
        return raw.quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP).max(0)
    low, high = indicator.value_range
    return raw.quantize(decimal.Decimal("0.1")).max(low).min(high)


def create_indicators(page, specs):
    """The page's indicators and their targets (years of the action only)."""
    years = set(range(page.start_year, page.end_year + 1))
    indicators = []
    for position, spec in enumerate(specs, start=1):
        indicator = Indicator.objects.create(
            action=page,
            kind=spec["kind"],
            label=spec["label"],
            unit=spec["unit"],
            score_max=spec["score_max"],
            method=spec["method"],
            source=spec["source"],
            frequency=spec["frequency"],
            entered_by=spec["by"],
            computed_metric=spec["metric"],
            sort_order=position,
        )
        indicator.spec = spec
        indicators.append(indicator)
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=indicator, year=year, value=decimal.Decimal(str(target)))
        for indicator in indicators
        for year, target in zip(range(2025, 2030), indicator.spec["targets"], strict=True)
        if target and year in years
    )
    return indicators


def periods(indicator, year):
    """[(quarter, share of the year)]: the whole year, or the quarters entered so far."""
    if indicator.frequency != Frequency.QUARTERLY:
        return [(0, decimal.Decimal(1))]
    shares = {1: QUARTER_SHARES[0], 2: QUARTER_SHARES[1], 3: QUARTER_SHARES[2]}
    shares[4] = 1 - sum(shares.values())
    return [(quarter, shares[quarter]) for quarter in QUARTERS[year]]


def entered_this_year(indicator, year, page):
    """Whether `indicator` has a value for `year` in the demo (see the module's docstring)."""
    spec = indicator.spec
    if spec["metric"] or not page.start_year <= year <= page.end_year:
        return False
    if page.status == ActionStatus.ABANDONED and year > 2025:
        return False
    if year == 2025:
        return not spec["skip_2025"]
    if indicator.frequency == Frequency.QUARTERLY:
        return True
    return zlib.crc32(f"{page.slug}|{indicator.label}".encode()) % 2 == 0


def write_indicator_values(indicator, page, coordination, partner):
    """Write the demo values of one indicator; returns how many were written."""
    by_partner = partner is not None and indicator.entered_by == EnteredBy.CARRIER
    author = partner if by_partner else coordination
    targets = dict(zip(range(2025, 2030), indicator.spec["targets"], strict=True))
    written = 0
    for year in YEARS:
        target = decimal.Decimal(str(targets[year] or 0))
        if not target or not entered_this_year(indicator, year, page):
            continue
        factor = wobble(page.slug, indicator.label, year)
        for quarter, share in periods(indicator, year):
            raw = target * factor
            if indicator.is_additive:
                raw *= share
            elif quarter:
                raw *= wobble(indicator.label, year, quarter, low=92, spread=16)
            value = shaped(indicator, raw)
            comment = ""
            if not quarter and factor < decimal.Decimal("0.85"):
                comment = COMMENTS["low"]
            elif not quarter and factor > decimal.Decimal("1.12"):
                comment = COMMENTS["high"]
            stored, _changed = write_value(
                indicator=indicator,
                year=year,
                quarter=quarter,
                value=value,
                user=author,
                comment=comment,
                source=indicator.source,
            )
            if by_partner and written == 0 and indicator.unit == IndicatorUnit.COUNT:
                # A partner's first count is corrected once: its history shows both entries.
                stored, _changed = write_value(
                    indicator=indicator,
                    year=year,
                    quarter=quarter,
                    value=value + 1,
                    user=author,
                    expected_version=stored.version,
                    comment="Correction : une feuille de présence arrivée en retard.",
                    source=indicator.source,
                )
            if by_partner and year == 2025:
                review_value(
                    stored, coordination, expected_version=stored.version, comment=REVIEW_COMMENT
                )
            written += 1
    return written
