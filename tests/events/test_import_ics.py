"""manage.py import_ics: a partner's calendar comes in as drafts, once, with its recurrences."""

import datetime
import http.server
import io
import threading
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import WorkflowState

from events.models import EventPage, EventStatus, Occurrence, OccurrenceChange, OccurrenceStatus
from events.occurrences import regenerate
from partners.models import StructurePage
from tests.partners.factories import CommuneFactory, ThemeFactory

from .factories import EventPageFactory, paris

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
GOOGLE = DATA / "google.ics"
OPENAGENDA = DATA / "openagenda.ics"
MARCHE = "3f9c2a7e1b@google.com"
PERMANENCE = "7d41be09c2@google.com"
GROUPE = "a19e5d3310@google.com"
# The entries of google.ics that become events (the others are skipped, each for a reason).
GOOGLE_IMPORTED = 7


@pytest.fixture
def clamecy(db):
    return CommuneFactory(name="Clamecy", postal_code="58500", insee_code="58079")


@pytest.fixture
def importing_structure(structure, clamecy):
    """The CCAS, located in Clamecy (its commune places the events that give no place)."""
    StructurePage.objects.filter(pk=structure.pk).update(commune=clamecy)
    structure.refresh_from_db()
    return structure


def import_ics(source, *args, structure="ccas-clamecy", stderr=None):
    stdout = io.StringIO()
    call_command(
        "import_ics",
        str(source),
        "--structure",
        structure,
        *args,
        stdout=stdout,
        stderr=stderr or io.StringIO(),
    )
    return stdout.getvalue()


