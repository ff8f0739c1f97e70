"""The coordinator in Chromium: enters an action's indicator values for a year on the admin's
entry grid, and the public annual report of that year shows them against their targets."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.e2e.journeys import PASSWORD, member
from tests.evaluation.factories import (
    ActionSheetPageFactory,
    AnnualReportPageFactory,
    AxisPageFactory,
    ContractPageFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
)

WORKSHOPS = "Ateliers cuisine tenus"
PEOPLE = "Participants différents dans l'année"


@pytest.fixture
def plan(home_page):
    """A 2025–2029 contract, one axis, one action with two indicators, the 2025 report."""
    contract = ContractPageFactory(parent=home_page)
    axis = AxisPageFactory(parent=contract, number=1, title="Prévenir et promouvoir la santé")
    action = ActionSheetPageFactory(parent=axis, number=4, title="Bien manger petit budget")
    workshops = IndicatorFactory(action=action, label=WORKSHOPS)
    IndicatorTargetFactory(indicator=workshops, year=2025, value=10)
    people = IndicatorFactory(action=action, label=PEOPLE)
    IndicatorTargetFactory(indicator=people, year=2025, value=2000)
    report = AnnualReportPageFactory(parent=contract, year=2025)
    return {"action": action, "report": report}


@pytest.fixture
def coordinator(db):
    return member("coordinatrice", "Coordination")


def indicator_row(page, label):
    table = page.get_by_role("table", name="Indicateurs de la fiche 4 en 2025")
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label))


def test_coordinator_enters_indicators_and_the_annual_report_shows_them(page, plan, coordinator):
    action, report = plan["action"], plan["report"]

    # Before: the report has no value for the year.
    page.goto(report.url)
    expect(indicator_row(page, WORKSHOPS)).to_contain_text("non renseignée")

    # The coordinator opens the entry screen from the admin's menu, picks 2025 and the action.
    login(page, coordinator.username, PASSWORD)
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "button", name="Évaluation"
    ).click()
    page.get_by_role("link", name="Saisie des indicateurs").click()
    page.get_by_role("combobox", name="Année").select_option("2025")
    page.get_by_role("button", name="Afficher", exact=True).click()
    page.get_by_role("link", name=f"Fiche 4 : {action.title}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2025")

    # The grid: French numbers, a comment, saved at once.
    page.get_by_role("textbox", name=f"Valeur : {WORKSHOPS}").fill("12")
    page.get_by_role("textbox", name=f"Commentaire : {WORKSHOPS}").fill("Bilan de l'année")
    page.get_by_role("textbox", name=f"Valeur : {PEOPLE}").fill("1 234")
    page.get_by_role("button", name="Enregistrer les valeurs de 2025").click()
    expect(page.get_by_role("status")).to_contain_text("Valeurs de 2025 enregistrées")

    # A visitor reads them in the report, against their targets.
    page.context.clear_cookies()
    page.goto(report.url)
    workshops = indicator_row(page, WORKSHOPS)
    expect(workshops.get_by_role("cell").nth(3)).to_have_text("12")
    expect(workshops.get_by_role("cell").nth(4)).to_contain_text("120")
    expect(workshops).to_contain_text("cible atteinte")
    people = indicator_row(page, PEOPLE)
    expect(people.get_by_role("cell").nth(3)).to_have_text("1\u202f234")
    expect(people.get_by_role("cell").nth(4)).to_contain_text("62")
    expect(people).not_to_contain_text("cible atteinte")
