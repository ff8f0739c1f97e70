"""What a partner must not do in the evaluation's admin is refused over HTTP."""

import decimal

import pytest
from django.urls import reverse

from evaluation.entry import write_value
from evaluation.models import (
    EnteredBy,
    HealthDeterminant,
    Indicator,
    IndicatorValue,
    IndicatorValueChange,
    PlanAxis,
)

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db

HOME = reverse("wagtailadmin_home")


def assert_refused(response):
    """Wagtail answers a refusal with a redirect to the dashboard (or a 403 / 404)."""
    if response.status_code == 302:
        assert response.url == HOME
    else:
        assert response.status_code in (403, 404)


def sidebar(client):
    return client.get(HOME).text


@pytest.fixture
def indicator(action):
    return IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER, label="Ateliers")


def test_partner_is_refused_the_coordinations_listings(client, indicator, partner):
    client.force_login(partner)
    determinant = HealthDeterminant.objects.first()
    plan_axis = PlanAxis.objects.first()
    urls = [
        reverse("evaluation_indicators:list"),
        reverse("evaluation_indicators:add"),
        reverse("evaluation_indicators:edit", args=[indicator.pk]),
        reverse("evaluation_indicators:delete", args=[indicator.pk]),
        reverse("evaluation_value_history:index"),
        reverse("evaluation_determinants:list"),
        reverse("evaluation_determinants:edit", args=[determinant.pk]),
        reverse("evaluation_plan_axes:list"),
        reverse("evaluation_plan_axes:edit", args=[plan_axis.pk]),
        reverse("evaluation_pending"),
        reverse("evaluation_missing"),
    ]
    for url in urls:
        assert_refused(client.get(url))


def test_partner_cannot_change_indicators_or_reference_lists_by_posting(client, indicator, partner):
    client.force_login(partner)
    determinant = HealthDeterminant.objects.first()
    assert_refused(client.post(reverse("evaluation_indicators:delete", args=[indicator.pk])))
    assert_refused(
        client.post(
            reverse("evaluation_indicators:edit", args=[indicator.pk]),
            {"label": "Renommé", "action": indicator.action_id, "kind": "result"},
        )
    )
    assert_refused(
        client.post(
            reverse("evaluation_determinants:edit", args=[determinant.pk]),
            {"family": determinant.family, "name": "Renommé", "sort_order": 0},
        )
    )
    assert Indicator.objects.get().label == "Ateliers"
    determinant.refresh_from_db()
    assert determinant.name != "Renommé"


def test_partner_reads_its_own_indicators_history_not_another_structures(
    client, action, other_action, indicator, partner, other_partner
):
    others = IndicatorFactory(action=other_action, entered_by=EnteredBy.CARRIER)
    coordination_only = IndicatorFactory(action=action, entered_by=EnteredBy.COORDINATION)
    write_value(indicator=indicator, year=2025, value=decimal.Decimal(4), user=partner)
    write_value(indicator=others, year=2025, value=decimal.Decimal(5), user=other_partner)
    client.force_login(partner)
    page = client.get(reverse("evaluation_entry_history", args=[indicator.pk]))
    assert page.status_code == 200 and "Saisie" in page.text
    for foreign in (others, coordination_only):
        response = client.get(reverse("evaluation_entry_history", args=[foreign.pk]))
        assert response.status_code == 404


def test_partner_cannot_validate_its_own_value(client, indicator, partner):
    value, _ = write_value(indicator=indicator, year=2025, value=decimal.Decimal(4), user=partner)
    client.force_login(partner)
    assert_refused(
        client.post(reverse("evaluation_pending"), {"valider": value.pk, f"version-{value.pk}": 1})
    )
    value.refresh_from_db()
    assert value.status == "pending"
    assert not IndicatorValueChange.objects.filter(action="validated").exists()


def test_partner_without_indicators_sees_no_grid(client, action, other_action, other_partner):
    IndicatorFactory(action=other_action, entered_by=EnteredBy.COORDINATION)
    client.force_login(other_partner)
    grid = reverse("evaluation_entry_grid", args=[other_action.pk, 2025])
    assert client.get(grid).status_code == 404
    assert client.post(grid, {}).status_code == 404
    assert not IndicatorValue.objects.exists()


def test_menus_follow_roles(client, indicator, partner, other_partner, coordinator):
    client.force_login(partner)
    menu = sidebar(client)
    assert "Mes indicateurs" in menu
    assert "Saisie des indicateurs" not in menu and "Historique des valeurs" not in menu

    client.force_login(other_partner)  # carries no action with indicators of its own
    menu = sidebar(client)
    assert "Mes indicateurs" not in menu and "Saisie des indicateurs" not in menu

    client.force_login(coordinator)
    menu = sidebar(client)
    for item in ("Saisie des indicateurs", "Manquants", "Historique des valeurs", "Indicateurs"):
        assert item in menu
    assert "\\u00c0 valider" in menu or "À valider" in menu
    assert "Mes indicateurs" not in menu
