"""Structure and action pages as visitors and professionals see them."""

import datetime
import json
import re
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from home.models import HomePage
from tests.conftest import read_from_module_world, rolled_back_after_module
from tests.html import LOADED_RESOURCES, PageStructure

from .factories import (
    ActionPageFactory,
    ClosureFactory,
    CommuneFactory,
    OpeningHoursFactory,
    StructureContactFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# Tuesday 8 December 2026.
TUESDAY_MORNING = datetime.datetime(2026, 12, 8, 10, 0, tzinfo=PARIS)
TUESDAY_EVENING = datetime.datetime(2026, 12, 8, 19, 0, tzinfo=PARIS)
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def build_world():
    """The directory and a health centre with everything its page shows."""
    directory = StructureIndexPageFactory(parent=HomePage.objects.get(depth=2))
    clamecy = CommuneFactory(name="Clamecy", slug="clamecy", insee_code="58079")
    centre = StructurePageFactory(
        parent=directory,
        title="Maison de santé de Clamecy",
        slug="msp-clamecy",
        typology="MSP",
        short_description="Médecins, infirmières et kinésithérapeutes.",
        street_address="2 rue de la Paix",
        postal_code="58500",
        commune=clamecy,
        latitude="47.457800",
        longitude="3.517200",
        languages="français, anglais",
        step_free_access="oui",
        access_conditions="Sur rendez-vous pour les consultations.",
        themes=[ThemeFactory(name="Dépistage", slug="depistage")],
    )
    StructureContactFactory(
        structure=centre, role="Accueil", phone="03 86 00 00 01", email="accueil@msp.example"
    )
    StructureContactFactory(
        structure=centre,
        role="Coordinatrice",
        phone="06 00 00 00 99",
        email="coordination@msp.example",
        visibility="pro",
    )
    for weekday in (0, 1, 2, 3, 4):
        OpeningHoursFactory(structure=centre, weekday=weekday, opens="08:30", closes="12:00")
        OpeningHoursFactory(structure=centre, weekday=weekday, opens="14:00", closes="18:30")
    OpeningHoursFactory(
        structure=centre, weekday=5, opens="09:00", closes="12:00", by_appointment=True
    )
    return {"directory": directory, "health_centre": centre}


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """Built once for the module (pages with revisions are slow to create), rolled back after."""
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


directory = read_from_module_world("directory")
health_centre = read_from_module_world("health_centre")


def get(client, path, moment=TUESDAY_MORNING):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    return json.loads(JSON_LD.search(html).group(1))


# Contacts ------------------------------------------------------------------------------------


def test_visitors_see_public_contacts_only(client, health_centre):
    html = get(client, "/structures/msp-clamecy/")

    assert "accueil@msp.example" in html and 'href="tel:0386000001"' in html
    assert "coordination@msp.example" not in html
    assert "06 00 00 00 99" not in html
    assert "Réservé aux professionnels" not in html


def test_partners_see_professional_contacts_clearly_labelled(client, health_centre, partner):
    client.force_login(partner)

    html = get(client, "/structures/msp-clamecy/")

    assert "coordination@msp.example" in html
    assert "Réservé aux professionnels" in html
    assert "Professionnels seulement" in html


def test_logged_in_user_without_admin_access_sees_public_contacts_only(
    client, health_centre, make_user
):
    client.force_login(make_user("habitant"))

    html = get(client, "/structures/msp-clamecy/")

    assert "accueil@msp.example" in html
    assert "coordination@msp.example" not in html


# Opening hours -------------------------------------------------------------------------------


def test_hours_table_lists_every_day(client, health_centre):
    html = get(client, "/structures/msp-clamecy/")
    rows = re.findall(r'<th scope="row">(\w+).*?</th>\s*<td>(.*?)</td>', html, re.S)

    assert [day for day, _hours in rows] == [
        "Lundi",
        "Mardi",
        "Mercredi",
        "Jeudi",
        "Vendredi",
        "Samedi",
        "Dimanche",
    ]
    assert dict(rows)["Mardi"] == "8 h 30 – 12 h, 14 h – 18 h 30"
    assert dict(rows)["Samedi"] == "9 h – 12 h (sur rendez-vous)"
    assert dict(rows)["Dimanche"] == "Fermé"
    assert 'Mardi <span class="hours-table__today-label">(aujourd\'hui)</span>' in html


def test_open_now_during_a_slot(client, health_centre):
    assert "Ouvert maintenant" in get(client, "/structures/msp-clamecy/", TUESDAY_MORNING)


def test_closed_now_after_hours(client, health_centre):
    html = get(client, "/structures/msp-clamecy/", TUESDAY_EVENING)

    assert "Fermé maintenant" in html and "Ouvert maintenant" not in html


def test_exceptional_closure_is_shown_with_its_reason(client, health_centre):
    ClosureFactory(
        structure=health_centre,
        start_date=datetime.date(2026, 12, 7),
        end_date=datetime.date(2026, 12, 9),
        reason="Formation de l'équipe",
    )
    ClosureFactory(
        structure=health_centre,
        start_date=datetime.date(2026, 12, 24),
        end_date=datetime.date(2026, 12, 26),
        reason="Fêtes de fin d'année",
    )

    html = get(client, "/structures/msp-clamecy/", TUESDAY_MORNING)

    assert "Fermé maintenant" in html
    assert "Fermeture exceptionnelle jusqu'au mercredi 9 décembre 2026" in html
    assert "Formation de l&#x27;équipe" in html
    assert "Fermetures à venir" in html
    assert "Du 24 décembre 2026 au 26 décembre 2026 : Fêtes de fin d&#x27;année" in html


def test_appointment_only_is_announced(client, health_centre):
    health_centre.appointment_only = True
    health_centre.save_revision().publish()

    assert "Uniquement sur rendez-vous." in get(client, "/structures/msp-clamecy/")


# Access, area, actions -----------------------------------------------------------------------


def test_access_and_area_are_shown(client, health_centre):
    health_centre.whole_territory = True
    health_centre.save_revision().publish()

    html = get(client, "/structures/msp-clamecy/")

    assert "Accès de plain-pied ou ascenseur" in html
    assert "français, anglais" in html
    assert "Sur rendez-vous pour les consultations." in html
    assert "Tout le territoire" in html
    assert "Dépistage" in html


def test_live_actions_are_listed_and_drafts_are_not(client, health_centre):
    ActionPageFactory(parent=health_centre, title="Dépistage du diabète")
    ActionPageFactory(parent=health_centre, title="Projet en préparation", live=False)

    html = get(client, "/structures/msp-clamecy/")

    assert "Dépistage du diabète" in html
    assert "Projet en préparation" not in html


def test_draft_structure_is_not_served(client, directory):
    StructurePageFactory(parent=directory, title="Pas encore publiée", slug="brouillon", live=False)

    assert client.get("/structures/brouillon/").status_code == 404


# Maps and privacy ----------------------------------------------------------------------------


def test_mini_map_has_a_link_and_coordinates_with_a_dot(client, health_centre):
    html = get(client, "/structures/msp-clamecy/")

    assert 'data-latitude="47.457800" data-longitude="3.517200"' in html
    assert "https://www.openstreetmap.org/?mlat=47.457800&amp;mlon=3.517200" in html
    assert '<script src="/static/js/directory-map.js" defer></script>' in html


def test_no_request_leaves_the_site_except_the_tiles_in_data_attributes(client, health_centre):
    html = get(client, "/structures/msp-clamecy/")

    assert not LOADED_RESOURCES.search(html)
    tile_host = re.match(r"https?://[^/]+", settings.MAP_TILE_URL).group(0)
    for match in re.finditer(re.escape(tile_host), html):
        attribute = html[: match.start()].rsplit(" ", 1)[-1]
        assert attribute == 'data-tile-url="'


def test_page_without_coordinates_loads_no_map(client, directory):
    StructurePageFactory(parent=directory, slug="sans-carte", latitude=None, longitude=None)

    html = get(client, "/structures/sans-carte/")

    assert "leaflet" not in html.lower()
    assert "data-location-map" not in html


def test_structure_page_is_built_accessibly(client, health_centre, partner):
    ActionPageFactory(parent=health_centre)
    ClosureFactory(structure=health_centre, start_date=datetime.date(2026, 12, 24))
    client.force_login(partner)
    structure = PageStructure()
    structure.feed(get(client, "/structures/msp-clamecy/"))

    assert structure.headings.count(1) == 1 and structure.headings[0] == 1
    pairs = zip(structure.headings, structure.headings[1:], strict=False)
    assert not [(a, b) for a, b in pairs if b > a + 1]
    assert len(structure.ids) == len(set(structure.ids))
    assert not structure.inline_styles


# schema.org ------------------------------------------------------------------------------------


def test_json_ld_describes_the_structure(client, health_centre):
    data = json_ld(get(client, "/structures/msp-clamecy/"))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalClinic"
    assert data["name"] == "Maison de santé de Clamecy"
    assert data["url"].endswith("/structures/msp-clamecy/")
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "2 rue de la Paix",
        "postalCode": "58500",
        "addressLocality": "Clamecy",
        "addressCountry": "FR",
    }
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 47.4578, "longitude": 3.5172}
    assert data["telephone"] == "03 86 00 00 01"
    assert data["email"] == "accueil@msp.example"
    assert len(data["openingHoursSpecification"]) == 11
    assert data["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "08:30",
        "closes": "12:00",
    }


