"""The demo agenda through its feeds: every event page answers, and the whole feed is the table."""

import xml.etree.ElementTree as ET

import pytest

from events.models import EventPage
from events.views.feeds import RSS_ITEMS
from tests.events.test_ical_roundtrip import feed_instances, parse, table_instances, window
from tests.html import PageStructure

# The demo is loaded once for the module (and rolled back after it); each test runs inside.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_territory")]


def test_the_demo_agenda_feed_gives_the_occurrence_table_over_a_year(client):
    calendar = parse(client.get("/agenda/ics/"))

    found = feed_instances(calendar, *window())

    assert len(found) > 100
    assert found == table_instances(*window())


def test_every_demo_event_page_and_its_ics_answer(client):
    events = list(EventPage.objects.live().public())
    assert len(events) > 50

    for event in events:
        html = client.get(event.url).content.decode()
        structure = PageStructure()
        structure.feed(html)
        assert structure.headings.count(1) == 1, event.url
        assert not structure.inline_styles, event.url
        assert not structure.images_without_alt, event.url
        response = client.get(event.url + "ics/")
        assert response.status_code == 200, event.url
        own = feed_instances(parse(response), *window())
        assert own == table_instances(*window(), [event]), event.url


def test_the_demo_rss_feed_is_well_formed(client):
    response = client.get("/agenda/rss/")

    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own response)
    items = channel.findall("item")
    assert 0 < len(items) <= RSS_ITEMS
    assert all(item.findtext("title") and item.findtext("link") for item in items)
