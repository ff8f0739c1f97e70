"""Who may write events where, over real HTTP requests to Wagtail's admin.

A partner adds events under its own structure only, and its "publish" becomes a submission to
the coordination; Communication publishes directly in the agenda but has no hand on structures'
events; the agenda's admin screens are for Coordination and Communication. The editor answers a
broken rule, an end before the start, an absurd year or a too-dense rule with a French message,
never with a server error.
"""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from events.models import EventPage, Occurrence
from home.models import HomePage
from partners.accounts import add_member, open_partner_space
from tests.conftest import create_user, read_from_module_world, rolled_back_after_module
from tests.partners.factories import StructureIndexPageFactory, StructurePageFactory

from .editor import DASHBOARD, PUBLISH, add_url, event_form, form_errors, is_refused, pages_url
from .factories import EventPageFactory, NationalCampaignFactory, next_week_at

pytestmark = pytest.mark.django_db

SECRET = "Projet confidentiel : dépistage en entreprise"


def new_partner(username, structure):
    user = create_user(username, "Partenaires")
    add_member(open_partner_space(structure), user)
    return user


def build_world():
    """What tests/partners/conftest builds for each test, and the staff, built once here."""
    directory = StructureIndexPageFactory(parent=HomePage.objects.get(depth=2))
    structure = StructurePageFactory(parent=directory, title="CCAS de Clamecy", slug="ccas-clamecy")
    other_structure = StructurePageFactory(
        parent=directory, title="CPTS du Morvan", slug="cpts-morvan"
    )
    return {
        "directory": directory,
        "structure": structure,
        "other_structure": other_structure,
        "partner": new_partner("partenaire-ccas", structure),
        "other_partner": new_partner("partenaire-cpts", other_structure),
        "coordinator": create_user("coordinatrice", "Coordination"),
        "communication": create_user("chargee-communication", "Communication"),
    }


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """Built once for the module (pages with revisions are slow to create), rolled back after."""
    with rolled_back_after_module(django_db_blocker):
        yield build_world()


directory = read_from_module_world("directory")
structure = read_from_module_world("structure")
other_structure = read_from_module_world("other_structure")
partner = read_from_module_world("partner")
other_partner = read_from_module_world("other_partner")
coordinator = read_from_module_world("coordinator")
communication = read_from_module_world("communication")


def approve(client, page):
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    url = pages_url("workflow_action", page.pk, "approve", state.current_task_state.pk)
    return client.post(url, {"comment": ""})


# A partner and its own structure ---------------------------------------------------------------


