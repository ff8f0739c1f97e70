"""The per-action grid: one year's values of an action's indicators, saved at once."""

import decimal
import re

import pytest
from django.urls import reverse

from evaluation.entry import write_value
from evaluation.models import (
    EnteredBy,
    IndicatorUnit,
    IndicatorValue,
    IndicatorValueChange,
    ValueStatus,
)

from .factories import IndicatorFactory, IndicatorTargetFactory

pytestmark = pytest.mark.django_db


def grid(action, year=2025):
    return reverse("evaluation_entry_grid", args=[action.pk, year])


def row(indicator, value="", comment="", source="", version="", shown=None):
    """The POST fields of one grid row as the browser sends them: `shown` is what the page
    showed in the row (its hidden initials), the empty row by default."""
    prefix = f"i{indicator.pk}"
    shown = shown or {}
    return {
        f"{prefix}-value": value,
        f"initial-{prefix}-value": shown.get("value", ""),
        f"{prefix}-comment": comment,
        f"initial-{prefix}-comment": shown.get("comment", ""),
        f"{prefix}-source": source,
        f"initial-{prefix}-source": shown.get("source", ""),
        f"{prefix}-version": version,
    }


def version_in(page, indicator):
    found = re.search(rf'name="i{indicator.pk}-version" value="(\d*)"', page.text)
    return found.group(1) if found else ""


def counts():
    return IndicatorValue.objects.count(), IndicatorValueChange.objects.count()


def test_coordinator_saves_a_whole_grid_at_once(client, action, coordinator):
    count = IndicatorFactory(action=action, label="Ateliers tenus")
    percent = IndicatorFactory(action=action, unit=IndicatorUnit.PERCENT, label="Satisfaits")
    IndicatorTargetFactory(indicator=count, year=2025, value=10)
    client.force_login(coordinator)
    page = client.get(grid(action))
    assert page.status_code == 200
    assert "Ateliers tenus" in page.text and "Satisfaits" in page.text
    response = client.post(
        grid(action), row(count, "1 234", comment="Bilan annuel") | row(percent, "12,5")
    )
    assert response.status_code == 302 and response.url == grid(action)
    values = {v.indicator_id: v for v in IndicatorValue.objects.all()}
    assert values[count.pk].value == 1234 and values[count.pk].comment == "Bilan annuel"
    assert values[percent.pk].value == decimal.Decimal("12.5")
    assert all(v.status == ValueStatus.VALIDATED for v in values.values())
    assert IndicatorValueChange.objects.count() == 2
    page = client.get(response.url)
    assert "Valeurs de 2025 enregistrées" in page.text
    assert "1 234" in page.text or "1234" in page.text


def test_partner_values_wait_for_validation_and_the_partner_is_told(client, action, partner):
    indicator = IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER)
    client.force_login(partner)
    response = client.post(grid(action), row(indicator, "8"), follow=True)
    assert response.status_code == 200
    assert "à valider" in response.text
    value = IndicatorValue.objects.get()
    assert value.status == ValueStatus.PENDING and value.entered_by == partner


def test_invalid_rows_save_nothing_and_keep_what_was_typed(client, action, coordinator):
    text = IndicatorFactory(action=action, label="Réunions")
    negative = IndicatorFactory(action=action, label="Participants")
    over = IndicatorFactory(action=action, unit=IndicatorUnit.PERCENT, label="Satisfaction")
    fine = IndicatorFactory(action=action, label="Partenaires")
    client.force_login(coordinator)
    response = client.post(
        grid(action),
        row(text, "douze")
        | row(negative, "-3")
        | row(over, "101,5")
        | row(fine, "7", comment="à garder"),
    )
    assert response.status_code == 200
    assert counts() == (0, 0)
    assert "Rien n'a été enregistré : 3 points à corriger" in response.text
    assert "Saisissez un nombre" in response.text
    assert "ne peut pas être négative" in response.text
    assert "Un pourcentage ne dépasse pas 100" in response.text
    # What was typed is still there, valid row included.
    for typed in ('value="douze"', 'value="-3"', 'value="101,5"', 'value="7"', "à garder"):
        assert typed in response.text


