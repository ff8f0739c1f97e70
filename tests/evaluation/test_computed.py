"""Indicators computed from the site itself: real rows for every metric, year boundaries in Paris
time (1 January 00:30 in Paris is still 31 December in UTC), and a constant number of queries."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.models import PageLogEntry, PageViewRestriction

from evaluation.computed import (
    METRICS,
    audience_by_month,
    audience_by_section,
    figures_by_year,
)
from evaluation.models import Attendance, PageViewCount
from events.models import KitDownload, Occurrence, OccurrenceStatus
from partners.models import RelayRequest, RelayStatus, StructurePage, WallCardStatus
from tests.events.factories import (
    AgendaPageFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventPageFactory,
    paris,
)
from tests.partners.factories import StructurePageFactory
from tests.partners.wall import WallCardFactory

# The last minutes of 2025 and the first of 2026, in Paris time.
END_2025 = paris(2025, 12, 31, 23, 30)
START_2026 = paris(2026, 1, 1, 0, 30)  # 2025-12-31 23:30 UTC: still 2025 in UTC


def occurrence(event, start, status=OccurrenceStatus.SCHEDULED):
    return Occurrence.objects.create(
        event=event, start=start, end=start + datetime.timedelta(hours=1), status=status
    )


def log_publish(page, at, action="wagtail.publish"):
    PageLogEntry.objects.create(
        page=page,
        content_type=ContentType.objects.get_for_model(page.specific_class),
        label=page.title,
        action=action,
        timestamp=at,
    )


def build_activity(home_page, directory):
    structures = {
        "old": StructurePageFactory(parent=directory, title="Maison de santé"),
        "new": StructurePageFactory(parent=directory, title="Centre social"),
        "draft": StructurePageFactory(parent=directory, title="Brouillon", live=False),
        "private": StructurePageFactory(parent=directory, title="Fiche privée"),
    }
    StructurePage.objects.filter(pk=structures["old"].pk).update(
        first_published_at=paris(2025, 6, 1)
    )
    StructurePage.objects.filter(pk=structures["new"].pk).update(first_published_at=START_2026)
    StructurePage.objects.filter(pk=structures["private"].pk).update(
        first_published_at=paris(2025, 2, 1)
    )
    PageViewRestriction.objects.create(
        page=structures["private"], restriction_type=PageViewRestriction.LOGIN
    )

    # Publications: only ours, at chosen dates.
    PageLogEntry.objects.all().delete()
    log_publish(structures["old"], paris(2025, 6, 1))
    log_publish(structures["old"], END_2025)  # the same structure twice in 2025: once
    log_publish(structures["old"], paris(2025, 7, 1), action="wagtail.edit")  # not a publication
    log_publish(structures["new"], START_2026)
    log_publish(home_page, paris(2025, 3, 1))  # not a structure

    # Events and their dates; each event also has its factory date next week (future).
    agenda = AgendaPageFactory(parent=home_page)
    forum = EventPageFactory(parent=agenda, title="Forum santé")
    walk = EventPageFactory(parent=structures["old"], title="Marche bleue")
    draft = EventPageFactory(parent=agenda, title="Atelier en brouillon", live=False)
    occurrence(forum, paris(2025, 3, 10, 14))
    occurrence(forum, END_2025)
    occurrence(forum, START_2026)
    occurrence(forum, paris(2025, 4, 10, 14), OccurrenceStatus.CANCELLED)
    occurrence(forum, paris(2025, 4, 17, 14), OccurrenceStatus.POSTPONED)
    occurrence(walk, paris(2025, 5, 5, 10), OccurrenceStatus.FULL)
    occurrence(draft, paris(2025, 5, 6, 10))

    Attendance.objects.create(event=forum, occurrence_start=END_2025, participants=12)
    Attendance.objects.create(event=forum, occurrence_start=START_2026, participants=5)
    Attendance.objects.create(event=walk, occurrence_start=paris(2025, 5, 5, 10), participants=8)

    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home_page))
    for month, variant, count in (
        (datetime.date(2025, 12, 1), "original", 7),
        (datetime.date(2025, 1, 1), "instagram", 2),
        (datetime.date(2026, 1, 1), "original", 3),
    ):
        KitDownload.objects.create(
            campaign=campaign,
            item_key="1",
            item_title="Affiche",
            variant=variant,
            month=month,
            count=count,
        )

    for status, at in (
        (RelayStatus.RELAYED, paris(2025, 2, 2)),
        (RelayStatus.DECLINED, END_2025),
        (RelayStatus.NEW, paris(2025, 3, 3)),  # not handled
        (RelayStatus.RELAYED, START_2026),
    ):
        relay = RelayRequest.objects.create(subject="Relais", message="À diffuser", status=status)
        RelayRequest.objects.filter(pk=relay.pk).update(created_at=at)

    for status, at in (
        (WallCardStatus.PUBLISHED, paris(2025, 6, 1)),
        (WallCardStatus.WITHDRAWN, END_2025),  # withdrawn later by its author: it was posted
        (WallCardStatus.REJECTED, paris(2025, 6, 2)),  # taken down by moderation
        (WallCardStatus.PENDING, None),
        (WallCardStatus.PUBLISHED, START_2026),
    ):
        WallCardFactory(status=status, published_at=at)

    query = Query.get("dépistage")
    query.add_hit(date=datetime.date(2025, 12, 31))
    query.add_hit(date=datetime.date(2025, 12, 31))
    Query.get("vaccination").add_hit(date=datetime.date(2026, 1, 1))

    for day, section, audience, views in (
        (datetime.date(2025, 12, 31), "accueil", "pro", 4),
        (datetime.date(2025, 12, 31), "agenda", "public", 10),
        (datetime.date(2025, 3, 1), "annuaire", "public", 6),
        (datetime.date(2026, 1, 1), "accueil", "public", 1),
    ):
        PageViewCount.objects.create(day=day, section=section, audience=audience, views=views)


@pytest.fixture
def activity(home_page, directory):
    build_activity(home_page, directory)


EXPECTED = {
    2025: {
        "structures_published": 1,
        "structures_updated": 1,
        "events_held": 2,
        "occurrences_held": 3,
        "participants": 20,
        "kit_downloads": 9,
        "relay_requests": 2,
        "wall_posts": 2,
        "searches": 2,
        "views_professionals": 4,
        "views_habitants": 16,
    },
    2026: {
        "structures_published": 2,
        "structures_updated": 1,
        "events_held": 1,
        "occurrences_held": 1,
        "participants": 5,
        "kit_downloads": 3,
        "relay_requests": 1,
        "wall_posts": 1,
        "searches": 1,
        "views_professionals": 0,
        "views_habitants": 1,
    },
    2024: dict.fromkeys(METRICS, 0),
}


def test_every_metric_counts_its_rows_by_paris_year(activity):
    figures = figures_by_year([2026, 2024, 2025])

    assert list(figures) == [2024, 2025, 2026]
    for year, expected in EXPECTED.items():
        assert figures[year] == expected, year
        assert list(figures[year]) == list(METRICS)


def test_relay_requests_agree_with_the_partners_own_yearly_counts(activity):
    figures = figures_by_year([2025, 2026])
    for year in (2025, 2026):
        counts = RelayRequest.objects.counts_for_year(year)
        assert figures[year]["relay_requests"] == counts["relayed"] + counts["declined"]


def test_query_count_does_not_grow_with_the_number_of_years(activity):
    with CaptureQueriesContext(connection) as one_year:
        figures_by_year([2025])
    with CaptureQueriesContext(connection) as ten_years:
        figures = figures_by_year(range(2020, 2030))

    assert len(ten_years) == len(one_year) <= len(METRICS) + 1
    assert figures[2025] == EXPECTED[2025]


def test_no_year_asks_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert figures_by_year([]) == {}


def test_audience_by_section_lists_every_section_in_order(activity):
    rows = audience_by_section(2025)

    assert rows[0] == ("Accueil", 4, 0)
    assert rows[1] == ("Annuaire des structures", 0, 6)
    assert rows[2] == ("Agenda", 0, 10)
    assert rows[-1] == ("Autres pages", 0, 0)
    assert len(rows) == 10
    assert audience_by_section(2026)[0] == ("Accueil", 0, 1)


def test_audience_by_month_gives_twelve_months(activity):
    rows = audience_by_month(2025)

    assert len(rows) == 12
    assert rows[0] == ("janvier", 0, 0)
    assert rows[2] == ("mars", 0, 6)
    assert rows[11] == ("décembre", 4, 10)
    assert audience_by_month(2026)[0] == ("janvier", 0, 1)


def test_a_search_on_the_first_page_is_counted_once(client, home_page):
    client.get("/recherche/", {"q": "Dépistage"})
    client.get("/recherche/", {"q": "dépistage", "page": "2"})
    client.get("/recherche/", {"q": "   "})

    hits = QueryDailyHits.objects.all()
    assert [(hit.query.query_string, hit.hits) for hit in hits] == [("dépistage", 1)]
