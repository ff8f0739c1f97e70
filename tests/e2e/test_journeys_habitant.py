"""A habitant's journey in Chromium: a search typed without accents, the directory filtered by
theme and commune, a structure opened and one of its events added to a calendar (.ics)."""

import re

import icalendar
import pytest
from playwright.sync_api import expect

from tests.events.factories import EventPageFactory
from tests.partners.factories import (
    CommuneFactory,
    CommunityFactory,
    StructureIndexPageFactory,
    StructurePageFactory,
    ThemeFactory,
)


@pytest.fixture
def territory(home_page):
    """Two "Prévention santé" structures in two communes under two themes; one holds an event."""
    directory = StructureIndexPageFactory(parent=home_page)
    community = CommunityFactory(name="CC des Deux Rivières", slug="deux-rivieres")
    clamecy = CommuneFactory(
        name="Clamecy", slug="clamecy", insee_code="58079", community=community
    )
    varzy = CommuneFactory(name="Varzy", slug="varzy", insee_code="58304", community=community)
    nutrition = ThemeFactory(name="Alimentation des tout-petits", slug="alimentation-tout-petits")
    addictions = ThemeFactory(name="Écrans et addictions", slug="ecrans-addictions")
    # Placed on the map (the factory's coordinates): its page draws one with Leaflet, under the
    # site's Content-Security-Policy (the tiles' server is out of reach, as the conftest wants).
    kept = StructurePageFactory(
        parent=directory,
        title="Prévention santé du Clamecycois",
        slug="prevention-sante-clamecycois",
        short_description="Ateliers et conseils pour les familles.",
        commune=clamecy,
        themes=[nutrition],
    )
    filtered_out = StructurePageFactory(
        parent=directory,
        title="Prévention santé de Varzy",
        slug="prevention-sante-varzy",
        short_description="Une écoute pour les jeunes et leurs parents.",
        commune=varzy,
        themes=[addictions],
    )
    event = EventPageFactory(
        parent=kept,
        title="Atelier goûters maison",
        slug="atelier-gouters-maison",
        summary="Des goûters simples et équilibrés, préparés ensemble.",
    )
    return {"kept": kept, "filtered_out": filtered_out, "event": event}


def test_habitant_finds_filters_opens_and_adds_an_event_to_a_calendar(page, territory):
    kept, filtered_out, event = territory["kept"], territory["filtered_out"], territory["event"]

    # A search typed without accents, in the home page's search box.
    page.goto("/")
    search = page.get_by_role("search")
    search.get_by_role("searchbox", name="Que cherchez-vous ?").fill("prevention sante")
    search.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url("/recherche/?q=prevention+sante")
    results = page.get_by_role("main").get_by_role("list").first
    expect(results.get_by_role("link", name=kept.title)).to_be_visible()
    expect(results.get_by_role("link", name=filtered_out.title)).to_be_visible()

    # The directory, filtered by theme and commune with its own form.
    page.goto("/structures/")
    filters = page.get_by_role("form", name="Filtrer l'annuaire")
    filters.get_by_label("Thématique").select_option(label="Alimentation des tout-petits")
    filters.get_by_label("Commune ou communauté de communes").select_option(label="Clamecy")
    filters.get_by_role("button", name="Afficher les résultats").click()
    expect(page.get_by_role("status").filter(has_text="acteur")).to_have_text("1 acteur")
    assert "theme=alimentation-tout-petits" in page.url and "lieu=clamecy" in page.url
    expect(page.get_by_role("link", name=filtered_out.title)).to_have_count(0)

    # The structure, then its event.
    page.get_by_role("link", name=kept.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(kept.title)
    location = page.get_by_role("region", name=f"Carte : emplacement de {kept.title}")
    expect(location).to_have_class(re.compile(r"\bleaflet-container\b"))  # drawn by the script
    upcoming = page.get_by_role("region", name="Prochains événements")
    upcoming.get_by_role("link", name=event.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)

    # "Ajouter à mon agenda": the browser downloads an iCalendar file of that event.
    add = page.get_by_role("link", name=f"Ajouter à mon agenda : {event.title}")
    with page.expect_download() as download_info:
        add.click()
    download = download_info.value
    assert download.suggested_filename == f"{event.slug}.ics"
    calendar = icalendar.Calendar.from_ical(download.path().read_bytes())
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    response = page.request.get(add.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    assert f"SUMMARY:{event.title}" in response.text()
