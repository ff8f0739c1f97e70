"""Moderation of partner changes, over real HTTP requests to Wagtail's admin.

A partner submits; the coordination is e-mailed, approves or rejects with a comment; the partner
is e-mailed; visitors see nothing new until the approval. Publishing marks the structure verified.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from partners.models import StructurePage

pytestmark = pytest.mark.django_db

LIVE_TEXT = "Une structure de prévention du territoire."
NEW_TEXT = "Accueil social et aide alimentaire, sans rendez-vous."


@pytest.fixture
def coordinator(make_user):
    return make_user("coordinatrice", "Coordination")


@pytest.fixture
def old_structure(structure):
    """A structure last verified two years ago."""
    StructurePage.objects.filter(pk=structure.pk).update(
        last_verified=timezone.localdate() - datetime.timedelta(days=730)
    )
    structure.refresh_from_db()
    return structure


def edit_form(structure, **changes):
    """What the page editor posts for a structure, with `changes` applied."""
    return nested_form_data(
        {
            "title": structure.title,
            "slug": structure.slug,
            "short_description": structure.short_description,
            "typology": structure.typology,
            "missions": rich_text("<p>Accueillir, orienter, accompagner.</p>"),
            "street_address": "",
            "address_complement": "",
            "postal_code": "",
            "commune": "",
            "latitude": str(structure.latitude),
            "longitude": str(structure.longitude),
            "contacts": inline_formset([]),
            "hours_note": "",
            "opening_hours": inline_formset([]),
            "closures": inline_formset([]),
            "step_free_access": "",
            "languages": "",
            "access_conditions": "",
            "fees": structure.fees,
            "fees_detail": "",
            "siret": "",
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            **changes,
        }
    )


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submit(client, structure, **changes):
    response = client.post(
        edit_url(structure), {**edit_form(structure, **changes), "action-submit": "Soumettre"}
    )
    assert response.status_code == 302, response.context["form"].errors
    return response


def current_task_state(structure):
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(structure.pk))
    return state.current_task_state


def test_the_coordination_workflow_covers_the_directory(directory, structure):
    workflow = structure.get_workflow()

    assert workflow.name == "Validation par la coordination"
    assert directory.get_workflow() == workflow
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Coordination"]


def test_a_partner_submission_waits_for_the_coordination(client, partner, coordinator, structure):
    client.force_login(partner)

    submit(client, structure, short_description=NEW_TEXT)

    structure.refresh_from_db()
    assert structure.short_description == LIVE_TEXT  # the live page did not change
    assert structure.has_unpublished_changes
    assert structure.latest_revision.as_object().short_description == NEW_TEXT
    state = WorkflowState.objects.get(object_id=str(structure.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == partner
    [notification] = [message for message in mail.outbox if coordinator.email in message.to]
    assert structure.title in notification.subject
    client.logout()
    public = client.get(structure.url).content.decode()
    assert LIVE_TEXT in public
    assert NEW_TEXT not in public


def test_a_partner_publish_attempt_submits_for_moderation(client, partner, structure):
    client.force_login(partner)
    editor = client.get(edit_url(structure)).content.decode()
    assert 'name="action-publish"' not in editor  # no publish button for partners
    assert 'name="action-submit"' in editor

    response = client.post(
        edit_url(structure),
        {**edit_form(structure, short_description=NEW_TEXT), "action-publish": "Publier"},
    )

    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.short_description == LIVE_TEXT
    state = WorkflowState.objects.get(object_id=str(structure.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == partner
    assert NEW_TEXT not in client.get(structure.url).content.decode()


def test_coordination_approval_publishes_notifies_and_verifies(
    client, partner, coordinator, old_structure
):
    client.force_login(partner)
    submit(client, old_structure, short_description=NEW_TEXT)
    task_state = current_task_state(old_structure)
    mail.outbox.clear()
    revisions = old_structure.revisions.count()
    client.force_login(coordinator)

    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[old_structure.pk, "approve", task_state.pk],
        ),
        {"comment": "Merci pour la mise à jour."},
    )

    assert response.status_code == 302
    old_structure.refresh_from_db()
    assert old_structure.live
    assert old_structure.short_description == NEW_TEXT
    assert old_structure.last_verified == timezone.localdate()
    assert old_structure.revisions.count() == revisions  # verified without a new revision
    [notification] = [message for message in mail.outbox if partner.email in message.to]
    assert old_structure.title in notification.subject
    client.logout()
    assert NEW_TEXT in client.get(old_structure.url).content.decode()


def test_coordination_rejection_with_a_comment_reaches_the_partner(
    client, partner, coordinator, old_structure
):
    client.force_login(partner)
    submit(client, old_structure, short_description=NEW_TEXT)
    task_state = current_task_state(old_structure)
    mail.outbox.clear()
    client.force_login(coordinator)

    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[old_structure.pk, "reject", task_state.pk],
        ),
        {"comment": "Précisez les horaires du jeudi."},
    )

    assert response.status_code == 302
    old_structure.refresh_from_db()
    assert old_structure.short_description == LIVE_TEXT
    assert old_structure.last_verified < timezone.localdate()
    state = WorkflowState.objects.get(object_id=str(old_structure.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    [notification] = [message for message in mail.outbox if partner.email in message.to]
    assert "Précisez les horaires du jeudi." in notification.body
    client.logout()
    assert NEW_TEXT not in client.get(old_structure.url).content.decode()


def test_a_partner_cannot_approve_its_own_submission(client, partner, structure):
    client.force_login(partner)
    submit(client, structure, short_description=NEW_TEXT)
    task_state = current_task_state(structure)

    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[structure.pk, "approve", task_state.pk]
        ),
        {"comment": ""},
    )

    structure.refresh_from_db()
    assert structure.short_description == LIVE_TEXT
    state = WorkflowState.objects.get(object_id=str(structure.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_publishing_a_structure_marks_it_verified_today(old_structure):
    old_structure.save_revision().publish()

    old_structure.refresh_from_db()
    assert old_structure.last_verified == timezone.localdate()