def test_a_count_is_a_whole_number(client, action, coordinator):
    indicator = IndicatorFactory(action=action)
    client.force_login(coordinator)
    response = client.post(grid(action), row(indicator, "2,5"))
    assert response.status_code == 200 and "nombre entier" in response.text
    assert counts() == (0, 0)


def test_second_of_two_simultaneous_saves_is_refused_with_the_stored_value(
    client, action, coordinator, make_user
):
    indicator = IndicatorFactory(action=action)
    write_value(indicator=indicator, year=2025, value=decimal.Decimal(5), user=coordinator)
    colleague = make_user("collegue", "Coordination", first_name="Camille", last_name="Roux")
    client.force_login(coordinator)
    first_page = client.get(grid(action))
    client.force_login(colleague)
    second_page = client.get(grid(action))
    version = version_in(first_page, indicator)
    assert version == version_in(second_page, indicator) == "1"
    shown = {"value": "5"}

    # Camille saves first.
    response = client.post(grid(action), row(indicator, "6", version=version, shown=shown))
    assert response.status_code == 302
    # The coordinator, still on the page at version 1, saves 7: refused, 6 is kept and shown.
    client.force_login(coordinator)
    response = client.post(grid(action), row(indicator, "7", version=version, shown=shown))
    assert response.status_code == 200
    value = IndicatorValue.objects.get()
    assert value.value == 6 and value.version == 2
    assert "Camille Roux a enregistré 6" in response.text
    assert 'value="7"' in response.text  # what the coordinator typed is kept
    # The page now carries the stored version: saving again, knowingly, works.
    assert version_in(response, indicator) == "2"
    response = client.post(grid(action), row(indicator, "7", version="2", shown=shown))
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == 7 and value.version == 3


def test_a_stale_row_rolls_back_the_other_rows(client, action, coordinator, make_user):
    stale = IndicatorFactory(action=action)
    other = IndicatorFactory(action=action)
    write_value(indicator=stale, year=2025, value=decimal.Decimal(5), user=coordinator)
    write_value(
        indicator=stale,
        year=2025,
        value=decimal.Decimal(9),
        user=make_user("collegue", "Coordination"),
        expected_version=1,
    )
    before = counts()
    client.force_login(coordinator)
    response = client.post(
        grid(action), row(stale, "6", version="1", shown={"value": "5"}) | row(other, "3")
    )
    assert response.status_code == 200
    assert counts() == before
    assert not IndicatorValue.objects.filter(indicator=other).exists()


def test_untouched_rows_are_not_written_even_if_changed_meanwhile(
    client, action, coordinator, make_user
):
    changed_meanwhile = IndicatorFactory(action=action)
    typed = IndicatorFactory(action=action)
    write_value(indicator=changed_meanwhile, year=2025, value=decimal.Decimal(5), user=coordinator)
    write_value(
        indicator=changed_meanwhile,
        year=2025,
        value=decimal.Decimal(9),
        user=make_user("collegue", "Coordination"),
        expected_version=1,
    )
    client.force_login(coordinator)
    # The page showed 5 at version 1; the coordinator only typed in the other row.
    response = client.post(
        grid(action),
        row(changed_meanwhile, "5", version="1", shown={"value": "5"}) | row(typed, "3"),
    )
    assert response.status_code == 302
    assert IndicatorValue.objects.get(indicator=changed_meanwhile).value == 9
    assert IndicatorValue.objects.get(indicator=typed).value == 3


def test_empty_inputs_skip_and_emptying_a_value_keeps_it(client, action, coordinator):
    empty = IndicatorFactory(action=action)
    kept = IndicatorFactory(action=action)
    write_value(indicator=kept, year=2025, value=decimal.Decimal(4), user=coordinator)
    client.force_login(coordinator)
    response = client.post(
        grid(action), row(empty, "") | row(kept, "", version="1", shown={"value": "4"})
    )
    assert response.status_code == 302
    assert list(IndicatorValue.objects.values_list("indicator_id", "value")) == [(kept.pk, 4)]


def test_coordinator_deletes_a_value_with_the_checkbox(client, action, coordinator):
    indicator = IndicatorFactory(action=action)
    write_value(indicator=indicator, year=2025, value=decimal.Decimal(4), user=coordinator)
    client.force_login(coordinator)
    data = row(indicator, "4", version="1", shown={"value": "4"}) | {
        f"i{indicator.pk}-delete": "on"
    }
    response = client.post(grid(action), data)
    assert response.status_code == 302
    assert not IndicatorValue.objects.exists()
    assert IndicatorValueChange.objects.filter(action="deleted", old_value=4).exists()


