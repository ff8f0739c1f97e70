"""Organisers enter how many people came to each past date of their events, over real HTTP."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from evaluation.models import Attendance
from events.models import Occurrence, OccurrenceStatus
from tests.events.factories import AgendaPageFactory, EventPageFactory, paris

URL = "/admin/evaluation/participation/"
MARCH = {"mois": "2026-03"}


def occurrence(event, start, status=OccurrenceStatus.SCHEDULED):
    return Occurrence.objects.create(
        event=event, start=start, end=start + datetime.timedelta(hours=2), status=status
    )


@pytest.fixture
def events(structure, other_structure, home_page):
    """An event of the partner's structure, one of the other structure, one of the agenda."""
    ours = EventPageFactory(parent=structure, title="Atelier nutrition")
    theirs = EventPageFactory(parent=other_structure, title="Café des aidants")
    agenda = EventPageFactory(parent=AgendaPageFactory(parent=home_page), title="Forum santé")
    return {
        "ours": ours,
        "ours_march": occurrence(ours, paris(2026, 3, 12, 14)),
        "ours_cancelled": occurrence(ours, paris(2026, 3, 19, 14), OccurrenceStatus.CANCELLED),
        "ours_future": ours.occurrences.get(start__gt=timezone.now()),
        "theirs": theirs,
        "theirs_march": occurrence(theirs, paris(2026, 3, 13, 10)),
        "agenda_march": occurrence(agenda, paris(2026, 3, 14, 10)),
    }


def post_rows(client, rows, month="2026-03"):
    data = {
        "seances-TOTAL_FORMS": str(len(rows)),
        "seances-INITIAL_FORMS": str(len(rows)),
        "seances-MIN_NUM_FORMS": "0",
        "seances-MAX_NUM_FORMS": "500",
    }
    for index, (occurrence_id, participants, comment) in enumerate(rows):
        data[f"seances-{index}-occurrence"] = str(occurrence_id)
        data[f"seances-{index}-participants"] = str(participants)
        data[f"seances-{index}-comment"] = comment
    return client.post(f"{URL}?mois={month}", data)


def test_partner_sees_only_its_own_events_past_dates(client, partner, events):
    client.force_login(partner)
    response = client.get(URL, MARCH)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Atelier nutrition" in html
    assert "jeudi 12 mars 2026, 14h00" in html
    assert "Café des aidants" not in html
    assert "Forum santé" not in html
    assert "jeudi 19 mars 2026" not in html  # cancelled: nothing to count
    occurrence_ids = [row["occurrence"].pk for row in response.context["rows"]]
    assert occurrence_ids == [events["ours_march"].pk]


def test_partner_enters_participants_for_its_event(client, partner, events):
    client.force_login(partner)
    response = post_rows(client, [(events["ours_march"].pk, 23, "Beaucoup de familles")])

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?mois=2026-03"
    attendance = Attendance.objects.get()
    assert attendance.event_id == events["ours"].pk
    assert attendance.occurrence_start == paris(2026, 3, 12, 14)
    assert (attendance.participants, attendance.comment) == (23, "Beaucoup de familles")
    assert attendance.entered_by == partner

    # Entered again: replaced, not duplicated; erased: deleted.
    post_rows(client, [(events["ours_march"].pk, 25, "")])
    assert Attendance.objects.get().participants == 25
    post_rows(client, [(events["ours_march"].pk, "", "")])
    assert not Attendance.objects.exists()


def test_partner_cannot_enter_another_structures_event(client, partner, events):
    client.force_login(partner)
    response = post_rows(
        client,
        [(events["ours_march"].pk, 12, ""), (events["theirs_march"].pk, 40, "")],
    )

    assert response.status_code == 200
    assert "vous ne pouvez pas saisir sa participation" in response.content.decode()
    assert not Attendance.objects.exists()  # not even the partner's own, valid row


def test_other_partner_never_sees_the_partners_event(client, other_partner, events):
    client.force_login(other_partner)
    html = client.get(URL, MARCH).content.decode()

    assert "Café des aidants" in html
    assert "Atelier nutrition" not in html


@pytest.mark.parametrize(
    ("participants", "message"),
    [
        ("-3", "ne peut pas être négatif"),
        ("douze", "nombre entier"),
        ("12.5", "nombre entier"),
        ("100001", "au plus"),
    ],
)
def test_bad_numbers_are_refused_with_a_form_error(client, partner, events, participants, message):
    client.force_login(partner)
    response = post_rows(client, [(events["ours_march"].pk, participants, "")])

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_future_date_is_refused(client, partner, events):
    client.force_login(partner)
    response = post_rows(client, [(events["ours_future"].pk, 10, "")])

    assert response.status_code == 200
    assert "pas encore eu lieu" in response.content.decode()
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("occurrence_id", ["999999", "abc", ""])
def test_an_unknown_date_is_refused(client, partner, events, occurrence_id):
    client.force_login(partner)
    response = post_rows(client, [(occurrence_id, 10, "")])

    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_a_tampered_management_form_is_no_server_error(client, partner, events):
    client.force_login(partner)
    response = client.post(f"{URL}?mois=2026-03", {"seances-TOTAL_FORMS": "x"})

    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_coordination_enters_every_event(client, events, coordinator):
    client.force_login(coordinator)
    response = client.get(URL, MARCH)
    titles = [row["occurrence"].event.title for row in response.context["rows"]]
    assert titles == ["Atelier nutrition", "Café des aidants", "Forum santé"]

    response = post_rows(client, [(events["agenda_march"].pk, 80, "")])
    assert response.status_code == 302
    assert Attendance.objects.get().participants == 80


def test_someone_without_events_is_refused(client, events, make_user):
    client.force_login(make_user("redactrice", "Partenaires"))

    # Wagtail's admin answers a refusal by sending back to the dashboard with a message.
    for response in (
        client.get(URL, MARCH),
        post_rows(client, [(events["ours_march"].pk, 5, "")]),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("month", ["2026-13", "mars", "1999-01", "2026-3-1"])
def test_a_junk_month_shows_the_current_month(client, partner, events, month):
    client.force_login(partner)
    response = client.get(URL, {"mois": month})

    today = timezone.localdate()
    assert response.status_code == 200
    assert response.context["month_value"] == f"{today.year:04d}-{today.month:02d}"


def test_query_count_does_not_grow_with_the_dates_listed(client, partner, events):
    client.force_login(partner)
    client.get(URL, MARCH)
    with CaptureQueriesContext(connection) as one_date:
        client.get(URL, MARCH)

    for day in range(1, 10):
        start = paris(2026, 3, day, 9)
        occurrence(events["ours"], start)
        Attendance.objects.create(event=events["ours"], occurrence_start=start, participants=day)
    with CaptureQueriesContext(connection) as ten_dates:
        response = client.get(URL, MARCH)

    assert len(response.context["rows"]) == 10
    assert len(ten_dates) == len(one_date)


def test_the_partners_admin_menu_leads_to_the_screen(client, partner, events):
    client.force_login(partner)
    html = client.get("/admin/").content.decode()

    assert URL in html
