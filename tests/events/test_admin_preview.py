"""The preview of an event's next dates in the page editor (events/views/admin.py).

The editor's script posts the form's start, end, "all day" and recurrence; the answer lists the
next dates in French, or says what is wrong, to whoever may edit that event or add one there.
"""

from unittest import mock

import pytest
from django.urls import reverse

from .factories import EventPageFactory, paris

pytestmark = pytest.mark.django_db

URL = "/admin/agenda/apercu-des-dates/"
WIDGET_WEEKLY = "RRULE:FREQ=WEEKLY;UNTIL=20270426T220000Z;BYDAY=TU\nEXDATE:20270329T220000Z"
NOW = paris(2027, 2, 15, 9)


@pytest.fixture(autouse=True)
def frozen_now():
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        yield


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinatrice", "Coordination")


def preview(client, **data):
    fields = {"start": "2027-03-02 18:30", "end": "2027-03-02 20:00", "recurrence": ""}
    return client.post(URL, fields | data)


def test_the_url_is_the_one_the_editor_script_is_given():
    assert reverse("events_occurrence_preview") == URL


def test_a_partner_previews_a_new_weekly_event_in_french(client, partner, structure):
    client.force_login(partner)

    response = preview(client, parent=structure.pk, recurrence=WIDGET_WEEKLY)

    assert response.status_code == 200
    data = response.json()
    labels = [date["label"] for date in data["dates"]]
    assert labels[0] == "mardi 2 mars 2027, 18:30 – 20:00"
    assert "mardi 30 mars 2027, 18:30 – 20:00" not in labels  # the excluded date
    assert labels[4] == "mardi 6 avril 2027, 18:30 – 20:00"  # 18:30 after the DST change
    assert labels[-1] == "mardi 27 avril 2027, 18:30 – 20:00"  # the until date included
    assert data["total"] == 8
    assert data["summary"] == "8 dates à venir."
    assert data["dates"][4]["start"] == "2027-04-06T18:30:00+02:00"


def test_the_per_date_changes_being_typed_show_in_the_preview(client, partner, structure):
    client.force_login(partner)
    changes = {
        "occurrence_changes-TOTAL_FORMS": "4",
        "occurrence_changes-INITIAL_FORMS": "0",
        "occurrence_changes-0-date": "2027-03-09",
        "occurrence_changes-0-change": "cancelled",
        "occurrence_changes-0-reason": "Jour férié",
        "occurrence_changes-1-date": "2027-03-16",
        "occurrence_changes-1-change": "moved",
        "occurrence_changes-1-new_start": "2027-03-18 10:00",
        "occurrence_changes-1-reason": "Salle prise",
        # Deleted in the editor, and one not readable yet: both left out.
        "occurrence_changes-2-date": "2027-03-23",
        "occurrence_changes-2-change": "cancelled",
        "occurrence_changes-2-DELETE": "1",
        "occurrence_changes-3-date": "bientôt",
        "occurrence_changes-3-change": "full",
    }

    data = preview(client, parent=structure.pk, recurrence=WIDGET_WEEKLY, **changes).json()

    rows = [(date["label"], date["status"], date["reason"]) for date in data["dates"][:4]]
    assert rows == [
        ("mardi 2 mars 2027, 18:30 – 20:00", "", ""),
        ("mardi 9 mars 2027, 18:30 – 20:00", "Annulée", "Jour férié"),
        ("jeudi 18 mars 2027, 10:00 – 11:30", "Déplacée", "Salle prise"),
        ("mardi 23 mars 2027, 18:30 – 20:00", "", ""),
    ]


def test_a_broken_change_panel_is_ignored(client, partner, structure):
    client.force_login(partner)

    data = preview(
        client,
        parent=structure.pk,
        recurrence=WIDGET_WEEKLY,
        **{"occurrence_changes-TOTAL_FORMS": "abc", "occurrence_changes-0-date": "2027-03-09"},
    ).json()

    assert data["total"] == 8
    assert {date["status"] for date in data["dates"]} == {""}


def test_an_endless_rule_lists_the_next_ten_and_counts_up_to_the_horizon(
    client, coordinator, agenda
):
    client.force_login(coordinator)

    data = preview(client, parent=agenda.pk, recurrence="RRULE:FREQ=WEEKLY").json()

    assert len(data["dates"]) == 10
    assert data["total"] > 70
    assert "voici les 10 prochaines" in data["summary"]


