"""What is missing for a year: the coordination's overview ("Manquants")."""

import decimal

import pytest
from django.urls import reverse

from evaluation.entry import review_value, write_value
from evaluation.models import ActionStatus, EnteredBy

from .factories import ActionSheetPageFactory, IndicatorFactory

pytestmark = pytest.mark.django_db

MISSING = reverse("evaluation_missing")


def test_missing_lists_indicators_without_a_validated_or_pending_value(
    client, action, other_action, axis, partner, coordinator
):
    IndicatorFactory(action=action, label="Jamais saisi", entered_by=EnteredBy.CARRIER)
    validated = IndicatorFactory(action=action, label="Déjà validé")
    pending = IndicatorFactory(action=action, label="En attente", entered_by=EnteredBy.CARRIER)
    refused = IndicatorFactory(action=action, label="Refusé", entered_by=EnteredBy.CARRIER)
    other_year = IndicatorFactory(action=other_action, label="Saisi en 2026")
    write_value(indicator=validated, year=2025, value=decimal.Decimal(1), user=coordinator)
    write_value(indicator=pending, year=2025, value=decimal.Decimal(1), user=partner)
    value, _ = write_value(indicator=refused, year=2025, value=decimal.Decimal(1), user=partner)
    review_value(value, coordinator, expected_version=1, accept=False)
    write_value(indicator=other_year, year=2026, value=decimal.Decimal(1), user=coordinator)
    abandoned = ActionSheetPageFactory(
        parent=axis, number=3, title="Action abandonnée", status=ActionStatus.ABANDONED
    )
    IndicatorFactory(action=abandoned, label="Plus suivi")
    later = ActionSheetPageFactory(parent=axis, number=4, title="Action de 2027", start_year=2027)
    IndicatorFactory(action=later, label="Pas encore")

    client.force_login(coordinator)
    page = client.get(MISSING, {"annee": "2025"})
    assert page.status_code == 200
    text = page.text
    for label in ("Jamais saisi", "Refusé", "Saisi en 2026"):
        assert label in text
    for label in ("Déjà validé", "En attente", "Plus suivi", "Pas encore"):
        assert label not in text
    assert "CCAS de Clamecy" in text and "La coordination" in text
    assert "<strong>3</strong> indicateurs sans valeur pour 2025 sur 5" in text
    assert reverse("evaluation_entry_grid", args=[action.pk, 2025]) in text


def test_missing_survives_a_junk_year(client, action, coordinator):
    client.force_login(coordinator)
    for year in ("abc", "3000", ""):
        assert client.get(MISSING, {"annee": year}).status_code == 200


def test_missing_queries_do_not_grow(
    client, action, other_action, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    IndicatorFactory.create_batch(3, action=action)
    client.get(MISSING)
    with django_assert_max_num_queries(40) as few:
        client.get(MISSING)
    IndicatorFactory.create_batch(5, action=action)
    IndicatorFactory.create_batch(4, action=other_action, entered_by=EnteredBy.CARRIER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(MISSING)
    assert "<strong>12</strong>" in page.text