def test_a_partners_publish_becomes_a_submission_and_approval_writes_the_occurrences(
    client, partner, coordinator, structure
):
    client.force_login(partner)
    editor = client.get(add_url(structure))
    assert editor.status_code == 200
    assert 'name="action-publish"' not in editor.content.decode()

    response = client.post(add_url(structure), event_form() | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    event = EventPage.objects.child_of(structure).get(slug="marche-sante")
    assert not event.live
    assert event.organiser_id == structure.pk  # the structure's event, whatever was posted
    state = WorkflowState.objects.get(object_id=str(event.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == partner
    assert not Occurrence.objects.filter(event=event).exists()

    client.force_login(coordinator)
    assert approve(client, event).status_code == 302

    event.refresh_from_db()
    assert event.live
    starts = list(event.occurrences.values_list("start", flat=True))
    assert starts == [next_week_at(18, 30) + datetime.timedelta(weeks=n) for n in range(4)]


def test_a_partner_cannot_add_an_event_under_another_structure(client, partner, other_structure):
    client.force_login(partner)

    assert is_refused(client.get(add_url(other_structure), follow=True))
    response = client.post(add_url(other_structure), event_form() | PUBLISH, follow=True)

    assert is_refused(response)
    assert not Page.objects.filter(slug="marche-sante").exists()


def test_a_partner_cannot_add_an_event_under_the_agenda(client, partner, agenda):
    client.force_login(partner)

    assert is_refused(client.get(add_url(agenda), follow=True))
    response = client.post(add_url(agenda), event_form() | PUBLISH, follow=True)

    assert is_refused(response)
    assert not Page.objects.filter(slug="marche-sante").exists()


def test_a_partner_cannot_edit_another_structures_event(client, partner, other_structure):
    theirs = EventPageFactory(parent=other_structure, title="Consultation jeunes", slug="cjc")
    client.force_login(partner)

    assert is_refused(client.get(pages_url("edit", theirs.pk), follow=True))
    response = client.post(
        pages_url("edit", theirs.pk),
        event_form(slug="cjc", title="Titre détourné") | PUBLISH,
        follow=True,
    )

    assert is_refused(response)
    theirs.refresh_from_db()
    assert theirs.title == "Consultation jeunes"
    assert theirs.draft_title == "Consultation jeunes"
    assert theirs.revisions.count() == 1


@pytest.mark.parametrize("screen", ["edit", "preview_on_edit", "revisions_index", "revision"])
def test_a_partner_cannot_see_another_partners_draft_event(
    client, partner, other_partner, coordinator, other_structure, screen
):
    draft = EventPageFactory(parent=other_structure, title=SECRET, slug="projet", live=False)
    url = (
        pages_url("revisions_view", draft.pk, draft.latest_revision_id)
        if screen == "revision"
        else pages_url(screen, draft.pk)
    )
    client.force_login(other_partner)  # its own partner opens it: the screen is real
    assert client.get(url, follow=True).status_code == 200

    client.force_login(partner)
    response = client.get(url, follow=True)

    assert is_refused(response)
    assert SECRET not in response.content.decode()


# Communication ---------------------------------------------------------------------------------


def test_communication_publishes_directly_in_the_agenda(client, communication, agenda):
    client.force_login(communication)

    response = client.post(add_url(agenda), event_form() | PUBLISH)

    assert response.status_code == 302, form_errors(response)
    event = EventPage.objects.child_of(agenda).get(slug="marche-sante")
    assert event.live
    assert not WorkflowState.objects.filter(
        object_id=str(event.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    assert event.occurrences.count() == 4


def test_communication_cannot_write_under_a_structure(client, communication, structure):
    theirs = EventPageFactory(parent=structure, title="Atelier du CCAS", slug="atelier")
    client.force_login(communication)

    assert is_refused(client.get(pages_url("edit", theirs.pk), follow=True))
    assert is_refused(
        client.post(
            pages_url("edit", theirs.pk),
            event_form(slug="atelier", title="Titre détourné") | PUBLISH,
            follow=True,
        )
    )
    assert is_refused(client.post(add_url(structure), event_form() | PUBLISH, follow=True))

    theirs.refresh_from_db()
    assert theirs.title == "Atelier du CCAS"
    assert not Page.objects.filter(slug="marche-sante").exists()


# The agenda's admin screens ----------------------------------------------------------------------


def agenda_screens():
    campaign = NationalCampaignFactory(name="Mois sans tabac", slug="mois-sans-tabac")
    return {
        "occurrences": reverse("occurrences:index"),
        "occurrences export": reverse("occurrences:index") + "?export=csv",
        "campaigns": reverse("wagtailsnippets_events_nationalcampaign:list"),
        "campaign edit": reverse(
            "wagtailsnippets_events_nationalcampaign:edit", args=[campaign.pk]
        ),
        "campaign add": reverse("wagtailsnippets_events_nationalcampaign:add"),
    }


def test_a_partner_opens_neither_the_occurrences_nor_the_national_campaigns(
    client, partner, agenda
):
    EventPageFactory(parent=agenda, title="Bus du cœur des femmes")
    client.force_login(partner)

    for name, url in agenda_screens().items():
        response = client.get(url, follow=True)
        assert is_refused(response), name
        assert "Bus du cœur des femmes" not in response.content.decode()
        assert "Mois sans tabac" not in response.content.decode(), name

    menu = client.get(DASHBOARD).content.decode()
    assert "Campagnes nationales" not in menu
    assert "Dates à venir" not in menu


@pytest.mark.parametrize("role", ["coordinator", "communication"])
def test_coordination_and_communication_open_the_agenda_screens(client, request, agenda, role):
    EventPageFactory(parent=agenda, title="Bus du cœur des femmes")
    client.force_login(request.getfixturevalue(role))

    for name, url in agenda_screens().items():
        response = client.get(url)
        assert response.status_code == 200, name
    listing = client.get(reverse("occurrences:index")).content.decode()
    assert "Bus du cœur des femmes" in listing


def test_nobody_adds_or_deletes_occurrences_from_the_admin(client, coordinator, agenda):
    occurrence = EventPageFactory(parent=agenda).occurrences.get()
    client.force_login(coordinator)

    listing = client.get(reverse("occurrences:index")).content.decode()

    assert "/admin/agenda/dates/new/" not in listing
    assert client.get(f"/admin/agenda/dates/edit/{occurrence.pk}/").status_code == 404
    assert client.post(f"/admin/agenda/dates/delete/{occurrence.pk}/").status_code == 404
    assert Occurrence.objects.filter(pk=occurrence.pk).exists()


# Bad input in the editor -----------------------------------------------------------------------


@pytest.fixture
def agenda_event(agenda):
    return EventPageFactory(parent=agenda, title="Marche santé du mardi", slug="marche-sante")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"recurrence": "RRULE:FREQ=SOMETIMES"}, "recurrence", "La répétition est illisible"),
        ({"recurrence": "n'importe quoi"}, "recurrence", "La répétition est illisible"),
        ({"recurrence": "RRULE:FREQ=WEEKLY;BYMONTHDAY=40"}, "recurrence", "illisible"),
        ({"recurrence": "RRULE:FREQ=WEEKLY;INTERVAL=0"}, "recurrence", "illisible"),
        ({"recurrence": "RRULE:FREQ=WEEKLY;COUNT=0"}, "recurrence", "au moins 1"),
        ({"recurrence": "RRULE:FREQ=HOURLY"}, "recurrence", "pas plus souvent"),
        ({"end": "2020-01-01 10:00"}, "end", "La fin ne peut précéder le début."),
        ({"start": "20266-03-02 18:30"}, "start", "Saisissez une date et une heure valides"),
        ({"start": "2266-03-02 18:30"}, "start", "Indiquez une date entre 2000 et 2100."),
    ],
    ids=[
        "unknown frequency",
        "not a rule",
        "day 40",
        "interval 0",
        "count 0",
        "hourly",
        "end before start",
        "year 20266",
        "year 2266",
    ],
)
def test_the_editor_answers_bad_dates_with_a_french_message(
    client, coordinator, agenda_event, changes, field, message
):
    client.force_login(coordinator)

    response = client.post(pages_url("edit", agenda_event.pk), event_form(**changes) | PUBLISH)

    assert response.status_code == 200
    assert message in form_errors(response).get(field, ""), form_errors(response)
    agenda_event.refresh_from_db()
    assert agenda_event.occurrences.count() == 1  # the live event is untouched


def test_the_editor_refuses_a_too_dense_rule_with_the_limit(
    client, coordinator, agenda_event, settings
):
    settings.AGENDA_MAX_OCCURRENCES = 100
    client.force_login(coordinator)

    response = client.post(
        pages_url("edit", agenda_event.pk),
        event_form(recurrence="RRULE:FREQ=DAILY;INTERVAL=1") | PUBLISH,
    )

    assert response.status_code == 200
    assert "plus de 100 dates" in form_errors(response)["recurrence"]
    assert agenda_event.occurrences.count() == 1


def test_a_partner_gets_the_same_french_message_on_its_own_event(client, partner, structure):
    client.force_login(partner)

    response = client.post(
        add_url(structure), event_form(recurrence="RRULE:FREQ=SOMETIMES") | PUBLISH
    )

    assert response.status_code == 200
    assert "La répétition est illisible" in form_errors(response)["recurrence"]
    assert not Page.objects.filter(slug="marche-sante").exists()
