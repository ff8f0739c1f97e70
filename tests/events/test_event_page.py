"""The event page as a visitor sees it: dates, status, place, how to take part, sharing, JSON-LD."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventStatus, OccurrenceChange
from tests.home.factories import ImageFactory
from tests.html import LOADED_RESOURCES, PageStructure
from tests.partners.factories import CommuneFactory, PublicFactory, ThemeFactory

from .factories import EventPageFactory, NationalCampaignFactory, OccurrenceChangeFactory
from .test_ical_roundtrip import at, next_weekday

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
DATE_ITEM = re.compile(r'<li class="event-dates__item[^"]*">')


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    (text,) = JSON_LD.findall(html)
    return json.loads(text)


def weekly(agenda, **fields):
    tuesday = next_weekday(1)
    fields.setdefault("start", at(tuesday, 18, 30))
    fields.setdefault("end", at(tuesday, 20, 0))
    return EventPageFactory(parent=agenda, recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU", **fields)


def test_page_lists_the_first_ten_dates_then_all_of_them_on_demand(client, agenda):
    event = weekly(agenda, slug="marche")
    total = event.upcoming_occurrences().count()

    first = get(client, "/agenda/marche/")
    every = get(client, "/agenda/marche/?toutes=1")
    wrong = get(client, "/agenda/marche/?toutes=beaucoup")

    assert len(DATE_ITEM.findall(first)) == 10
    hidden = f'<span class="visually-hidden"> de {event.title}</span>'
    assert f"Voir toutes les dates{hidden} ({total - 10} de plus)" in first
    assert 'href="?toutes=1#dates"' in first
    assert len(DATE_ITEM.findall(every)) == total
    assert "Voir seulement les prochaines dates" in every
    assert len(DATE_ITEM.findall(wrong)) == 10


def test_dates_read_in_french_with_paris_time(client, agenda):
    EventPageFactory(
        parent=agenda,
        slug="ete",
        start=at(datetime.date(2027, 7, 1), 9, 0),
        end=at(datetime.date(2027, 7, 1), 12, 30),
    )

    html = get(client, "/agenda/ete/")

    assert "jeudi 1er juillet 2027, 9 h – 12 h 30" in html
    assert 'datetime="2027-07-01T09:00:00+02:00"' in html


def test_an_all_day_event_over_several_days_reads_as_a_range(client, agenda):
    EventPageFactory(
        parent=agenda,
        slug="expo",
        all_day=True,
        start=at(datetime.date(2027, 3, 2)),
        end=at(datetime.date(2027, 3, 4)),
    )

    html = get(client, "/agenda/expo/")

    assert "du mardi 2 mars 2027 au jeudi 4 mars 2027" in html


def test_query_count_does_not_grow_with_the_number_of_dates(client, agenda):
    EventPageFactory(parent=agenda, slug="unique")
    weekly(agenda, slug="serie")
    get(client, "/agenda/unique/")  # caches filled

    with CaptureQueriesContext(connection) as single:
        get(client, "/agenda/unique/")
    with CaptureQueriesContext(connection) as series:
        get(client, "/agenda/serie/?toutes=1")

    assert len(series) <= len(single) + 1  # + the count behind "Voir toutes les dates"


@pytest.mark.parametrize(
    ("status", "banner", "schema_status"),
    [
        (EventStatus.CANCELLED, "Cet événement est annulé.", "EventCancelled"),
        (EventStatus.POSTPONED, "Cet événement est reporté", "EventPostponed"),
        (EventStatus.FULL, "Cet événement est complet.", "EventScheduled"),
    ],
)
def test_event_status_shows_a_banner_with_its_reason_and_in_json_ld(
    client, agenda, status, banner, schema_status
):
    weekly(agenda, slug="statut", status=status, status_reason="Intervenante malade")

    html = get(client, "/agenda/statut/")

    assert banner in html
    assert "Motif : Intervenante malade" in html
    assert 'role="status"' in html
    data = json_ld(html)
    assert len(data) == 10
    assert {item["eventStatus"] for item in data} == {f"https://schema.org/{schema_status}"}
    if status == EventStatus.FULL:
        assert {item["offers"]["availability"] for item in data} == {"https://schema.org/SoldOut"}


def test_a_scheduled_event_has_no_banner(client, agenda):
    weekly(agenda, slug="normal")

    html = get(client, "/agenda/normal/")

    assert "event-status" not in html
    assert {item["eventStatus"] for item in json_ld(html)} == {"https://schema.org/EventScheduled"}


def test_a_cancelled_next_date_is_announced_and_struck_out(client, agenda):
    tuesday = next_weekday(1)
    weekly(
        agenda,
        slug="seance",
        occurrence_changes=[
            OccurrenceChangeFactory.build(date=tuesday, reason="Grève des transports")
        ],
    )

    html = get(client, "/agenda/seance/")

    assert "La prochaine date, mardi" in html and "est annulée." in html
    assert "Motif : Grève des transports" in html
    assert "<del><time" in html
    assert '<span class="badge event-dates__status">Annulée</span>' in html
    data = json_ld(html)
    assert data[0]["eventStatus"] == "https://schema.org/EventCancelled"
    assert data[1]["eventStatus"] == "https://schema.org/EventScheduled"
    # The next date to come is the next one actually held.
    assert re.search(
        rf'Prochaine date</dt>\s*<dd><time datetime="{re.escape(data[1]["startDate"])}"', html
    )


def test_a_full_and_a_moved_date_are_shown_with_their_reason(client, agenda):
    tuesday = next_weekday(1)
    full, moved = tuesday + datetime.timedelta(weeks=1), tuesday + datetime.timedelta(weeks=2)
    new_start = at(moved + datetime.timedelta(days=1), 10, 0)
    weekly(
        agenda,
        slug="changements",
        occurrence_changes=[
            OccurrenceChangeFactory.build(
                date=full, change=OccurrenceChange.Change.FULL, reason=""
            ),
            OccurrenceChangeFactory.build(
                date=moved,
                change=OccurrenceChange.Change.MOVED,
                new_start=new_start,
                reason="Salle prise par les élections",
            ),
        ],
    )

    html = get(client, "/agenda/changements/")

    assert '<span class="badge event-dates__status">Complète</span>' in html
    assert '<span class="badge event-dates__status">Déplacée</span>' in html
    assert "au lieu du mardi" in html
    assert "Motif : Salle prise par les élections" in html
    rescheduled = [item for item in json_ld(html) if "previousStartDate" in item]
    assert rescheduled[0]["eventStatus"] == "https://schema.org/EventRescheduled"
    assert rescheduled[0]["startDate"] == new_start.isoformat()


def test_place_registration_price_accessibility_and_age_are_shown(client, agenda):
    commune = CommuneFactory(name="Clamecy", insee_code="58079")
    EventPageFactory(
        parent=agenda,
        slug="complet",
        venue="Maison de santé",
        street_address="2 rue de la Paix",
        postal_code="58500",
        commune=commune,
        latitude="47.457800",
        longitude="3.517200",
        online_url="https://visio.example/salle",
        registration_required=True,
        registration_url="https://inscription.example/atelier",
        registration_phone="03 86 00 00 01",
        registration_email="atelier@msp.example",
        capacity=12,
        is_free=False,
        price_detail="5 €, gratuit pour les moins de 18 ans",
        accessibility="Accès de plain-pied, boucle magnétique.",
        age_min=60,
        age_max=99,
    )

    html = get(client, "/agenda/complet/")

    assert "2 rue de la Paix" in html and "58500 Clamecy" in html
    assert "https://www.openstreetmap.org/?mlat=47.457800&amp;mlon=3.517200" in html
    assert 'href="https://visio.example/salle"' in html
    assert "Obligatoire (12 places)" in html
    assert 'href="https://inscription.example/atelier"' in html
    assert 'href="tel:0386000001"' in html
    assert 'href="mailto:atelier@msp.example"' in html
    assert "Payant : 5 €, gratuit pour les moins de 18 ans" in html
    assert "Accès de plain-pied, boucle magnétique." in html
    assert "De 60 à 99 ans" in html
    (data, *_) = json_ld(html)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place["address"]["addressLocality"] == "Clamecy"
    assert place["geo"]["latitude"] == 47.4578
    assert online == {"@type": "VirtualLocation", "url": "https://visio.example/salle"}
    assert data["isAccessibleForFree"] is False
    assert data["audience"] == {
        "@type": "PeopleAudience",
        "suggestedMinAge": 60,
        "suggestedMaxAge": 99,
    }


def test_an_online_only_event(client, agenda):
    EventPageFactory(
        parent=agenda, slug="webinaire", venue="", online_url="https://visio.example/s"
    )

    html = get(client, "/agenda/webinaire/")

    assert "En ligne : " in html
    data = json_ld(html)[0]
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://visio.example/s"}


def test_an_address_without_coordinates_links_to_an_openstreetmap_search(client, agenda):
    EventPageFactory(parent=agenda, slug="adresse", street_address="1 place de la Mairie")

    html = get(client, "/agenda/adresse/")

    assert 'href="https://www.openstreetmap.org/search?query=1%20place%20de%20la%20Mairie' in html
    assert "data-location-map" not in html


def test_organisers_link_to_their_structure_pages_with_the_national_campaign(
    client, agenda, structure, other_structure
):
    campaign = NationalCampaignFactory(
        name="Mois sans tabac", slug="mois-sans-tabac", website="https://mois-sans-tabac.example/"
    )
    EventPageFactory(
        parent=structure,
        slug="stand",
        co_organisers=[other_structure],
        national_campaign=campaign,
    )

    html = get(client, structure.url + "stand/")

    assert f'<a href="{structure.url}">CCAS de Clamecy</a>' in html
    assert f'<a href="{other_structure.url}">CPTS du Morvan</a>' in html
    assert "Dans le cadre de la campagne nationale « Mois sans tabac »" in html
    assert 'href="https://mois-sans-tabac.example/"' in html
    data = json_ld(html)[0]
    assert [organiser["name"] for organiser in data["organizer"]] == [
        "CCAS de Clamecy",
        "CPTS du Morvan",
    ]
    assert "Mois sans tabac" in data["keywords"]


def test_themes_publics_and_image_with_its_alt_text(client, agenda):
    EventPageFactory(
        parent=agenda,
        slug="illustre",
        themes=[ThemeFactory(name="Sommeil réparateur", slug="sommeil-reparateur")],
        publics=[PublicFactory(name="Seniors actifs", slug="seniors-actifs")],
        image=ImageFactory(),
        image_alt="Des personnes marchent au bord du canal",
    )

    html = get(client, "/agenda/illustre/")

    assert "Sommeil réparateur" in html and "Seniors actifs" in html
    assert re.search(
        r'<img src="[^"]+" width="\d+" height="\d+" alt="Des personnes marchent au bord du canal">',
        html,
    )
    assert json_ld(html)[0]["image"][0].startswith("http")


def test_add_to_calendar_and_the_ics_alternate_link(client, agenda):
    EventPageFactory(parent=agenda, slug="agenda-perso")

    html = get(client, "/agenda/agenda-perso/")

    assert '<a class="button" href="/agenda/agenda-perso/ics/">Ajouter à mon agenda' in html
    assert '<link rel="alternate" type="text/calendar" href="/agenda/agenda-perso/ics/"' in html


def test_share_links_load_nothing_from_other_sites(client, agenda):
    EventPageFactory(
        parent=agenda, slug="partage", title="Forum santé", latitude="47.1", longitude="3.5"
    )

    html = get(client, "/agenda/partage/")

    assert "mailto:?subject=Forum%20sant%C3%A9&amp;body=http" in html
    assert "https://www.facebook.com/sharer/sharer.php?u=http" in html
    assert "https://www.linkedin.com/sharing/share-offsite/?url=http" in html
    assert "https://wa.me/?text=Forum" in html
    assert "data-copy-link hidden" in html
    assert '<script src="/static/js/event-page.js" defer></script>' in html
    assert not LOADED_RESOURCES.search(html)
    assert "<iframe" not in html


def test_page_is_built_accessibly(client, agenda, structure):
    weekly(
        agenda,
        slug="accessible",
        status=EventStatus.FULL,
        organiser=structure,
        image=ImageFactory(),
        image_alt="Une affiche",
        description="<p>Un parcours de 3 km.</p>",
        themes=[ThemeFactory()],
        latitude="47.1",
        longitude="3.5",
    )

    page = PageStructure()
    page.feed(get(client, "/agenda/accessible/"))

    assert page.headings.count(1) == 1 and page.headings[0] == 1
    pairs = zip(page.headings, page.headings[1:], strict=False)
    assert not [(a, b) for a, b in pairs if b > a + 1]
    assert len(page.ids) == len(set(page.ids))
    assert not page.images_without_alt
    assert not page.inline_styles


def test_json_ld_cannot_close_its_script_element(client, agenda):
    EventPageFactory(
        parent=agenda, slug="piege", title="Atelier </script><script>alert(1)</script>"
    )

    html = get(client, "/agenda/piege/")

    assert "<script>alert(1)" not in html
    assert json_ld(html)[0]["name"] == "Atelier </script><script>alert(1)</script>"


def test_a_past_event_says_it_has_no_date_to_come(client, agenda):
    day = next_weekday(1, after_days=-60)
    EventPageFactory(parent=agenda, slug="passe", start=at(day, 10), end=at(day, 12))

    html = get(client, "/agenda/passe/")

    assert "Aucune date à venir : cet événement a eu lieu le" in html
    assert json_ld(html)[0]["startDate"] == at(day, 10).isoformat()


def test_a_draft_preview_shows_the_dates_it_will_have(agenda):
    tuesday = next_weekday(1)
    event = EventPageFactory(
        parent=agenda,
        live=False,
        start=at(tuesday, 18, 30),
        end=at(tuesday, 20),
        recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU",
    )
    assert not event.occurrences.exists()

    response = event.make_preview_request()

    html = (
        response.rendered_content
        if hasattr(response, "rendered_content")
        else response.content.decode()
    )
    assert len(DATE_ITEM.findall(html)) == 10
    assert "Voir toutes les dates" in html


def test_an_unpublished_co_organiser_is_not_linked(client, agenda, structure, other_structure):
    EventPageFactory(
        parent=agenda, slug="avec", organiser=structure, co_organisers=[other_structure]
    )
    other_structure.unpublish()

    html = get(client, "/agenda/avec/")

    assert f'<a href="{structure.url}">CCAS de Clamecy</a>' in html
    assert "CPTS du Morvan" not in html
    assert [item["name"] for item in json_ld(html)[0]["organizer"]] == ["CCAS de Clamecy"]
