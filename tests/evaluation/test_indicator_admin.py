"""The coordination keeps the indicators (and their targets) in the admin."""

import decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from evaluation.entry import write_value
from evaluation.models import Indicator, IndicatorTarget, IndicatorUnit

from .factories import IndicatorFactory, IndicatorTargetFactory

pytestmark = pytest.mark.django_db

ADD = reverse("evaluation_indicators:add")
LIST = reverse("evaluation_indicators:list")


def indicator_form(action, targets=(), **fields):
    return nested_form_data(
        {
            "action": action.pk,
            "kind": "result",
            "label": "Participants aux ateliers",
            "unit": "count",
            "score_max": "",
            "frequency": "annual",
            "entered_by": "carrier",
            "method": "",
            "source": "Feuille de présence",
            "computed_metric": "",
            "sort_order": "0",
            "targets": inline_formset([{"year": year, "value": value} for year, value in targets]),
        }
        | fields
    )


def test_coordinator_creates_an_indicator_with_its_targets(client, action, coordinator):
    client.force_login(coordinator)
    page = client.get(ADD)
    assert page.status_code == 200
    assert 'value="participants"' in page.text  # the computed figures, as a list
    response = client.post(
        ADD,
        indicator_form(
            action, targets=[(2025, "10"), (2026, "1 200")], computed_metric="participants"
        ),
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert indicator.computed_metric == "participants"
    # Written as French readers write numbers.
    assert sorted(indicator.targets.values_list("year", "value")) == [
        (2025, 10),
        (2026, 1200),
    ]


def test_an_unknown_computed_metric_is_refused(client, action, coordinator):
    client.force_login(coordinator)
    response = client.post(ADD, indicator_form(action, computed_metric="inconnu"))
    assert response.status_code == 200 and not Indicator.objects.exists()


@pytest.mark.parametrize(
    ("unit", "targets", "message"),
    [
        ("count", [(2031, "10")], "Choisissez une année du contrat"),
        ("percent", [(2025, "120")], "Un pourcentage ne dépasse pas 100"),
        ("count", [(2025, "-1")], "ne peut pas être négative"),
        ("count", [(2025, "10"), (2025, "12")], "Une seule cible par année"),
    ],
)
def test_targets_are_checked_against_the_contract_and_the_range(
    client, action, coordinator, unit, targets, message
):
    client.force_login(coordinator)
    response = client.post(ADD, indicator_form(action, targets=targets, unit=unit))
    assert response.status_code == 200
    assert message in response.text
    assert not Indicator.objects.exists() and not IndicatorTarget.objects.exists()


def test_changing_the_unit_checks_existing_targets(client, action, coordinator):
    indicator = IndicatorFactory(action=action)
    target = IndicatorTargetFactory(indicator=indicator, year=2025, value=150)
    client.force_login(coordinator)
    data = indicator_form(action, unit=IndicatorUnit.PERCENT)
    data |= {
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "1",
        "targets-0-id": target.pk,
        "targets-0-year": "2025",
        "targets-0-value": "150",
        "targets-0-DELETE": "",
        "targets-0-ORDER": "1",
    }
    response = client.post(reverse("evaluation_indicators:edit", args=[indicator.pk]), data)
    assert response.status_code == 200 and "Un pourcentage ne dépasse pas 100" in response.text
    indicator.refresh_from_db()
    assert indicator.unit == IndicatorUnit.COUNT


def test_an_indicator_with_values_is_not_deleted(client, action, coordinator):
    indicator = IndicatorFactory(action=action, label="Ateliers tenus")
    for year in (2025, 2026):
        write_value(indicator=indicator, year=year, value=decimal.Decimal(3), user=coordinator)
    client.force_login(coordinator)
    url = reverse("evaluation_indicators:delete", args=[indicator.pk])
    response = client.post(url, follow=True)
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    assert "2 valeurs saisies" in response.text
    # Nor through the listing's bulk deletion.
    bulk = (
        reverse("wagtail_bulk_action", args=["evaluation", "indicator", "delete"])
        + f"?id={indicator.pk}"
    )
    client.post(bulk, {})
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_an_indicator_without_values_is_deleted(client, action, coordinator):
    indicator = IndicatorFactory(action=action)
    client.force_login(coordinator)
    response = client.post(reverse("evaluation_indicators:delete", args=[indicator.pk]))
    assert response.status_code == 302 and not Indicator.objects.exists()


def test_the_list_filters_and_searches(client, action, other_action, coordinator):
    IndicatorFactory(action=action, label="Ateliers tenus", kind="process")
    IndicatorFactory(action=other_action, label="Forum organisé", kind="result")
    client.force_login(coordinator)
    page = client.get(LIST)
    assert "Ateliers tenus" in page.text and "Forum organisé" in page.text
    page = client.get(LIST, {"kind": "process"})
    assert "Ateliers tenus" in page.text and "Forum organisé" not in page.text
    page = client.get(LIST, {"action": other_action.pk})
    assert "Ateliers tenus" not in page.text and "Forum organisé" in page.text
    page = client.get(LIST, {"q": "forum"})
    assert "Ateliers tenus" not in page.text and "Forum organisé" in page.text
    page = client.get(LIST, {"axis": action.get_parent().pk})
    assert "Ateliers tenus" in page.text and "Forum organisé" in page.text


def test_indicator_list_queries_do_not_grow(
    client, action, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    IndicatorFactory.create_batch(3, action=action)
    client.get(LIST)
    with django_assert_max_num_queries(60) as few:
        client.get(LIST)
    IndicatorFactory.create_batch(9, action=action)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)


def test_history_of_values_lists_and_filters_changes(client, action, other_action, coordinator):
    mine = IndicatorFactory(action=action, label="Ateliers tenus")
    theirs = IndicatorFactory(action=other_action, label="Forum organisé")
    write_value(indicator=mine, year=2025, value=decimal.Decimal(3), user=coordinator)
    write_value(
        indicator=mine, year=2025, value=decimal.Decimal(5), user=coordinator, expected_version=1
    )
    write_value(indicator=theirs, year=2026, value=decimal.Decimal(7), user=coordinator)
    client.force_login(coordinator)
    url = reverse("evaluation_value_history:index")
    page = client.get(url)
    assert page.status_code == 200
    assert "Ateliers tenus" in page.text and "Forum organisé" in page.text
    assert "3 → 5" in page.text
    page = client.get(url, {"action": action.pk})
    assert "Ateliers tenus" in page.text and "Forum organisé" not in page.text
    page = client.get(url, {"year": "2026"})
    assert "Ateliers tenus" not in page.text and "Forum organisé" in page.text
    # Read-only: no way to add, change or delete history from the admin.
    assert client.get(url + "add/").status_code == 404


def test_history_queries_do_not_grow(client, action, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)

    def enter(n):
        for indicator in IndicatorFactory.create_batch(n, action=action):
            write_value(indicator=indicator, year=2025, value=decimal.Decimal(1), user=coordinator)

    url = reverse("evaluation_value_history:index")
    enter(3)
    client.get(url)
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    enter(9)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_a_target_takes_a_decimal_comma(client, action, coordinator):
    client.force_login(coordinator)
    response = client.post(ADD, indicator_form(action, targets=[(2025, "72,5")], unit="percent"))
    assert response.status_code == 302
    assert IndicatorTarget.objects.get().value == decimal.Decimal("72.5")