def test_dates_already_over_are_not_listed(client, coordinator, agenda):
    client.force_login(coordinator)

    data = preview(
        client,
        parent=agenda.pk,
        start="2027-02-01 10:00",
        end="2027-02-01 11:00",
        recurrence="RRULE:FREQ=WEEKLY;COUNT=4",
    ).json()

    assert [date["label"] for date in data["dates"]] == [
        "lundi 15 février 2027, 10:00 – 11:00",
        "lundi 22 février 2027, 10:00 – 11:00",
    ]


def test_an_all_day_event_over_several_days_reads_as_a_period(client, coordinator, agenda):
    client.force_login(coordinator)

    data = preview(
        client,
        parent=agenda.pk,
        start="2027-06-10 00:00",
        end="2027-06-12 00:00",
        all_day="on",
    ).json()

    assert [date["label"] for date in data["dates"]] == [
        "du jeudi 10 juin 2027 au samedi 12 juin 2027, toute la journée"
    ]


def test_the_coordinator_previews_an_existing_event(client, coordinator, agenda):
    event = EventPageFactory(parent=agenda)
    client.force_login(coordinator)

    response = preview(client, page=event.pk, recurrence="RRULE:FREQ=MONTHLY;COUNT=2")

    assert response.status_code == 200
    assert [date["label"] for date in response.json()["dates"]] == [
        "mardi 2 mars 2027, 18:30 – 20:00",
        "vendredi 2 avril 2027, 18:30 – 20:00",
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"recurrence": "RRULE:FREQ=SOMETIMES"}, "La répétition est illisible"),
        ({"recurrence": "RRULE:FREQ=WEEKLY;BYMONTHDAY=40"}, "La répétition est illisible"),
        ({"end": "2027-03-01 10:00"}, "La fin ne peut précéder le début."),
        ({"start": "20266-03-02 18:30"}, "Le début n'est pas une date lisible"),
        ({"start": "2266-03-02 18:30", "end": ""}, "Indiquez une date entre 2000 et 2100."),
        ({"start": ""}, "Indiquez le début"),
        ({"end": "2027-05-02 20:00"}, "Une date dure 31 jours au plus."),
    ],
    ids=[
        "broken rule",
        "day 40",
        "end before start",
        "year 20266",
        "year 2266",
        "no start",
        "long",
    ],
)
def test_bad_input_gets_a_french_message_not_a_server_error(
    client, partner, structure, data, message
):
    client.force_login(partner)

    response = preview(client, parent=structure.pk, **data)

    assert response.status_code == 400
    assert message in response.json()["error"]
    assert response.json()["dates"] == []


def test_a_too_dense_rule_gets_the_limit_message(client, partner, structure, settings):
    settings.AGENDA_MAX_OCCURRENCES = 100
    client.force_login(partner)

    response = preview(client, parent=structure.pk, recurrence="RRULE:FREQ=DAILY;INTERVAL=1")

    assert response.status_code == 400
    assert "plus de 100 dates" in response.json()["error"]


def test_a_partner_gets_nothing_for_another_structure_or_the_agenda(
    client, partner, other_structure, agenda
):
    theirs = EventPageFactory(parent=other_structure)
    client.force_login(partner)

    for target in ({"parent": other_structure.pk}, {"parent": agenda.pk}, {"page": theirs.pk}):
        response = preview(client, **target)
        assert response.status_code == 403, target
        assert response.json() == {
            "error": "Vous n'avez pas le droit de modifier cet événement.",
            "dates": [],
        }


@pytest.mark.parametrize(
    "target", [{}, {"page": "abc"}, {"parent": "999999"}, {"page": "1"}, {"parent": "1"}]
)
def test_unknown_or_unsuitable_targets_are_refused(client, coordinator, home_page, target):
    # Page 1 is the tree's root: no event lives there, and none is edited as one.
    client.force_login(coordinator)

    assert preview(client, **target).status_code == 403


def test_visitors_and_get_requests_are_turned_away(client, partner, structure):
    assert preview(client, parent=structure.pk).status_code == 302  # to the login screen

    client.force_login(partner)
    assert client.get(URL, {"parent": structure.pk}).status_code == 405
