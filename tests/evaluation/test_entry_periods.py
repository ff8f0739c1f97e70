"""Quarter and event values of an indicator, entered on their own page from the grid."""

import decimal
import re

import pytest
from django.urls import reverse

from evaluation.entry import write_value
from evaluation.models import EnteredBy, Frequency, IndicatorValue, IndicatorValueChange

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def periods(indicator, year=2025):
    return reverse("evaluation_entry_periods", args=[indicator.action_id, year, indicator.pk])


def counts():
    return IndicatorValue.objects.count(), IndicatorValueChange.objects.count()


@pytest.fixture
def quarterly(action):
    return IndicatorFactory(
        action=action, frequency=Frequency.QUARTERLY, entered_by=EnteredBy.CARRIER
    )


def test_partner_adds_quarter_values_pending_validation(client, quarterly, partner):
    client.force_login(partner)
    assert client.get(periods(quarterly)).status_code == 200
    response = client.post(periods(quarterly), {"quarter": "2", "value": "1 200"}, follow=True)
    assert response.status_code == 200 and "à valider" in response.text
    value = IndicatorValue.objects.get()
    assert (value.quarter, value.occasion, value.value, value.status) == (2, "", 1200, "pending")
    assert "2e trimestre 2025" in response.text


def test_a_duplicate_period_is_a_form_error(client, quarterly, coordinator):
    write_value(
        indicator=quarterly, year=2025, quarter=1, value=decimal.Decimal(3), user=coordinator
    )
    before = counts()
    client.force_login(coordinator)
    response = client.post(periods(quarterly), {"quarter": "1", "value": "4"})
    assert response.status_code == 200
    assert "Une valeur existe déjà pour cette période" in response.text
    assert counts() == before
    assert IndicatorValue.objects.get().value == 3


def test_a_period_needs_a_quarter_or_an_event_and_a_valid_number(client, quarterly, coordinator):
    client.force_login(coordinator)
    response = client.post(periods(quarterly), {"value": "4"})
    assert response.status_code == 200 and "Choisissez un trimestre" in response.text
    response = client.post(periods(quarterly), {"quarter": "5", "value": "4"})
    assert response.status_code == 200
    response = client.post(periods(quarterly), {"quarter": "1", "value": "-4"})
    assert response.status_code == 200 and "négative" in response.text
    assert counts() == (0, 0)


def test_event_values_are_named(client, action, coordinator):
    indicator = IndicatorFactory(action=action, frequency=Frequency.PER_EVENT)
    client.force_login(coordinator)
    response = client.post(periods(indicator), {"quarter": "1", "value": "4"})
    assert response.status_code == 200 and counts() == (0, 0)
    response = client.post(periods(indicator), {"occasion": "Forum du 12 mars", "value": "40"})
    assert response.status_code == 302
    assert IndicatorValue.objects.get().period_label == "Forum du 12 mars (2025)"


def test_editing_a_period_checks_the_version(client, quarterly, coordinator, make_user):
    value, _ = write_value(
        indicator=quarterly, year=2025, quarter=3, value=decimal.Decimal(3), user=coordinator
    )
    client.force_login(coordinator)
    page = client.get(periods(quarterly) + f"?valeur={value.pk}")
    assert 'name="version" value="1"' in page.text
    write_value(
        indicator=quarterly,
        year=2025,
        quarter=3,
        value=decimal.Decimal(5),
        user=make_user("collegue", "Coordination"),
        expected_version=1,
    )
    form = {"valeur": value.pk, "value": "4", "version": "1", "quarter": "1"}
    response = client.post(periods(quarterly), form)
    assert response.status_code == 200 and "a enregistré 5" in response.text
    value.refresh_from_db()
    assert value.value == 5 and value.quarter == 3
    # The form now carries the stored version; the period itself never changes.
    assert re.search(r'name="version" value="2"', response.text)
    response = client.post(periods(quarterly), form | {"version": "2"})
    assert response.status_code == 302
    value.refresh_from_db()
    assert (value.value, value.quarter, value.version) == (4, 3, 3)


def test_coordinator_deletes_a_period_value(client, quarterly, coordinator):
    value, _ = write_value(
        indicator=quarterly, year=2025, quarter=3, value=decimal.Decimal(3), user=coordinator
    )
    client.force_login(coordinator)
    response = client.post(periods(quarterly), {"supprimer": value.pk, "version": "1"})
    assert response.status_code == 302 and not IndicatorValue.objects.exists()


def test_partner_cannot_reach_another_structures_or_coordination_periods(
    client, action, other_action, partner
):
    others = IndicatorFactory(action=other_action, entered_by=EnteredBy.CARRIER)
    coordination_only = IndicatorFactory(action=action, entered_by=EnteredBy.COORDINATION)
    client.force_login(partner)
    for indicator in (others, coordination_only):
        assert client.get(periods(indicator)).status_code == 404
        response = client.post(periods(indicator), {"quarter": "1", "value": "4"})
        assert response.status_code == 404
    # Its own action in the address, another action's indicator: not found either.
    url = reverse("evaluation_entry_periods", args=[action.pk, 2025, others.pk])
    assert client.post(url, {"quarter": "1", "value": "4"}).status_code == 404
    assert client.get(periods(others, 2031)).status_code == 404
    assert counts() == (0, 0)


def test_partner_cannot_delete_a_period_value(client, quarterly, partner):
    value, _ = write_value(
        indicator=quarterly, year=2025, quarter=3, value=decimal.Decimal(3), user=partner
    )
    client.force_login(partner)
    response = client.post(periods(quarterly), {"supprimer": value.pk, "version": "1"})
    assert response.status_code == 404
    assert IndicatorValue.objects.exists()