def test_json_ld_holds_no_professional_contact(client, health_centre, partner):
    client.force_login(partner)

    html = get(client, "/structures/msp-clamecy/")
    data = json_ld(html)

    assert "coordination@msp.example" in html  # the partner sees it on the page…
    assert "coordination@msp.example" not in json.dumps(data)  # …never in the public data
    assert [point["contactType"] for point in data["contactPoint"]] == ["Accueil"]


def test_json_ld_marks_closures(client, health_centre):
    ClosureFactory(
        structure=health_centre,
        start_date=datetime.date(2026, 12, 24),
        end_date=datetime.date(2026, 12, 26),
        reason="Fêtes",
    )

    data = json_ld(get(client, "/structures/msp-clamecy/"))

    assert data["specialOpeningHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "validFrom": "2026-12-24",
            "validThrough": "2026-12-26",
            "opens": "00:00",
            "closes": "00:00",
            "description": "Fêtes",
        }
    ]


def test_json_ld_cannot_close_its_script_element(client, directory):
    StructurePageFactory(
        parent=directory,
        slug="piege",
        title="</script><script>alert(1)</script>",
        short_description="A & B <b>",
    )

    html = get(client, "/structures/piege/")
    script = JSON_LD.search(html).group(1)

    assert "<" not in script and ">" not in script and "&" not in script
    assert json.loads(script)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


# Action pages ----------------------------------------------------------------------------------


def test_action_page_shows_its_details_and_links_back(client, health_centre):
    ActionPageFactory(
        parent=health_centre,
        title="Consultation jeunes consommateurs",
        slug="cjc",
        summary="Une écoute sans jugement pour les 12-25 ans.",
        remote=True,
        fees="gratuit",
        contact_phone="03 86 00 00 02",
        booking_url="https://rdv.example/cjc",
        access_conditions="Anonyme et gratuit.",
    )

    html = get(client, "/structures/msp-clamecy/cjc/")

    assert "<h1>Consultation jeunes consommateurs</h1>" in html
    assert "Sur place, à distance" in html
    assert "Anonyme et gratuit." in html
    assert 'href="tel:0386000002"' in html
    assert 'href="https://rdv.example/cjc"' in html
    assert 'Une action de <a href="/structures/msp-clamecy/">Maison de santé de Clamecy</a>' in html
    structure = PageStructure()
    structure.feed(html)
    assert structure.headings.count(1) == 1
