"""The recurrence widget in the page editor: in French, with its files, and what it writes works.

Checked in a browser (Chromium, Europe/Paris, screenshots in the delivery notes): a partner
adds a weekly event with an end date and an excluded date; the widget writes the string below,
which these tests post as the editor does.
"""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from events.admin_forms import AdminRecurrenceWidget
from events.models import EventPage

from .editor import PUBLISH, add_url, event_form
from .factories import paris

pytestmark = pytest.mark.django_db

# Every Tuesday until 27 April 2027, except Tuesday 30 March 2027 (after the spring change).
WIDGET_WEEKLY = "RRULE:FREQ=WEEKLY;UNTIL=20270426T220000Z;BYDAY=TU\nEXDATE:20270329T220000Z"


@pytest.fixture
def communication(make_user):
    return make_user("chargee-communication", "Communication")


def test_the_catalogue_gives_the_widget_french_labels(client):
    # Served without login: the admin's login screen loads it too.
    response = client.get(reverse("recurrence_jsi18n"))

    assert response.status_code == 200
    body = response.content.decode()
    assert '"Add rule": "Ajouter une r\\u00e8gle"' in body
    assert '"weekly": "hebdomadaire"' in body
    assert '"Monday": "lundi"' in body


def test_the_event_editor_loads_the_catalogue_before_the_widget(client, partner, structure):
    client.force_login(partner)

    editor = client.get(add_url(structure)).content.decode()

    catalogue = editor.index(reverse("recurrence_jsi18n"))
    widget = editor.index("recurrence/js/recurrence-widget.js")
    assert catalogue < widget
    assert 'class="recurrence-widget"' in editor
    assert "admin/js/jquery.init.js" not in editor  # Django admin's files: not on this site
    assert "events/admin/occurrence-preview.js" in editor
    assert reverse("events_occurrence_preview") in editor


def test_every_file_the_widget_asks_for_is_a_static_file():
    media = AdminRecurrenceWidget().media

    for path in [*media._js, *media._css["all"]]:
        assert finders.find(path), path


def test_the_widgets_weekly_rule_with_an_excluded_date_publishes_the_right_dates(
    client, communication, agenda
):
    client.force_login(communication)
    form = event_form(start="2027-03-02 18:30", end="2027-03-02 20:00", recurrence=WIDGET_WEEKLY)

    response = client.post(add_url(agenda), form | PUBLISH)

    assert response.status_code == 302
    event = EventPage.objects.get(slug="marche-sante")
    assert str(event.recurrence) == WIDGET_WEEKLY  # stored as the widget wrote it
    starts = [
        timezone.localtime(start) for start in event.occurrences.values_list("start", flat=True)
    ]
    assert [start.date() for start in starts] == [
        datetime.date(2027, 3, 2),
        datetime.date(2027, 3, 9),
        datetime.date(2027, 3, 16),
        datetime.date(2027, 3, 23),
        datetime.date(2027, 4, 6),
        datetime.date(2027, 4, 13),
        datetime.date(2027, 4, 20),
        datetime.date(2027, 4, 27),
    ]
    assert {(start.hour, start.minute) for start in starts} == {(18, 30)}
    assert starts[-1] == paris(2027, 4, 27, 18, 30)
