"""Structures nobody verified for a year: the coordination's report and the reminder command."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from partners.accounts import add_member, open_partner_space
from partners.models import StructurePage
from partners.notifications import REMINDER_LOG_ACTION

from .factories import StructurePageFactory

pytestmark = pytest.mark.django_db

REPORT = "partners_stale_structures"


def verified(structure, days_ago):
    date = None if days_ago is None else timezone.localdate() - datetime.timedelta(days=days_ago)
    StructurePage.objects.filter(pk=structure.pk).update(last_verified=date)
    structure.refresh_from_db()
    return structure


@pytest.fixture
def stale(structure, partner):
    return verified(structure, 400)


@pytest.fixture
def fresh(other_structure, other_partner):
    return verified(other_structure, 30)


def remind(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("remind_stale_structures", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_the_report_lists_stale_structures_with_their_members(client, make_user, stale, fresh):
    never = verified(StructurePageFactory(parent=stale.get_parent(), title="Jamais vérifiée"), None)
    StructurePageFactory(parent=stale.get_parent(), title="Brouillon ancien", live=False)
    client.force_login(make_user("coordinatrice", "Coordination"))

    response = client.get(reverse(REPORT))

    html = response.content.decode()
    assert response.status_code == 200
    assert stale.title in html
    assert "partenaire-ccas@exemple.invalid" in html
    assert never.title in html and "jamais" in html
    assert html.index(never.title) < html.index(stale.title)  # never verified comes first
    assert fresh.title not in html
    assert "Brouillon ancien" not in html
    assert reverse("wagtailadmin_pages:edit", args=[stale.pk]) in html
    assert reverse(REPORT) in client.get(reverse("wagtailadmin_home")).content.decode()  # menu


def test_the_report_exports_to_csv(client, make_user, stale):
    client.force_login(make_user("coordinatrice", "Coordination"))

    response = client.get(reverse(REPORT), {"export": "csv"})

    content = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    assert stale.title in content
    assert "partenaire-ccas@exemple.invalid" in content


@pytest.mark.parametrize("role", ["Partenaires", "Communication"])
def test_only_the_coordination_sees_the_report(client, make_user, stale, role):
    client.force_login(make_user("someone", role))

    response = client.get(reverse(REPORT))

    assert response.status_code in (302, 403)
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_dry_run_sends_and_records_nothing(stale, fresh):
    output = remind("--dry-run")

    assert f"Rappel à envoyer : {stale.title} → partenaire-ccas@exemple.invalid" in output
    assert fresh.title not in output
    assert "Simulation" in output
    assert mail.outbox == []
    assert not PageLogEntry.objects.filter(action=REMINDER_LOG_ACTION).exists()


def test_members_of_stale_structures_get_one_reminder_with_the_edit_link(
    stale, fresh, make_user, structure
):
    colleague = make_user("collegue-ccas")
    add_member(open_partner_space(structure), colleague)
    gone = make_user("ancien-ccas", is_active=False)
    add_member(open_partner_space(structure), gone)

    output = remind()

    [message] = mail.outbox
    assert sorted(message.to) == [
        "collegue-ccas@exemple.invalid",
        "partenaire-ccas@exemple.invalid",
    ]
    assert stale.title in message.subject
    assert f"/admin/pages/{stale.pk}/edit/" in message.body
    assert "1 rappel(s) envoyés (2 destinataire(s))" in output
    entry = PageLogEntry.objects.get(action=REMINDER_LOG_ACTION)
    assert entry.page_id == stale.pk


def test_running_twice_the_same_day_reminds_once(stale):
    remind()
    output = remind()

    assert len(mail.outbox) == 1
    assert "1 déjà relancée(s) depuis moins de 30 jour(s)" in output


def test_a_structure_is_reminded_again_after_the_interval(stale):
    remind()
    PageLogEntry.objects.filter(action=REMINDER_LOG_ACTION).update(
        timestamp=timezone.now() - datetime.timedelta(days=31)
    )

    remind()

    assert len(mail.outbox) == 2


def test_structures_without_members_are_reported_for_the_coordination(directory):
    lonely = verified(StructurePageFactory(parent=directory, title="Sans personne"), 500)

    output = remind()

    assert mail.outbox == []
    assert f"Sans membre actif, à relancer par la coordination : {lonely.title}" in output
    assert "1 sans membre actif" in output


def test_a_verified_structure_leaves_the_report(client, make_user, stale):
    stale.save_revision().publish()  # approved by the coordination
    client.force_login(make_user("coordinatrice", "Coordination"))

    assert stale.title not in client.get(reverse(REPORT)).content.decode()
    assert "0 fiche(s) à vérifier" in remind("--dry-run")
