"""The demo contract: its action plan, indicator values for 2025 and part of 2026, the audience
counter, attendance, and the published 2025 report."""

import datetime
import html
import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum
from django.utils import timezone

from evaluation.demo.actions import ACTIONS
from evaluation.demo.audience import SECTIONS
from evaluation.models import (
    ActionSheetPage,
    AnnualReportPage,
    Attendance,
    Audience,
    AxisPage,
    ContractPage,
    EnteredBy,
    Indicator,
    IndicatorValue,
    IndicatorValueChange,
    PageViewCount,
    ValueStatus,
)
from partners.demo.structures import PARTNER_STRUCTURES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_territory")]


def test_the_contract_is_at_evaluation_in_the_menu(client):
    contract = ContractPage.objects.get()
    assert contract.url == "/evaluation/"
    assert contract.live and contract.show_in_menus
    assert (contract.start_year, contract.end_year) == (2025, 2029)
    assert "Pays des Quatre Rivières" in contract.territory
    names = [signatory.name for signatory in contract.signatories.all()]
    for expected in ["Agence régionale", "Préfecture", "assurance maladie", "Mutualité sociale"]:
        assert any(expected in name for name in names), expected
    assert any("Communauté de communes" in name for name in names)
    response = client.get("/evaluation/")
    assert response.status_code == 200
    assert "Contrat local de santé 2025–2029" in response.content.decode()


def test_five_axes_and_at_least_fourteen_action_sheets():
    contract = ContractPage.objects.get()
    axes = AxisPage.objects.child_of(contract).live().order_by("number")
    assert [axis.number for axis in axes] == [1, 2, 3, 4, 5]
    actions = ActionSheetPage.objects.descendant_of(contract).live()
    assert actions.count() >= 14
    assert len({action.number for action in actions}) == actions.count()
    assert set(actions.values_list("status", flat=True)) == {
        "not_started",
        "ongoing",
        "done",
        "abandoned",
    }


def test_every_field_of_every_action_sheet_is_filled():
    for action in ActionSheetPage.objects.all():
        for name in [
            "summary",
            "local_context",
            "general_objective",
            "specific_objectives",
            "operational_objectives",
            "implementation_steps",
            "referent_role",
            "territory",
            "budget",
            "evaluation_method",
            "public_policies",
        ]:
            assert getattr(action, name), (action.title, name)
        assert action.carrier_label, action.title
        assert action.themes.exists() and action.publics.exists(), action.title
        assert action.communes.exists() and action.funders.exists(), action.title
        assert action.determinants.exists() and action.plan_axes.exists(), action.title
        assert 3 <= action.indicators.count() <= 6, action.title


def test_partner_structures_carry_actions_with_carrier_indicators():
    for slug in PARTNER_STRUCTURES.values():
        indicators = Indicator.objects.filter(
            action__carrying_structure__slug=slug, entered_by=EnteredBy.CARRIER
        )
        assert indicators.exists(), slug


def test_the_directory_action_uses_the_computed_metrics():
    metrics = set(
        Indicator.objects.exclude(computed_metric="").values_list("computed_metric", flat=True)
    )
    assert {
        "views_professionals",
        "views_habitants",
        "relay_requests",
        "structures_updated",
    } <= metrics


def test_indicators_mix_kinds_units_and_frequencies():
    indicators = Indicator.objects.all()
    assert set(indicators.values_list("kind", flat=True)) == {"process", "result", "impact"}
    assert set(indicators.values_list("unit", flat=True)) == {"count", "percent", "euro", "score"}
    assert indicators.filter(frequency="quarterly").count() >= 5
    targets = indicators.filter(targets__year=2029).count()
    assert targets >= 30


