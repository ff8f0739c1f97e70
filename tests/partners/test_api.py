"""Wagtail's API v2 at /api/v2/: live public pages, public fields, never a professional contact."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from home.models import HomePage
from partners.models import StructurePage
from tests.conftest import rolled_back_after_module
from tests.home.factories import ImageFactory

from .factories import (
    ActionPageFactory,
    ClosureFactory,
    CommuneFactory,
    OpeningHoursFactory,
    PublicFactory,
    StructureContactFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"
# A professionals-only contact: none of it may ever appear in an API answer.
PRO = {"name": "Dr Lucie Martin", "phone": "03 86 99 12 34", "email": "ligne-pro@ccas.example"}
PENDING_DESCRIPTION = "Présentation en attente de validation"
DRAFT_TITLE = "Atelier pas encore relu"


def build_profile():
    """A live structure with everything its page shows, a pro contact and a pending change."""
    directory = StructureIndexPageFactory(parent=HomePage.objects.get(depth=2))
    commune = CommuneFactory(name="Clamecy", insee_code="58079", postal_code="58500")
    structure = StructurePageFactory(
        parent=directory,
        title="CCAS de Clamecy",
        slug="ccas-clamecy",
        typology="CCAS",
        street_address="1 place Émile Zola",
        postal_code="58500",
        commune=commune,
        latitude="47.459800",
        longitude="3.519100",
        logo=ImageFactory(title="Logo du CCAS"),
        themes=[ThemeFactory(name="Prévention des chutes")],
        publics=[PublicFactory(name="Aidants familiaux")],
        area_communes=[commune],
        languages="français, anglais",
    )
    StructureContactFactory(
        structure=structure, role="Accueil", phone="03 86 27 00 00", email="accueil@ccas.example"
    )
    StructureContactFactory(
        structure=structure, role="Ligne des partenaires", visibility="pro", **PRO
    )
    OpeningHoursFactory(structure=structure, weekday=1)
    ClosureFactory(structure=structure)
    ActionPageFactory(parent=structure, title="Permanence accès aux droits", slug="permanence")
    ActionPageFactory(parent=structure, title=DRAFT_TITLE, slug="atelier-brouillon", live=False)
    pending = StructurePage.objects.get(pk=structure.pk)
    pending.short_description = PENDING_DESCRIPTION
    pending.save_revision()
    return structure


@pytest.fixture(scope="module")
def module_profile(django_db_setup, django_db_blocker):
    """Built once for the module (pages with revisions are slow to create), rolled back after."""
    with rolled_back_after_module(django_db_blocker):
        yield build_profile()


@pytest.fixture
def profile(module_profile, db):
    """The shared structure, read afresh: what a test changes is rolled back after it."""
    return StructurePage.objects.get(pk=module_profile.pk)


def body(response):
    return response.content.decode()


def test_api_lists_live_structures_with_their_public_fields(client, profile):
    response = client.get(PAGES, {"type": "partners.StructurePage", "fields": "*"})

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["title"] == "CCAS de Clamecy"
    assert item["short_description"] == "Une structure de prévention du territoire."
    assert item["typology"] == "CCAS" and item["typology_label"] == "CCAS / CIAS"
    assert item["themes"] == ["Prévention des chutes"]
    assert item["publics"] == ["Aidants familiaux"]
    assert item["commune"] == {"name": "Clamecy", "insee_code": "58079", "postal_code": "58500"}
    assert item["area_communes"] == [item["commune"]]
    assert (item["latitude"], item["longitude"]) == (47.4598, 3.5191)
    assert item["contacts"] == [
        {
            "role": "Accueil",
            "name": "",
            "phone": "03 86 27 00 00",
            "email": "accueil@ccas.example",
            "website": "",
        }
    ]
    assert item["opening_hours"] == [
        {"weekday": 1, "day": "mardi", "opens": "09:00", "closes": "12:00", "by_appointment": False}
    ]
    assert item["closures"] == [
        {"start_date": "2026-08-01", "end_date": "2026-08-15", "reason": "Congés d'été"}
    ]
    assert item["languages"] == "français, anglais"
    assert item["last_verified"] == StructurePage.objects.get().last_verified.isoformat()
    assert item["logo"]["url"].startswith("/media/images/")
    assert item["logo"]["width"] <= 400


def test_api_shows_a_structures_actions_with_their_contact(client, profile):
    listing = client.get(
        PAGES, {"type": "partners.ActionPage", "child_of": profile.pk, "fields": "*"}
    )

    [action] = listing.json()["items"]
    assert action["title"] == "Permanence accès aux droits"
    assert action["summary"] == "Un atelier de prévention."
    assert (action["on_site"], action["remote"], action["itinerant"]) == (True, False, False)
    assert action["fees_label"] == "Gratuit"
    assert {"contact_phone", "contact_email", "booking_url"} <= action.keys()
    detail = client.get(f"{PAGES}{action['id']}/").json()
    assert detail["meta"]["parent"]["id"] == profile.pk
    assert detail["description"] == action["description"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"fields": "*"},
        {"fields": "contacts"},
        {"fields": "contacts(*)"},
        {"fields": "contacts(phone,email,name,visibility)"},
        {"fields": "*", "search": "Lucie"},
    ],
    ids=["detail", "all fields", "contacts", "contacts(*)", "contacts(phone)", "search"],
)
@pytest.mark.parametrize("endpoint", ["detail", "listing"])
def test_api_never_exposes_professionals_only_contacts(client, profile, endpoint, params):
    url = f"{PAGES}{profile.pk}/" if endpoint == "detail" else PAGES
    if endpoint == "detail":
        params = {key: value for key, value in params.items() if key != "search"}

    response = client.get(url, params)

    assert response.status_code in (200, 400)
    assert not [value for value in PRO.values() if value in body(response)]
    assert "Ligne des partenaires" not in body(response)


def test_api_never_serves_drafts_or_pending_changes(client, profile):
    draft = profile.get_children().get(slug="atelier-brouillon")

    listing = client.get(PAGES, {"fields": "*", "limit": 20})
    detail = client.get(f"{PAGES}{profile.pk}/")
    draft_detail = client.get(f"{PAGES}{draft.pk}/")
    search = client.get(PAGES, {"search": "relu"})

    assert draft.pk not in [item["id"] for item in listing.json()["items"]]
    assert draft_detail.status_code == 404
    assert search.json()["items"] == []
    for response in (listing, detail):
        assert DRAFT_TITLE not in body(response)
        assert PENDING_DESCRIPTION not in body(response)


def test_api_serves_public_pages_only(client, profile):
    restriction = PageViewRestriction.objects.create(
        page=profile, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name="Partenaires")])

    listing = client.get(PAGES, {"type": "partners.StructurePage"})
    detail = client.get(f"{PAGES}{profile.pk}/")

    assert listing.json()["items"] == []
    assert detail.status_code == 404


@pytest.mark.parametrize(
    "url", ["/api/v2/images/", "/api/v2/images/1/", "/api/v2/documents/", "/api/v2/documents/1/"]
)
def test_media_endpoints_are_not_served(client, profile, url):
    assert client.get(url).status_code == 404


def test_api_answers_json_even_to_a_browser(client, profile):
    response = client.get(PAGES, HTTP_ACCEPT="text/html,application/xhtml+xml")

    assert response.status_code in (200, 406)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"type": "partners.Inconnu"}, "type doesn't exist"),
        ({"type": "pas-un-type"}, "type doesn't exist"),
        ({"limit": "beaucoup"}, "limit must be a positive integer"),
        ({"offset": "-3"}, "offset must be a positive integer"),
        (
            {"type": "partners.StructurePage", "fields": "siret,mot_de_passe"},
            "unknown fields: mot_de_passe",
        ),
        ({"child_of": "abc"}, "child_of must be a positive integer"),
        ({"order": "contacts"}, "cannot order by 'contacts' (unknown field)"),
    ],
)
def test_api_answers_bad_parameters_with_a_message(client, profile, params, message):
    response = client.get(PAGES, params)

    assert response.status_code == 400
    assert response.json()["message"] == message