def test_partner_cannot_delete_a_value(client, action, partner):
    indicator = IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER)
    write_value(indicator=indicator, year=2025, value=decimal.Decimal(4), user=partner)
    client.force_login(partner)
    assert "Supprimer la valeur" not in client.get(grid(action)).text
    data = row(indicator, "4", version="1", shown={"value": "4"}) | {
        f"i{indicator.pk}-delete": "on"
    }
    client.post(grid(action), data)
    assert IndicatorValue.objects.get().value == 4


def test_partner_sees_only_the_rows_it_enters(client, action, partner):
    IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER, label="Ateliers du CCAS")
    IndicatorFactory(action=action, entered_by=EnteredBy.COORDINATION, label="Comité de suivi")
    client.force_login(partner)
    page = client.get(grid(action))
    assert page.status_code == 200
    assert "Ateliers du CCAS" in page.text and "Comité de suivi" not in page.text


def test_partner_cannot_slip_another_indicator_into_its_grid(client, action, other_action, partner):
    own = IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER)
    coordination_only = IndicatorFactory(action=action, entered_by=EnteredBy.COORDINATION)
    others = IndicatorFactory(action=other_action, entered_by=EnteredBy.CARRIER)
    client.force_login(partner)
    for foreign in (coordination_only, others):
        response = client.post(grid(action), row(own, "3") | row(foreign, "99"))
        assert response.status_code == 200
        assert "vous ne pouvez pas saisir" in response.text
        assert counts() == (0, 0)


def test_partner_cannot_open_or_post_the_grid_of_an_action_it_does_not_carry(
    client, other_action, partner
):
    indicator = IndicatorFactory(action=other_action, entered_by=EnteredBy.CARRIER)
    client.force_login(partner)
    assert client.get(grid(other_action)).status_code == 404
    assert client.post(grid(other_action), row(indicator, "5")).status_code == 404
    assert counts() == (0, 0)


def test_a_year_outside_the_contract_is_not_found(client, action, coordinator):
    indicator = IndicatorFactory(action=action)
    client.force_login(coordinator)
    assert client.get(grid(action, 2031)).status_code == 404
    assert client.post(grid(action, 2024), row(indicator, "5")).status_code == 404
    url = grid(action).replace("/2025/", "/deux-mille/")
    assert client.get(url).status_code == 404
    assert counts() == (0, 0)


def test_action_list_shows_the_partner_its_actions_and_survives_a_junk_year(
    client, action, other_action, partner
):
    IndicatorFactory(action=action, entered_by=EnteredBy.CARRIER)
    IndicatorFactory(action=other_action, entered_by=EnteredBy.CARRIER)
    client.force_login(partner)
    for query in ("", "?annee=abc", "?annee=1900", "?annee=2026"):
        page = client.get(reverse("evaluation_entry_actions") + query)
        assert page.status_code == 200
        assert action.title in page.text and other_action.title not in page.text
    assert "0 sur 1" in page.text


def test_grid_shows_the_figure_the_site_computed(client, action, coordinator, monkeypatch):
    IndicatorFactory(action=action, computed_metric="participants")
    monkeypatch.setattr(
        "evaluation.views.common.figures_by_year", lambda years: {2025: {"participants": 4321}}
    )
    client.force_login(coordinator)
    page = client.get(grid(action))
    assert "Calculé par le site" in page.text and "4\u202f321" in page.text


def test_grid_queries_do_not_grow_with_the_indicators(
    client, action, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)

    def make(n):
        indicators = IndicatorFactory.create_batch(n, action=action)
        for indicator in indicators:
            IndicatorTargetFactory(indicator=indicator, year=2025)
            write_value(indicator=indicator, year=2025, value=decimal.Decimal(1), user=coordinator)
        return indicators

    make(3)
    client.get(grid(action))  # warm caches (site root, permissions)
    with django_assert_max_num_queries(40) as few:
        client.get(grid(action))
    make(9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(grid(action))
    assert page.text.count('name="i') >= 12
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("evaluation_entry_actions"))