def test_2025_is_validated_and_2026_partial_with_values_awaiting_validation():
    values = IndicatorValue.objects.all()
    assert values.filter(year=2025).exclude(status=ValueStatus.VALIDATED).count() == 0
    assert values.filter(year=2025).count() >= 60
    assert values.filter(year=2026, status=ValueStatus.VALIDATED).exists()
    pending = values.filter(status=ValueStatus.PENDING)
    assert pending.exists() and set(pending.values_list("year", flat=True)) == {2026}
    assert set(pending.values_list("entered_by__username", flat=True)) <= set(PARTNER_STRUCTURES)
    # Quarterly indicators have four quarters in 2025, the first three in 2026.
    quarters = set(values.filter(year=2026).exclude(quarter=0).values_list("quarter", flat=True))
    assert quarters == {1, 2, 3}
    assert values.filter(year=2025, quarter=4).exists()
    # A few 2025 values are deliberately missing.
    entered = Indicator.objects.filter(computed_metric="", targets__year=2025)
    assert entered.exclude(values__year=2025).exists()


def test_values_were_written_through_the_entry_service_with_their_history():
    values = IndicatorValue.objects.count()
    created = IndicatorValueChange.objects.filter(action="created").count()
    assert created == values
    assert IndicatorValueChange.objects.filter(action="validated").exists()
    assert IndicatorValueChange.objects.filter(action="changed").exists()


def test_pending_values_are_not_on_the_public_action_sheet(client):
    pending = IndicatorValue.objects.filter(status=ValueStatus.PENDING, quarter=0).first()
    assert pending is not None
    response = client.get(pending.indicator.action.url)
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    table = body[body.index(f"par année : {pending.indicator.label}") :]
    row = table[table.index('<th scope="row">2026</th>') :]
    row = row[: row.index("</tr>")]
    assert "pas encore de valeur validée" in row


def test_page_views_cover_every_day_with_more_habitants_than_professionals():
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    days = PageViewCount.objects.filter(day__gte=datetime.date(2025, 1, 1), day__lte=yesterday)
    expected_days = (yesterday - datetime.date(2025, 1, 1)).days + 1
    assert days.values("day").distinct().count() == expected_days
    assert set(days.values_list("section", flat=True)) == set(SECTIONS)
    totals = {
        (row["section"], row["audience"]): row["total"]
        for row in days.values("section", "audience").annotate(total=Sum("views"))
    }
    for section in SECTIONS:
        assert totals[(section, Audience.PROFESSIONAL)] < totals[(section, Audience.HABITANT)]
    assert not PageViewCount.objects.filter(day__gt=yesterday).exists()


def test_some_past_event_dates_have_their_attendance():
    attendance = Attendance.objects.all()
    if attendance.exists():
        assert attendance.filter(occurrence_start__gt=timezone.now()).count() == 0
        assert attendance.aggregate(Count("event", distinct=True))["event__count"] >= 1


def test_the_2025_report_is_published(client):
    report = AnnualReportPage.objects.get(year=2025)
    assert report.live and report.url == "/evaluation/rapport-2025/"
    assert report.introduction and report.conclusion
    narratives = list(report.narratives.all())
    assert any(narrative.axis_id is None for narrative in narratives)
    assert len({narrative.axis_id for narrative in narratives if narrative.axis_id}) == 5
    response = client.get("/evaluation/rapport-2025/")
    assert response.status_code == 200
    assert report.title in html.unescape(response.content.decode())


def test_every_action_sheet_and_axis_page_answers(client):
    for page in [*AxisPage.objects.live(), *ActionSheetPage.objects.live()]:
        assert client.get(page.url).status_code == 200, page.url
    assert len(ACTIONS) == ActionSheetPage.objects.count()


def test_a_second_load_creates_nothing():
    def snapshot():
        return (
            ActionSheetPage.objects.count(),
            Indicator.objects.count(),
            IndicatorValue.objects.count(),
            IndicatorValueChange.objects.count(),
            PageViewCount.objects.count(),
            Attendance.objects.count(),
            AnnualReportPage.objects.count(),
        )

    before = snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert "rien à créer" in out.getvalue()
