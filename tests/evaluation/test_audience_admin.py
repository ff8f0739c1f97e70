"""The coordination's "Fréquentation du site" screen and its CSV, over real HTTP."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from evaluation.models import PageViewCount

URL = "/admin/evaluation/frequentation/"


@pytest.fixture
def views(db):
    for day, section, audience, count in (
        (datetime.date(2025, 1, 5), "accueil", "pro", 3),
        (datetime.date(2025, 1, 6), "accueil", "public", 7),
        (datetime.date(2025, 3, 1), "agenda", "public", 11),
        (datetime.date(2025, 12, 31), "annuaire", "pro", 2),
        (datetime.date(2026, 1, 1), "annuaire", "public", 100),  # another year
    ):
        PageViewCount.objects.create(day=day, section=section, audience=audience, views=count)


def test_coordination_reads_a_year_per_month_and_section(client, coordinator, views):
    client.force_login(coordinator)
    response = client.get(URL, {"annee": "2025"})

    assert response.status_code == 200
    table = response.context["table"]
    assert table["total"] == {"label": "Total", "pro": 5, "public": 18, "total": 23}
    assert table["months"][0] == {"label": "janvier", "pro": 3, "public": 7, "total": 10}
    assert table["months"][2]["public"] == 11
    assert table["months"][11]["pro"] == 2
    sections = {row["label"]: row["total"] for row in table["sections"]}
    assert sections["Accueil"] == 10
    assert sections["Agenda"] == 11
    assert sections["Annuaire des structures"] == 2
    html = response.content.decode()
    assert "aucun cookie" in html
    assert "CNIL" in html
    assert "<caption>Pages vues par mois en 2025</caption>" in html


def test_the_csv_holds_every_month_and_section(client, coordinator, views):
    client.force_login(coordinator)
    response = client.get(URL, {"annee": "2025", "format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="frequentation-2025.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Année", "Mois", "Rubrique", "Professionnels", "Habitants", "Total"]
    assert len(rows) == 1 + 12 * 10 + 1
    assert ["2025", "janvier", "Accueil", "3", "7", "10"] in rows
    assert rows[-1] == ["2025", "Total", "Toutes rubriques", "5", "18", "23"]


@pytest.mark.parametrize("year", ["abc", "1800", "", "99999999999999999999"])
def test_a_junk_year_shows_the_current_year(client, coordinator, views, year):
    client.force_login(coordinator)
    response = client.get(URL, {"annee": year})

    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


def test_partners_cannot_read_the_audience(client, partner):
    client.force_login(partner)
    for params in ({}, {"format": "csv"}):
        response = client.get(URL, params)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_the_coordinations_menu_leads_to_the_screen(client, coordinator):
    client.force_login(coordinator)

    assert URL in client.get("/admin/").content.decode()
