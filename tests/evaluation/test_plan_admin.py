"""The action plan in Wagtail's page editor: what the coordination may write, and the checks."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from evaluation.models import ActionSheetPage, AnnualReportPage, AxisPage
from tests.home.admin_forms import PUBLISH, form_errors, is_refused

from .factories import AnnualReportPageFactory

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=["evaluation", model, parent.pk])


def action_form(slug="ateliers-equilibre", **changes):
    data = {
        "title": "Ateliers équilibre",
        "slug": slug,
        "number": "7",
        "typology": "new",
        "status": "ongoing",
        "status_note": "",
        "summary": "Prévenir les chutes des plus de 65 ans.",
        "carrying_structure": "",
        "carrier_name": "Centre social",
        "referent_role": "animatrice prévention",
        "local_context": rich_text(""),
        "general_objective": "Prévenir les chutes.",
        "specific_objectives": rich_text(""),
        "operational_objectives": rich_text(""),
        "implementation_steps": rich_text(""),
        "duration": "multi_year",
        "start_year": "2025",
        "end_year": "2027",
        "partners_note": "",
        "territory": "Tout le territoire",
        "budget": "4500",
        "budget_note": "",
        "funders": inline_formset([{"name": "Conférence des financeurs", "amount": "3000"}]),
        "other_resources": "",
        "fights_inequalities": "on",
        "participatory": "",
        "participatory_note": "",
        "public_policies": "",
        "evaluation_method": "Feuilles de présence",
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    return nested_form_data(data | changes)


def test_coordination_publishes_an_action_sheet_with_its_funders(client, coordinator, axis):
    client.force_login(coordinator)
    response = client.post(add_url("actionsheetpage", axis), action_form() | PUBLISH)
    assert response.status_code == 302
    action = ActionSheetPage.objects.get(slug="ateliers-equilibre")
    assert action.live and action.get_parent().pk == axis.pk
    assert [(f.name, int(f.amount)) for f in action.funders.all()] == [
        ("Conférence des financeurs", 3000)
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"start_year": "2027", "end_year": "2025"}, "end_year", "précéder"),
        ({"start_year": "2023"}, "start_year", "pendant le contrat (2025–2029)"),
        ({"end_year": "2031"}, "start_year", "pendant le contrat"),
        ({"start_year": "20255"}, "start_year", ""),
        ({"budget": "-5"}, "budget", ""),
        ({"budget": "beaucoup"}, "budget", ""),
    ],
)
def test_a_bad_action_sheet_is_refused_with_a_message(
    client, coordinator, axis, changes, field, message
):
    client.force_login(coordinator)
    response = client.post(add_url("actionsheetpage", axis), action_form(**changes) | PUBLISH)
    assert response.status_code == 200
    assert message in form_errors(response)[field]
    assert not ActionSheetPage.objects.filter(slug="ateliers-equilibre").exists()


def test_two_action_sheets_of_a_contract_cannot_share_a_number(client, coordinator, action):
    client.force_login(coordinator)
    axis = action.get_parent()
    response = client.post(
        add_url("actionsheetpage", axis), action_form(number=str(action.number)) | PUBLISH
    )
    assert response.status_code == 200
    assert "déjà ce numéro" in form_errors(response)["number"]


def test_two_axes_cannot_share_a_number(client, coordinator, axis, contract):
    client.force_login(coordinator)
    data = nested_form_data(
        {
            "title": "Un autre axe",
            "slug": "autre-axe",
            "number": str(axis.number),
            "summary": "",
            "description": rich_text(""),
            "comments": inline_formset([]),
        }
    )
    response = client.post(add_url("axispage", contract), data | PUBLISH)
    assert response.status_code == 200
    assert "déjà ce numéro" in form_errors(response)["number"]
    assert not AxisPage.objects.filter(slug="autre-axe").exists()


def report_form(year, **changes):
    data = {
        "title": f"Rapport {year}",
        "slug": "",
        "year": str(year),
        "introduction": rich_text(""),
        "narratives": inline_formset([]),
        "conclusion": rich_text(""),
        "comments": inline_formset([]),
    }
    return nested_form_data(data | changes)


def test_a_report_gets_its_address_from_its_year(client, coordinator, contract):
    client.force_login(coordinator)
    response = client.post(add_url("annualreportpage", contract), report_form(2026) | PUBLISH)
    assert response.status_code == 302, form_errors(response)
    assert AnnualReportPage.objects.get(year=2026).url == "/evaluation/rapport-2026/"


@pytest.mark.parametrize(("year", "message"), [(2031, "année du contrat"), (2025, "existe déjà")])
def test_a_report_outside_the_contract_or_twice_is_refused(
    client, coordinator, contract, year, message
):
    AnnualReportPageFactory(parent=contract, year=2025)
    client.force_login(coordinator)
    response = client.post(
        add_url("annualreportpage", contract), report_form(year, slug="autre") | PUBLISH
    )
    assert response.status_code == 200
    assert message in form_errors(response)["year"]


@pytest.mark.parametrize(
    "url",
    [
        lambda action: reverse("wagtailadmin_pages:edit", args=[action.pk]),
        lambda action: add_url("actionsheetpage", action.get_parent()),
        lambda action: reverse("wagtailadmin_pages:edit", args=[action.get_parent().pk]),
    ],
    ids=["edit its own action sheet", "add an action sheet", "edit an axis"],
)
def test_partner_cannot_write_the_action_plan_even_for_its_own_action(client, partner, action, url):
    client.force_login(partner)
    target = url(action)
    assert is_refused(client.get(target, follow=True))
    response = client.post(target, action_form(slug="detournee") | PUBLISH, follow=True)
    assert is_refused(response)
    assert not ActionSheetPage.objects.filter(slug="detournee").exists()
    action.refresh_from_db()
    assert action.title == "Ateliers nutrition"
