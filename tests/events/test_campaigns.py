"""Campaign pages as visitors see them: the listing, the page, its events, structures and kit.

The listing puts current campaigns first, then upcoming ones, then past ones (paginated), in
the same number of queries whatever their number. A campaign page lists by itself the events of
its national campaign held in its dates, the structures that take part (named on the page or
organising those events, each once) and its kit, grouped by kind, with format, weight, language,
conditions of use and an accessible version (or how to ask for one).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.campaigns import PAST_PER_PAGE, campaign_dates
from events.models import CampaignPage, KitItem, KitItemKind
from tests.home.factories import DocumentFactory, ImageFactory
from tests.partners.factories import ThemeFactory

from .factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventPageFactory,
    NationalCampaignFactory,
    paris,
)

pytestmark = pytest.mark.django_db

TODAY = None


def days(count):
    return timezone.localdate() + datetime.timedelta(days=count)


@pytest.fixture
def index(home_page):
    return CampaignIndexPageFactory(parent=home_page)


def at(date, hour=18):
    return paris(date.year, date.month, date.day, hour)


# Dates in words -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((2026, 11, 1), (2026, 11, 30), "du 1er au 30 novembre 2026"),
        ((2026, 9, 28), (2026, 10, 31), "du 28 septembre au 31 octobre 2026"),
        ((2026, 12, 15), (2027, 1, 15), "du 15 décembre 2026 au 15 janvier 2027"),
        ((2026, 12, 1), (2026, 12, 1), "le 1er décembre 2026"),
    ],
)
def test_campaign_dates_are_said_in_french(start, end, expected):
    page = CampaignPage(start_date=datetime.date(*start), end_date=datetime.date(*end))
    assert campaign_dates(page) == expected


# The listing ----------------------------------------------------------------------------------


def test_listing_shows_current_then_upcoming_then_past_campaigns(client, index):
    CampaignPageFactory(parent=index, title="Passée", start_date=days(-60), end_date=days(-30))
    CampaignPageFactory(parent=index, title="À venir", start_date=days(30), end_date=days(60))
    CampaignPageFactory(parent=index, title="En cours", start_date=days(-3), end_date=days(3))
    CampaignPageFactory(
        parent=index, title="Brouillon", start_date=days(-3), end_date=days(3), live=False
    )

    response = client.get("/campagnes/")

    assert response.status_code == 200
    context = response.context
    assert [page.title for page in context["current_campaigns"]] == ["En cours"]
    assert [page.title for page in context["upcoming_campaigns"]] == ["À venir"]
    assert [page.title for page in context["past_campaigns"]] == ["Passée"]
    html = response.content.decode()
    assert html.index("En cours") < html.index("À venir") < html.index("Passée")
    assert "Brouillon" not in html


def test_past_campaigns_are_paginated_newest_first(client, index):
    for number in range(PAST_PER_PAGE + 2):
        CampaignPageFactory(
            parent=index,
            title=f"Ancienne {number:02d}",
            start_date=days(-100 - number),
            end_date=days(-50 - number),
        )

    first = client.get("/campagnes/")
    second = client.get("/campagnes/?page=2")
    wrong = client.get("/campagnes/?page=abc")

    assert [page.title for page in first.context["past_campaigns"]][:2] == [
        "Ancienne 00",
        "Ancienne 01",
    ]
    assert len(first.context["past_campaigns"]) == PAST_PER_PAGE
    assert [page.title for page in second.context["past_campaigns"]] == [
        f"Ancienne {PAST_PER_PAGE:02d}",
        f"Ancienne {PAST_PER_PAGE + 1:02d}",
    ]
    assert wrong.status_code == 200


def test_listing_queries_do_not_grow_with_campaigns(client, index, django_assert_max_num_queries):
    themes = [ThemeFactory(), ThemeFactory()]

    def add(count):
        # As many current, upcoming and past campaigns.
        for number in range(count):
            start = days([-5, 20, -60][number % 3])
            CampaignPageFactory(
                parent=index,
                start_date=start,
                end_date=start + datetime.timedelta(days=10),
                hero_image=ImageFactory(),
                hero_image_alt="Une affiche",
                themes=themes,
            )

    def count():
        client.get("/campagnes/")  # warm-up: renditions made, root paths cached
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/campagnes/")
        return len(queries), response.content.decode().count('class="card campaign-card')

    add(3)
    few, few_cards = count()
    add(6)
    many, many_cards = count()

    assert many == few
    assert many_cards > few_cards
    with django_assert_max_num_queries(15):
        client.get("/campagnes/")


# The campaign page ----------------------------------------------------------------------------


@pytest.fixture
def national():
    return NationalCampaignFactory(slug="mois-sans-tabac", name="Mois sans tabac")


def test_campaign_page_lists_its_events_in_its_dates(
    client, index, agenda, structure, other_structure, national
):
    page = CampaignPageFactory(
        parent=index, national_campaign=national, start_date=days(-2), end_date=days(20)
    )
    EventPageFactory(
        parent=structure,
        title="Stand d'information",
        national_campaign=national,
        start=at(days(5)),
        end=at(days(5), 20),
        co_organisers=[other_structure],
    )
    EventPageFactory(
        parent=agenda,
        title="Atelier après la campagne",
        national_campaign=national,
        start=at(days(40)),
        end=at(days(40), 20),
    )
    EventPageFactory(parent=agenda, title="Autre sujet", start=at(days(6)), end=at(days(6), 20))
    EventPageFactory(
        parent=agenda,
        title="Brouillon de la campagne",
        national_campaign=national,
        start=at(days(7)),
        end=at(days(7), 20),
        live=False,
    )
    EventPageFactory(
        parent=agenda,
        title="Réunion déjà tenue",
        national_campaign=national,
        start=at(days(-1), 9),
        end=at(days(-1), 11),
    )

    response = client.get(page.url)

    assert response.status_code == 200
    assert [o.event.title for o in response.context["campaign_events"]] == ["Stand d'information"]
    assert [o.event.title for o in response.context["held_events"]] == ["Réunion déjà tenue"]
    html = response.content.decode()
    assert "Atelier après la campagne" not in html
    assert "Autre sujet" not in html
    assert "Brouillon de la campagne" not in html
    # The organiser and the co-organiser take part.
    assert [s.title for s in response.context["structures"]] == [
        "CCAS de Clamecy",
        "CPTS du Morvan",
    ]


def test_a_series_started_before_the_campaign_shows_its_date_within(
    client, index, agenda, national
):
    start = at(days(-14))
    EventPageFactory(
        parent=agenda,
        title="Permanence hebdomadaire",
        national_campaign=national,
        start=start,
        end=start + datetime.timedelta(hours=2),
        recurrence="RRULE:FREQ=WEEKLY",
    )
    page = CampaignPageFactory(
        parent=index, national_campaign=national, start_date=days(10), end_date=days(20)
    )

    [occurrence] = client.get(page.url).context["campaign_events"]

    assert days(10) <= occurrence.local_start.date() <= days(20)


def test_structures_named_and_organising_are_listed_once(
    client, index, structure, other_structure, national
):
    EventPageFactory(parent=structure, national_campaign=national, start=at(days(3)))
    EventPageFactory(parent=structure, national_campaign=national, start=at(days(4)))
    page = CampaignPageFactory(
        parent=index, national_campaign=national, structures=[structure, other_structure]
    )

    response = client.get(page.url)

    assert [s.title for s in response.context["structures"]] == [
        "CCAS de Clamecy",
        "CPTS du Morvan",
    ]
    assert response.content.decode().count(">CCAS de Clamecy</a>") == 1


def kit(document=None, accessible=None, image=None):
    items = []
    if document is not None:
        items.append(
            KitItem(
                kind=KitItemKind.DOCUMENT,
                title="Affiche A3",
                description="À afficher en salle d'attente.",
                document=document,
                accessible_document=accessible,
                usage_note="Libre de droits pour les partenaires, sans modification.",
            )
        )
    items.append(
        KitItem(
            kind=KitItemKind.DOCUMENT,
            title="Communiqué de presse",
            document=DocumentFactory(
                file__filename="communique.docx", file__data=b"PK\x03\x04" + b"x" * 3000
            ),
        )
    )
    if image is not None:
        items.append(
            KitItem(kind=KitItemKind.IMAGE, title="Visuel carré", image=image, image_alt="Logo")
        )
    items.append(
        KitItem(
            kind=KitItemKind.TEXT,
            title="Publication Facebook",
            text="En novembre, on arrête ensemble ! <b>gras</b>",
            language="fr",
        )
    )
    return items


def test_kit_is_grouped_by_kind_with_format_weight_language_and_accessibility(client, index):
    poster = DocumentFactory(
        title="Affiche", file__filename="affiche.pdf", file__data=b"%PDF-1.4 " + b"x" * 1_300_000
    )
    accessible = DocumentFactory(file__filename="affiche-accessible.pdf")
    page = CampaignPageFactory(
        parent=index,
        contact_email="communication@exemple.invalid",
        kit_items=kit(poster, accessible, ImageFactory(file__width=800, file__height=600)),
    )

    response = client.get(page.url)

    groups = response.context["kit_groups"]
    assert [group.kind for group in groups] == ["document", "image", "text"]
    html = response.content.decode()
    assert "PDF, 1,2\xa0Mo" in html
    assert "Libre de droits pour les partenaires" in html
    assert "Télécharger la version accessible" in html
    # A Word document without an accessible version: ask for it.
    assert "Version accessible sur demande" in html
    assert "mailto:communication@exemple.invalid" in html
    # The text can be selected without script; the copy button is the script's.
    assert "readonly" in html
    assert "&lt;b&gt;gras&lt;/b&gt;" in html
    assert "js/kit-copy" in html
    assert "Copier le texte" not in html
    assert "Télécharger tout le kit" in html
    assert 'alt="Logo"' in html
    assert "Communiqué de presse" in html
    assert "2,9\xa0Ko" in html
    assert "1080 × 1080 px" not in html  # the original is 800 × 600: never enlarged
    assert "600 × 600 px" in html


def test_campaign_page_shows_its_hero_image_with_its_alt_text(client, index):
    page = CampaignPageFactory(
        parent=index, hero_image=ImageFactory(), hero_image_alt="Une main qui écrase une cigarette"
    )

    html = client.get(page.url).content.decode()

    assert 'alt="Une main qui écrase une cigarette"' in html


def test_campaign_without_kit_has_no_kit_section(client, index):
    page = CampaignPageFactory(parent=index)

    response = client.get(page.url)

    assert response.status_code == 200
    assert "Kit de communication" not in response.content.decode()


def test_preview_of_a_draft_shows_its_kit_without_download_links(client, index, make_user):
    page = CampaignPageFactory(parent=index, kit_items=kit(), live=False)
    client.force_login(make_user("com", "Communication"))

    response = client.get(f"/admin/pages/{page.pk}/view_draft/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Publication Facebook" in html
    assert "/kit/" not in html


# The home page --------------------------------------------------------------------------------


def test_home_page_shows_at_most_three_current_campaigns(client, index):
    for number in range(4):
        CampaignPageFactory(
            parent=index,
            title=f"En cours {number}",
            start_date=days(-10),
            end_date=days(number + 1),
            hero_image=ImageFactory(),
            hero_image_alt="Affiche",
        )
    CampaignPageFactory(parent=index, title="À venir", start_date=days(5), end_date=days(9))
    CampaignPageFactory(parent=index, title="Passée", start_date=days(-9), end_date=days(-5))

    response = client.get("/")

    html = response.content.decode()
    assert "Campagnes en cours" in html
    assert [page.title for page in response.context["current_campaigns"]] == [
        "En cours 0",
        "En cours 1",
        "En cours 2",
    ]
    assert "À venir" not in html and "Passée" not in html


def test_home_page_without_current_campaign_has_no_campaign_section(client, index):
    CampaignPageFactory(parent=index, title="Passée", start_date=days(-9), end_date=days(-5))

    assert "Campagnes en cours" not in client.get("/").content.decode()