def calendar_file(tmp_path, *events, header=()):
    """An .ics file of VEVENTs, each given as its lines without BEGIN/END."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//FR", *header]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    path = tmp_path / "agenda.ics"
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def imported(uid, structure):
    return EventPage.objects.child_of(structure).get(ical_uid=uid)


def local(value):
    return timezone.localtime(value)


# Drafts, not the agenda -----------------------------------------------------------------------


def test_import_creates_drafts_under_the_structure_that_the_agenda_does_not_show(
    importing_structure,
):
    output = import_ics(GOOGLE)

    pages = EventPage.objects.child_of(importing_structure)
    assert pages.count() == GOOGLE_IMPORTED
    assert f"{GOOGLE_IMPORTED} créé(s)" in output
    for page in pages:
        assert not page.live
        assert page.ical_uid
        assert page.organiser_id == importing_structure.pk
        assert page.get_latest_revision() is not None
    assert not Occurrence.objects.filter(event__in=pages).exists()
    assert not Occurrence.objects.visible().exists()
    assert not WorkflowState.objects.exists()
    assert "restent en brouillon" in output


def test_a_weekly_series_keeps_its_rule_excluded_dates_and_per_date_changes(importing_structure):
    import_ics(GOOGLE)

    page = imported(MARCHE, importing_structure).get_latest_revision_as_object()
    assert page.title == "Marche santé du mardi soir"
    assert page.start == paris(2027, 3, 2, 18, 30)
    assert page.end == paris(2027, 3, 2, 20, 0)
    assert not page.all_day
    (rule,) = page.recurrence.rrules
    assert rule.byday == [1]
    assert local(rule.until).date() == datetime.date(2027, 11, 30)
    assert {local(value).date() for value in page.recurrence.exdates} == {
        datetime.date(2027, 4, 6),
        datetime.date(2027, 11, 2),
    }
    changes = {change.date: change for change in page.occurrence_changes.all()}
    assert changes[datetime.date(2027, 5, 11)].change == OccurrenceChange.Change.CANCELLED
    moved = changes[datetime.date(2027, 6, 15)]
    assert moved.change == OccurrenceChange.Change.MOVED
    assert moved.new_start == paris(2027, 6, 16, 18, 30)
    assert moved.new_end == paris(2027, 6, 16, 20, 0)


def test_place_text_and_links_are_read_from_each_entry(importing_structure, clamecy):
    import_ics(GOOGLE)

    marche = imported(MARCHE, importing_structure)
    assert marche.venue == "Parc du château"
    assert marche.postal_code == "58500"
    assert marche.commune == clamecy
    assert (str(marche.latitude), str(marche.longitude)) == ("47.457100", "3.520300")
    # Google's HTML is reduced to text, then escaped into paragraphs.
    assert "<b>" not in marche.description and "&nbsp;" not in marche.description
    assert marche.description.startswith("<p>Marche santé d&#x27;une heure trente")
    assert marche.summary.startswith("Marche santé d'une heure trente, à allure modérée")
    assert len(marche.summary) <= 280

    permanence = imported(PERMANENCE, importing_structure)
    assert permanence.venue == "Maison France services"
    assert permanence.street_address == "2 place Émile Zola"

    forum = imported("c5e2f0a871@google.com", importing_structure)
    assert forum.all_day
    assert forum.start == paris(2027, 10, 8)
    assert local(forum.end).date() == datetime.date(2027, 10, 9)  # DTEND is exclusive

    webinar = imported("e6a1c9d5f4@google.com", importing_structure)
    assert webinar.online_url == "https://meet.google.com/abc-defg-hij"
    assert webinar.summary == "Une tabacologue répond à vos questions en direct."

    cancelled = imported("0b8d6c44e2@google.com", importing_structure)
    assert cancelled.status == EventStatus.CANCELLED


def test_an_openagenda_export_in_utc_with_folded_accented_lines(importing_structure, clamecy):
    nutrition = ThemeFactory(name="Nutrition")
    output = import_ics(OPENAGENDA)

    atelier = imported("oa-48213907@openagenda.com", importing_structure)
    assert atelier.title == (
        "Atelier « Bien manger à petit prix » : équilibre alimentaire et budget au quotidien"
    )
    assert atelier.start == paris(2027, 3, 15, 14, 0)  # 13:00 UTC
    assert (atelier.venue, atelier.street_address) == (
        "Centre social Les Tilleuls",
        "3 rue des Tanneurs",
    )
    assert atelier.registration_url.startswith("https://openagenda.com/ccas-clamecy/events/")
    assert not atelier.registration_required
    assert atelier.online_url == ""
    assert list(atelier.themes.all()) == [nutrition]
    assert atelier.description.count("<p>") == 2

    # A line folded inside "é" by the exporter reads back whole.
    depistage = imported("oa-48213911@openagenda.com", importing_structure)
    assert depistage.summary.endswith("Résultat immédiat.")
    assert (depistage.venue, depistage.commune) == ("Place du marché", clamecy)

    weekend = imported("oa-48213925@openagenda.com", importing_structure)
    assert weekend.all_day
    assert local(weekend.end).date() == datetime.date(2027, 6, 6)
    assert "3 créé(s)" in output and "2 ignoré(s)" in output


def test_an_entry_without_place_is_placed_in_the_structures_commune_and_said_so(
    importing_structure, clamecy
):
    output = import_ics(GOOGLE)

    page = imported("9a8b7c6d5e@google.com", importing_structure)
    assert page.commune == clamecy
    assert "« Réunion des bénévoles »" in output
    assert "placé à Clamecy, commune de la structure (à préciser)" in output


def test_without_a_commune_the_structure_cannot_place_them_so_they_are_skipped(structure):
    output = import_ics(GOOGLE)

    assert not EventPage.objects.filter(ical_uid="9a8b7c6d5e@google.com").exists()
    assert "ni lieu (LOCATION) ni lien en ligne" in output


def test_floating_times_are_read_in_the_calendars_own_time_zone(importing_structure, tmp_path):
    event = ["DTSTART:20270302T183000", "DTEND:20270302T200000", "LOCATION:Mairie"]
    martinique = calendar_file(
        tmp_path,
        ["UID:antilles@test", "SUMMARY:Visio", *event],
        header=["X-WR-TIMEZONE:America/Martinique"],
    )
    import_ics(martinique)
    paris_file = calendar_file(tmp_path, ["UID:paris@test", "SUMMARY:Sur place", *event])
    import_ics(paris_file)

    assert EventPage.objects.get(ical_uid="antilles@test").start == paris(2027, 3, 2, 23, 30)
    assert EventPage.objects.get(ical_uid="paris@test").start == paris(2027, 3, 2, 18, 30)


def test_outlook_time_zone_names_are_understood(importing_structure, tmp_path):
    path = calendar_file(
        tmp_path,
        [
            "UID:outlook@test",
            "SUMMARY:Réunion partenaires",
            "DTSTART;TZID=Romance Standard Time:20270706T093000",
            "DTEND;TZID=Romance Standard Time:20270706T113000",
            "LOCATION:Mairie, 58500 Clamecy",
        ],
    )
    import_ics(path)

    page = EventPage.objects.get(ical_uid="outlook@test")
    assert (page.start, page.end) == (paris(2027, 7, 6, 9, 30), paris(2027, 7, 6, 11, 30))


@pytest.mark.parametrize(
    "lines, online_url, venue",
    [
        (["LOCATION:https://zoom.us/j/123456"], "https://zoom.us/j/123456", ""),
        (
            ["CONFERENCE;VALUE=URI:https://meet.jit.si/cls-clamecy"],
            "https://meet.jit.si/cls-clamecy",
            "",
        ),
        (
            ["LOCATION:Médiathèque, 58500 Clamecy", "URL:https://teams.microsoft.com/l/meetup/1"],
            "https://teams.microsoft.com/l/meetup/1",
            "Médiathèque",
        ),
    ],
)
def test_a_video_conference_link_becomes_the_online_link(
    importing_structure, tmp_path, lines, online_url, venue
):
    path = calendar_file(
        tmp_path,
        ["UID:visio@test", "SUMMARY:Café-santé", "DTSTART:20270302T173000Z", *lines],
    )
    import_ics(path)

    page = EventPage.objects.get(ical_uid="visio@test")
    assert (page.online_url, page.venue, page.registration_url) == (online_url, venue, "")


def test_a_town_outside_the_territory_stays_in_the_address(importing_structure, tmp_path):
    path = calendar_file(
        tmp_path,
        [
            "UID:ailleurs@test",
            "SUMMARY:Colloque régional",
            "DTSTART:20270302T080000Z",
            "LOCATION:Palais des congrès, 1 place Mitterrand, 58000 Nevers",
        ],
        [
            "UID:homonyme@test",
            "SUMMARY:Même nom, autre département",
            "DTSTART:20270302T080000Z",
            "LOCATION:Mairie, 89000 Clamecy",
        ],
    )
    output = import_ics(path)

    page = EventPage.objects.get(ical_uid="ailleurs@test")
    assert (page.venue, page.street_address, page.postal_code, page.commune) == (
        "Palais des congrès",
        "1 place Mitterrand, Nevers",
        "58000",
        None,
    )
    assert "commune « Nevers » inconnue du territoire : gardée dans l'adresse" in output
    assert EventPage.objects.get(ical_uid="homonyme@test").commune is None


def test_an_empty_calendar_says_so(importing_structure, tmp_path):
    stderr = io.StringIO()
    output = import_ics(calendar_file(tmp_path), stderr=stderr)

    assert "0 créé(s)" in output
    assert "aucun événement (VEVENT)" in stderr.getvalue()


# Skipped entries ------------------------------------------------------------------------------


def test_skipped_entries_are_listed_with_their_reason_in_french(importing_structure):
    output = import_ics(GOOGLE) + import_ics(OPENAGENDA)

    expected = {
        "« Atelier cuisine » (UID f0e1d2c3b4@google.com)": "règle de répétition (RRULE) est "
        "illisible : « FREQ=FORTNIGHTLY;BYDAY=WE »",
        "« Dépistage express »": "répétition « HOURLY » non prise en charge",
        "« Accueil quotidien »": "Cette répétition produit plus de 1000 dates",
        "« Réunion d'information »": "début en 1927, hors des années 2000 à 2100",
        "UID deadbeef00@google.com": "série absente du fichier",
        "« Conférence inversée »": "la fin (10/04/2027 16:00) précède le début (10/04/2027 18:00)",
        "« Rencontre des aidants (date à venir) »": "pas de date de début (DTSTART)",
    }
    lines = output.splitlines()
    for label, reason in expected.items():
        assert any(label in line and reason in line for line in lines), (label, output)
    for uid in ("f0e1d2c3b4", "11aa22bb33", "44cc55dd66", "77ee88ff99", "oa-48213915"):
        assert not EventPage.objects.filter(ical_uid__startswith=uid).exists()


def test_entries_the_page_validation_refuses_are_skipped_with_its_message(
    importing_structure, tmp_path
):
    path = calendar_file(
        tmp_path,
        [
            "UID:long@test",
            "SUMMARY:Exposition de six semaines",
            "DTSTART;VALUE=DATE:20270901",
            "DTEND;VALUE=DATE:20271015",
            "LOCATION:Médiathèque, 58500 Clamecy",
        ],
        ["SUMMARY:Sans identifiant", "DTSTART:20270901T100000Z", "LOCATION:Mairie"],
        [
            "UID:ok@test",
            "SUMMARY:Atelier mémoire",
            "DTSTART:20270902T080000Z",
            "DURATION:PT1H30M",
            "LOCATION:Mairie, 58500 Clamecy",
        ],
    )

    output = import_ics(path)

    assert "« Exposition de six semaines » (UID long@test) : fin : Une date dure 31 jours" in output
    assert "« Sans identifiant » : pas d'identifiant (UID)" in output
    page = EventPage.objects.get(ical_uid="ok@test")
    assert (page.start, page.end) == (paris(2027, 9, 2, 10), paris(2027, 9, 2, 11, 30))
    assert "1 créé(s), 0 mis à jour, 0 inchangé(s), 2 ignoré(s)" in output


# Idempotence ----------------------------------------------------------------------------------


def test_importing_again_changes_nothing_and_creates_no_duplicate(importing_structure):
    import_ics(GOOGLE)
    revisions = {page.pk: page.revisions.count() for page in EventPage.objects.all()}

    output = import_ics(GOOGLE)

    assert "0 créé(s), 0 mis à jour, 7 inchangé(s)" in output
    assert EventPage.objects.count() == GOOGLE_IMPORTED
    for uid in (MARCHE, PERMANENCE, GROUPE):
        assert EventPage.objects.filter(ical_uid=uid).count() == 1
    assert {page.pk: page.revisions.count() for page in EventPage.objects.all()} == revisions


def test_a_changed_entry_updates_its_draft_in_place(importing_structure, tmp_path):
    import_ics(GOOGLE)
    changed = tmp_path / "google.ics"
    changed.write_bytes(
        GOOGLE.read_bytes().replace(
            b"SUMMARY:Permanence acc\xc3\xa8s aux droits", b"SUMMARY:Permanence CPAM"
        )
    )

    output = import_ics(changed)

    assert "0 créé(s), 1 mis à jour, 6 inchangé(s)" in output
    page = EventPage.objects.get(ical_uid=PERMANENCE)
    assert page.title == "Permanence CPAM"  # never published: the page itself is the draft
    assert page.revisions.count() == 2
    assert EventPage.objects.filter(ical_uid=PERMANENCE).count() == 1


def test_a_changed_entry_of_a_published_event_becomes_a_draft_revision(
    importing_structure, tmp_path
):
    import_ics(GOOGLE)
    page = imported(MARCHE, importing_structure)
    page.get_latest_revision().publish()
    live_occurrences = Occurrence.objects.filter(event=page).count()
    assert live_occurrences > 0
    changed = tmp_path / "google.ics"
    changed.write_bytes(
        GOOGLE.read_bytes().replace(
            b"SUMMARY:Marche sant\xc3\xa9 du mardi soir\r\n", b"SUMMARY:Marche nordique\r\n"
        )
    )

    import_ics(changed)

    page.refresh_from_db()
    assert page.live and page.title == "Marche santé du mardi soir"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title == "Marche nordique"
    assert Occurrence.objects.filter(event=page).count() == live_occurrences
    assert EventPage.objects.filter(ical_uid=MARCHE).count() == 1


def test_editors_full_dates_survive_a_new_import(importing_structure):
    import_ics(GOOGLE)
    page = imported(MARCHE, importing_structure).get_latest_revision_as_object()
    full = OccurrenceChange(date=datetime.date(2027, 9, 7), change=OccurrenceChange.Change.FULL)
    page.occurrence_changes.add(full)
    page.save_revision()

    output = import_ics(GOOGLE)

    changes = imported(MARCHE, importing_structure).get_latest_revision_as_object()
    kinds = {c.date: c.change for c in changes.occurrence_changes.all()}
    assert kinds[datetime.date(2027, 9, 7)] == OccurrenceChange.Change.FULL
    assert kinds[datetime.date(2027, 5, 11)] == OccurrenceChange.Change.CANCELLED
    assert "7 inchangé(s)" in output


def test_another_structures_events_are_never_touched(importing_structure, other_structure):
    theirs = EventPageFactory(parent=other_structure, title="Leur marche", ical_uid=MARCHE)
    revisions = theirs.revisions.count()

    import_ics(GOOGLE)

    theirs.refresh_from_db()
    assert theirs.title == "Leur marche" and theirs.revisions.count() == revisions
    assert theirs.get_parent().pk == other_structure.pk
    assert imported(MARCHE, importing_structure).pk != theirs.pk
    assert EventPage.objects.child_of(other_structure).count() == 1


# Recurrence as the source calendar means it --------------------------------------------------


def source_calendar(uid):
    """google.ics with only the entry `uid` (the whole file holds rules that cannot expand)."""
    source = icalendar.Calendar.from_ical(GOOGLE.read_bytes())
    calendar = icalendar.Calendar()
    for component in source.subcomponents:
        if component.name == "VTIMEZONE" or component.get("UID") == uid:
            calendar.add_component(component)
    return calendar


@pytest.mark.parametrize("uid", [MARCHE, PERMANENCE, GROUPE])
def test_published_occurrences_match_what_the_source_calendar_expands_to(importing_structure, uid):
    import_ics(GOOGLE)
    page = imported(uid, importing_structure)
    page.get_latest_revision().publish()
    # Rewrite the table as of a fixed day, so the test does not depend on today's date.
    now = paris(2027, 1, 1)
    Occurrence.objects.filter(event=page).delete()
    regenerate(EventPage.objects.get(pk=page.pk), now=now)
    start, end = now - datetime.timedelta(days=366), now + datetime.timedelta(days=548)

    expected = {
        (component.decoded("DTSTART"), component.decoded("DTEND"))
        for component in recurring_ical_events.of(source_calendar(uid)).between(start, end)
        if component.get("STATUS") != "CANCELLED"
    }
    rows = Occurrence.objects.filter(event=page).exclude(status=OccurrenceStatus.CANCELLED)

    assert expected
    assert {(row.start, row.end) for row in rows} == expected


def test_an_all_day_series_with_excluded_dates_matches_the_source(importing_structure, tmp_path):
    path = calendar_file(
        tmp_path,
        [
            "UID:marche-samedi@test",
            "SUMMARY:Stand prévention au marché",
            "DTSTART;VALUE=DATE:20270306",
            "DTEND;VALUE=DATE:20270307",
            "RRULE:FREQ=MONTHLY;BYDAY=1SA;UNTIL=20271231",
            "EXDATE;VALUE=DATE:20270501,20270807",
            "LOCATION:Place du marché, 58500 Clamecy",
        ],
    )
    import_ics(path)
    page = EventPage.objects.get(ical_uid="marche-samedi@test")
    page.get_latest_revision().publish()
    Occurrence.objects.filter(event=page).delete()
    regenerate(EventPage.objects.get(pk=page.pk), now=paris(2027, 1, 1))

    source = icalendar.Calendar.from_ical(path.read_bytes())
    expected = {
        (component.decoded("DTSTART"), component.decoded("DTEND"))
        for component in recurring_ical_events.of(source).between((2026, 1, 1), (2028, 7, 1))
    }
    rows = Occurrence.objects.filter(event=page)
    assert all(row.all_day for row in rows)
    assert {(local(row.start).date(), local(row.end).date()) for row in rows} == expected
    assert len(expected) == 8


def test_an_override_without_end_keeps_the_series_duration(importing_structure, tmp_path):
    series = [
        "UID:yoga@test",
        "SUMMARY:Yoga doux",
        "DTSTART;TZID=Europe/Paris:20270907T100000",
        "DTEND;TZID=Europe/Paris:20270907T113000",
        "RRULE:FREQ=WEEKLY;COUNT=6",
        "LOCATION:Dojo, 58500 Clamecy",
    ]
    same_time = [
        "UID:yoga@test",
        "RECURRENCE-ID;TZID=Europe/Paris:20270914T100000",
        "DTSTART;TZID=Europe/Paris:20270914T100000",
        "SUMMARY:Yoga doux (salle 2)",
    ]
    later = [
        "UID:yoga@test",
        "RECURRENCE-ID;TZID=Europe/Paris:20270921T100000",
        "DTSTART;TZID=Europe/Paris:20270921T140000",
    ]
    import_ics(calendar_file(tmp_path, series, same_time, later))

    page = EventPage.objects.get(ical_uid="yoga@test")
    (moved,) = page.occurrence_changes.all()
    assert moved.date == datetime.date(2027, 9, 21)
    assert (moved.new_start, moved.new_end) == (
        paris(2027, 9, 21, 14, 0),
        paris(2027, 9, 21, 15, 30),
    )


def test_a_weekly_series_stays_at_1830_local_across_both_dst_changes(importing_structure):
    import_ics(GOOGLE)
    page = imported(MARCHE, importing_structure)
    page.get_latest_revision().publish()
    Occurrence.objects.filter(event=page).delete()
    regenerate(EventPage.objects.get(pk=page.pk), now=paris(2027, 1, 1))

    starts = [local(row.start) for row in Occurrence.objects.filter(event=page)]
    assert starts[0].date() == datetime.date(2027, 3, 2)  # winter time
    assert starts[-1].date() == datetime.date(2027, 11, 30)  # winter time again
    assert {start.strftime("%H:%M") for start in starts} == {"18:30"}
    assert datetime.date(2027, 4, 6) not in {start.date() for start in starts}


def test_a_cancelled_override_gives_a_cancelled_occurrence_and_a_moved_one_moves(
    importing_structure,
):
    import_ics(GOOGLE)
    page = imported(MARCHE, importing_structure)
    page.get_latest_revision().publish()
    Occurrence.objects.filter(event=page).delete()
    regenerate(EventPage.objects.get(pk=page.pk), now=paris(2027, 1, 1))

    cancelled = Occurrence.objects.get(event=page, start=paris(2027, 5, 11, 18, 30))
    assert cancelled.status == OccurrenceStatus.CANCELLED
    moved = Occurrence.objects.get(event=page, original_start=paris(2027, 6, 15, 18, 30))
    assert (moved.status, moved.start) == (OccurrenceStatus.MOVED, paris(2027, 6, 16, 18, 30))


# Moderation -----------------------------------------------------------------------------------


def test_submit_puts_each_imported_event_in_the_coordinations_workflow(
    importing_structure, partner
):
    output = import_ics(GOOGLE, "--submit", "--user", partner.username)

    pages = EventPage.objects.child_of(importing_structure)
    assert pages.count() == GOOGLE_IMPORTED
    for page in pages:
        state = WorkflowState.objects.get(object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == partner
        assert page.get_latest_revision().user == partner
        assert not page.live
    assert "7 événement(s) soumis à la validation (« Validation par la coordination »)" in output


def test_submitting_again_restarts_moderation_on_the_new_revision(importing_structure, tmp_path):
    import_ics(GOOGLE, "--submit")
    changed = tmp_path / "google.ics"
    changed.write_bytes(GOOGLE.read_bytes().replace(b"COUNT=10", b"COUNT=8"))

    import_ics(changed, "--submit")

    page = EventPage.objects.get(ical_uid=PERMANENCE)
    states = WorkflowState.objects.filter(object_id=str(page.pk))
    assert states.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1
    assert states.filter(status=WorkflowState.STATUS_CANCELLED).count() == 1
    task_state = states.get(status=WorkflowState.STATUS_IN_PROGRESS).current_task_state
    assert task_state.revision == page.get_latest_revision()


def test_submit_after_a_plain_import_submits_the_drafts_it_left(importing_structure):
    import_ics(GOOGLE)

    output = import_ics(GOOGLE, "--submit")

    assert "7 inchangé(s)" in output and "7 événement(s) soumis" in output
    assert (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
        == GOOGLE_IMPORTED
    )


def test_a_dry_run_with_submit_submits_nothing_and_emails_nobody(importing_structure, make_user):
    make_user("coordinatrice", "Coordination")

    output = import_ics(GOOGLE, "--submit", "--dry-run")

    assert "7 événement(s) seraient soumis" in output
    assert not WorkflowState.objects.exists()
    assert mail.outbox == []


# Nothing half-imported ------------------------------------------------------------------------


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(importing_structure):
    output = import_ics(GOOGLE, "--dry-run")

    assert "Simulation" in output and f"{GOOGLE_IMPORTED} créé(s)" in output
    assert "Rien n'a été enregistré" in output
    assert not EventPage.objects.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (GOOGLE.read_bytes()[:-200], "tronqué"),
        ((DATA / "truncated.ics").read_bytes(), "tronqué"),
        (b"", "vide"),
        (b"<!DOCTYPE html><html><body>Agenda</body></html>", "page web"),
        (b"BEGIN:VCALENDAR\r\nnot a content line\r\nEND:VCALENDAR\r\n", "pas un iCalendar"),
    ],
)
def test_a_file_that_does_not_read_as_a_whole_calendar_is_refused(
    importing_structure, tmp_path, content, message
):
    path = tmp_path / "agenda.ics"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message) as error:
        import_ics(path)

    assert "rien n'a été enregistré" in str(error.value)
    assert not EventPage.objects.exists()


def test_a_file_too_large_is_refused(importing_structure, tmp_path, monkeypatch):
    monkeypatch.setattr("events.importer.MAX_BYTES", 1000)

    with pytest.raises(CommandError, match="dépasse"):
        import_ics(GOOGLE)
    assert not EventPage.objects.exists()


def test_a_missing_file_is_refused_clearly(importing_structure, tmp_path):
    with pytest.raises(CommandError, match="Fichier introuvable"):
        import_ics(tmp_path / "absent.ics")


def test_an_unknown_structure_is_refused_with_the_way_to_find_slugs(importing_structure):
    with pytest.raises(CommandError) as error:
        import_ics(GOOGLE, structure="ccas-clamecyy")

    assert "Aucune structure d'identifiant « ccas-clamecyy »" in str(error.value)
    assert "Identifiants proches : ccas-clamecy" in str(error.value)
    assert "/structures/<identifiant>/" in str(error.value)
    assert not EventPage.objects.exists()


# From an address ------------------------------------------------------------------------------


class CalendarServer(http.server.BaseHTTPRequestHandler):
    routes = {}

    def do_GET(self):
        status, headers, body = self.routes.get(self.path, (404, {}, b"introuvable"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    CalendarServer.routes = {
        "/agenda.ics": (200, {"Content-Type": "text/calendar"}, GOOGLE.read_bytes()),
        "/fichier": (302, {"Location": "file:///etc/passwd"}, b""),
        "/ftp": (302, {"Location": "ftp://exemple.invalid/agenda.ics"}, b""),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CalendarServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_agenda_is_imported_from_its_http_address(importing_structure, server):
    output = import_ics(f"{server}/agenda.ics")

    assert f"{GOOGLE_IMPORTED} créé(s)" in output
    assert EventPage.objects.filter(ical_uid=MARCHE).count() == 1


def test_an_address_that_answers_an_error_is_refused(importing_structure, server):
    with pytest.raises(CommandError, match="404"):
        import_ics(f"{server}/absent.ics")
    assert not EventPage.objects.exists()


@pytest.mark.parametrize("path", ["/fichier", "/ftp"])
def test_a_redirection_elsewhere_than_http_is_refused(importing_structure, server, path):
    with pytest.raises(CommandError, match="redirection refusée"):
        import_ics(f"{server}{path}")


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://exemple.invalid/agenda.ics"])
def test_addresses_other_than_http_are_refused(importing_structure, address):
    with pytest.raises(CommandError, match="seules les adresses http://, https://"):
        import_ics(address)


def test_an_unreachable_address_is_refused(importing_structure):
    with pytest.raises(CommandError, match="Impossible de joindre"):
        import_ics("http://127.0.0.1:9/agenda.ics")


# Progress and report --------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_progress_bar_shows_on_a_terminal_unless_asked_not_to(importing_structure):
    terminal = Terminal()
    import_ics(GOOGLE, "--dry-run", stderr=terminal)
    assert "Import" in terminal.getvalue() and "événement" in terminal.getvalue()

    quiet = Terminal()
    import_ics(GOOGLE, "--dry-run", "--no-progress", stderr=quiet)
    assert quiet.getvalue() == ""


def test_a_higher_verbosity_lists_the_events_created(importing_structure):
    output = import_ics(OPENAGENDA, "--verbosity", "2")

    assert "Événements créés :" in output
    assert "  - « Dépistage gratuit du diabète » (UID oa-48213911@openagenda.com)" in output
