"""evaluation/entry.py: versions, history, and who may enter which indicator."""

import decimal

import pytest

from evaluation.entry import (
    StaleValue,
    can_enter,
    review_value,
    value_errors,
    write_value,
)
from evaluation.models import EnteredBy, IndicatorUnit, IndicatorValueChange, ValueStatus

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_partner_value_waits_for_validation_and_history_keeps_every_step(
    action, partner, coordinator
):
    indicator = IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER)
    value, changed = write_value(
        indicator=indicator, year=2025, value=decimal.Decimal(8), user=partner
    )
    assert changed and value.status == ValueStatus.PENDING and value.version == 1
    value, _ = write_value(
        indicator=indicator,
        year=2025,
        value=decimal.Decimal(9),
        user=partner,
        expected_version=1,
    )
    assert value.version == 2 and value.value == 9
    review_value(value, coordinator, expected_version=2)
    value.refresh_from_db()
    assert value.status == ValueStatus.VALIDATED and value.validated_by == coordinator
    actions = list(
        IndicatorValueChange.objects.filter(value=value)
        .order_by("pk")
        .values_list("action", "old_value", "new_value")
    )
    assert actions == [("created", None, 8), ("changed", 8, 9), ("validated", 9, 9)]


def test_second_of_two_simultaneous_saves_is_refused_not_lost(action, coordinator, make_user):
    indicator = IndicatorFactory(action=action)
    write_value(indicator=indicator, year=2025, value=decimal.Decimal(5), user=coordinator)
    colleague = make_user("collegue", "Coordination")
    # Both opened the form at version 1; the colleague saves first.
    write_value(
        indicator=indicator,
        year=2025,
        value=decimal.Decimal(6),
        user=colleague,
        expected_version=1,
    )
    with pytest.raises(StaleValue) as refused:
        write_value(
            indicator=indicator,
            year=2025,
            value=decimal.Decimal(7),
            user=coordinator,
            expected_version=1,
        )
    assert refused.value.current.value == 6
    assert "6" in refused.value.message


def test_partner_may_enter_only_its_own_actions_carrier_indicators(
    action, other_action, partner, coordinator
):
    own = IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER)
    coordination_only = IndicatorFactory(action=action, entered_by=EnteredBy.COORDINATION)
    others = IndicatorFactory(action=other_action, entered_by=EnteredBy.CARRIER)
    assert can_enter(partner, own)
    assert not can_enter(partner, coordination_only)
    assert not can_enter(partner, others)
    assert all(can_enter(coordinator, i) for i in (own, coordination_only, others))


@pytest.mark.parametrize(
    ("unit", "year", "value", "field"),
    [
        (IndicatorUnit.COUNT, 2025, "-1", "value"),
        (IndicatorUnit.COUNT, 2025, "2.5", "value"),
        (IndicatorUnit.PERCENT, 2025, "100.5", "value"),
        (IndicatorUnit.SCORE, 2025, "11", "value"),
        (IndicatorUnit.EURO, 2025, "10.123", "value"),
        (IndicatorUnit.COUNT, 2031, "3", "year"),
    ],
)
def test_out_of_range_values_and_years_are_refused(action, unit, year, value, field):
    indicator = IndicatorFactory(action=action, unit=unit)
    assert field in value_errors(indicator, year, decimal.Decimal(value))
