"""Open data: the directory as CSV and as data·inclusion JSON, public information only."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import Public, Theme
from partners import exports
from partners.models import StructureContact

from .factories import (
    ActionPageFactory,
    ClosureFactory,
    CommuneFactory,
    OpeningHoursFactory,
    StructureContactFactory,
    StructurePageFactory,
)

pytestmark = pytest.mark.django_db

CSV_URL = "/structures/export/csv/"
JSON_URL = "/structures/export/data-inclusion/"


@pytest.fixture
def clamecy():
    return CommuneFactory(name="Clamecy", insee_code="58079", postal_code="58500")


@pytest.fixture
def ccas(directory, clamecy):
    structure = StructurePageFactory(
        parent=directory,
        title="CCAS de Clamecy",
        slug="ccas-clamecy",
        typology="CCAS",
        short_description="Aides et accompagnement social des habitants de Clamecy.",
        missions="<p>Accueillir.</p><ul><li>Orienter</li><li>Accompagner</li></ul>",
        street_address="2 place du Champ-de-Foire",
        postal_code="58500",
        commune=clamecy,
        latitude="47.460100",
        longitude="3.520300",
        siret="73282932000074",
        themes=[Theme.objects.get(slug="acces-aux-droits")],
        publics=[Public.objects.get(slug="adultes")],
    )
    StructureContactFactory(
        structure=structure, role="Accueil", phone="01 99 00 10 01", email="accueil@ccas.example"
    )
    StructureContactFactory(
        structure=structure,
        role="Directrice",
        phone="01 99 00 10 99",
        email="direction-pro@ccas.example",
        visibility=StructureContact.Visibility.PROFESSIONALS,
    )
    OpeningHoursFactory(structure=structure, weekday=0, opens="09:00", closes="12:00")
    ActionPageFactory(
        parent=structure,
        title="Permanence d'accès aux droits",
        slug="permanence-droits",
        summary="Un travailleur social vous aide dans vos démarches.",
        themes=[Theme.objects.get(slug="acces-aux-droits")],
        publics=[Public.objects.get(slug="adultes"), Public.objects.get(slug="professionnels")],
        fees="gratuit",
    )
    return structure


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_export_is_an_attachment_with_the_import_columns(client, ccas):
    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="structures.csv"'
    header = response.content.decode("utf-8")[1:].splitlines()[0]
    assert header.split(";") == exports.CSV_COLUMNS


def test_csv_export_holds_the_public_profile(client, ccas):
    [row] = read_csv(client.get(CSV_URL))

    assert row["slug"] == "ccas-clamecy"
    assert row["nom"] == "CCAS de Clamecy"
    assert row["typologie"] == "CCAS"
    assert (row["commune"], row["code_insee"], row["code_postal"]) == ("Clamecy", "58079", "58500")
    assert (row["latitude"], row["longitude"]) == ("47.460100", "3.520300")
    assert (row["telephone"], row["courriel"]) == ("01 99 00 10 01", "accueil@ccas.example")
    assert row["thematiques"] == "acces-aux-droits"
    assert row["publics"] == "adultes"
    assert row["siret"] == "73282932000074"


def test_exports_never_show_professionals_only_contacts(client, ccas):
    for url in (CSV_URL, JSON_URL):
        body = client.get(url).content.decode("utf-8")
        assert "accueil@ccas.example" in body
        assert "direction-pro@ccas.example" not in body
        assert "01 99 00 10 99" not in body


def test_exports_leave_out_drafts_and_unpublished_changes(client, directory, ccas):
    draft = StructurePageFactory(parent=directory, title="Structure en brouillon", live=False)
    ActionPageFactory(parent=draft, title="Action d'une structure en brouillon")
    ActionPageFactory(parent=ccas, title="Action en brouillon", live=False)
    ccas.title = "Titre pas encore validé"
    ccas.save_revision()

    for url in (CSV_URL, JSON_URL):
        body = client.get(url).content.decode("utf-8")
        assert "CCAS de Clamecy" in body
        for hidden in ("brouillon", "pas encore validé"):
            assert hidden not in body, (url, hidden)


def test_exports_leave_out_private_structures(client, directory, ccas):
    private = StructurePageFactory(parent=directory, title="Structure réservée")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    for url in (CSV_URL, JSON_URL):
        assert "Structure réservée" not in client.get(url).content.decode("utf-8")


def test_csv_cells_cannot_run_as_spreadsheet_formulas(client, directory):
    StructurePageFactory(parent=directory, title='=HYPERLINK("http://x.example")')

    [row] = read_csv(client.get(CSV_URL))

    assert row["nom"] == '\'=HYPERLINK("http://x.example")'


def test_data_inclusion_export_uses_its_field_names(client, ccas):
    response = client.get(JSON_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    [structure] = data["structures"]
    assert set(structure) == {
        "id",
        "siret",
        "nom",
        "commune",
        "code_postal",
        "code_insee",
        "adresse",
        "complement_adresse",
        "longitude",
        "latitude",
        "typologie",
        "telephone",
        "courriel",
        "site_web",
        "presentation_resume",
        "presentation_detail",
        "source",
        "date_maj",
        "lien_source",
        "horaires_ouverture",
        "accessibilite",
        "labels_nationaux",
        "thematiques",
    }
    [service] = data["services"]
    assert set(service) == {
        "id",
        "structure_id",
        "nom",
        "presentation_resume",
        "presentation_detail",
        "types",
        "thematiques",
        "frais",
        "frais_autres",
        "profils",
        "modes_accueil",
        "zone_diffusion_type",
        "zone_diffusion_code",
        "contact_public",
        "telephone",
        "courriel",
        "lien_source",
        "date_maj",
    }


def test_data_inclusion_export_maps_our_vocabularies(client, ccas):
    data = client.get(JSON_URL).json()
    structure, service = data["structures"][0], data["services"][0]

    assert structure["id"] == "ccas-clamecy"
    assert structure["typologie"] == "CCAS"
    assert (structure["latitude"], structure["longitude"]) == (47.4601, 3.5203)
    assert structure["code_insee"] == "58079"
    assert structure["horaires_ouverture"] == "Mo 09:00-12:00"
    assert structure["presentation_detail"] == "Accueillir.\nOrienter\nAccompagner"
    assert structure["lien_source"] == ccas.get_full_url()
    assert structure["thematiques"] == ["acces-aux-droits-et-citoyennete", "sante--acces-aux-soins"]
    assert structure["date_maj"] == datetime.date.today().isoformat()

    assert service["structure_id"] == "ccas-clamecy"
    assert service["types"] == ["accueil"]
    assert service["frais"] == ["gratuit"]
    assert service["profils"] == ["adultes"]  # "professionnels" has no counterpart
    assert service["modes_accueil"] == ["en-presentiel"]
    assert (service["zone_diffusion_type"], service["zone_diffusion_code"]) == ("commune", "58079")
    assert service["telephone"] == "01 99 00 10 01"  # the structure's public phone
    assert service["lien_source"] == ccas.get_children().get().get_full_url()


def test_exports_answer_only_reads(client, ccas):
    assert client.post(CSV_URL).status_code == 405
    assert client.post(JSON_URL).status_code == 405


def test_opening_hours_group_equal_days_and_mark_appointments(structure):
    for day in range(5):
        OpeningHoursFactory(structure=structure, weekday=day, opens="09:00", closes="12:00")
    OpeningHoursFactory(structure=structure, weekday=5, opens="10:00", closes="12:00")
    OpeningHoursFactory(
        structure=structure, weekday=2, opens="14:00", closes="17:00", by_appointment=True
    )
    ClosureFactory(
        structure=structure,
        start_date=datetime.date(2026, 8, 3),
        end_date=datetime.date(2026, 8, 14),
    )
    ClosureFactory(
        structure=structure,
        start_date=datetime.date(2025, 8, 4),
        end_date=datetime.date(2025, 8, 15),
    )

    text = exports.opening_hours_osm(structure, today=datetime.date(2026, 6, 1))

    assert text == (
        'Mo-Fr 09:00-12:00, Sa 10:00-12:00, We 14:00-17:00 "sur rendez-vous"; '
        "2026 Aug 03-2026 Aug 14 off"
    )


def test_structure_without_slots_has_no_opening_hours(structure):
    assert exports.opening_hours_osm(structure) is None


def build_directory(directory, count):
    theme = Theme.objects.get(slug="nutrition")
    public = Public.objects.get(slug="familles")
    for number in range(count):
        structure = StructurePageFactory(parent=directory, themes=[theme], publics=[public])
        StructureContactFactory(structure=structure)
        StructureContactFactory(structure=structure, visibility="pro")
        OpeningHoursFactory(structure=structure)
        ClosureFactory(structure=structure)
        ActionPageFactory(parent=structure, themes=[theme], title=f"Atelier {number}")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_export_queries_do_not_grow_with_the_directory(client, directory, url):
    build_directory(directory, 2)
    client.get(url)  # warm the site root cache
    few = count_queries(client, url)

    build_directory(directory, 12)
    many = count_queries(client, url)

    assert few > 0
    assert many == few
    assert len(json.loads(client.get(JSON_URL).content)["services"]) == 14
