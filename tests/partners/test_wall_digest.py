"""The weekly letter of the network (manage.py send_wall_digest) and how a member leaves it."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from partners.models import MemberPreferences, WallCardStatus
from partners.wall_mail import unsubscribe_token
from tests.events.factories import AgendaPageFactory, EventPageFactory
from tests.home.factories import CallForProjectsIndexPageFactory, CallForProjectsPageFactory

from .wall import WallCardFactory, wall_url

pytest_plugins = ["tests.partners.wall_fixtures"]

pytestmark = pytest.mark.django_db


def send(*args):
    out = io.StringIO()
    call_command("send_wall_digest", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def letter_to(user):
    letters = [message for message in mail.outbox if message.to == [user.email]]
    assert len(letters) <= 1
    return letters[0] if letters else None


def test_members_get_the_new_cards_of_others_events_and_open_calls(
    wall, home_page, partner, other_partner
):
    WallCardFactory(author=other_partner, title="Offre de formation")
    WallCardFactory(author=partner, title="Ma propre carte")
    WallCardFactory(author=other_partner, title="En attente", status=WallCardStatus.PENDING)
    EventPageFactory(parent=AgendaPageFactory(parent=home_page), title="Forum santé")
    calls = CallForProjectsIndexPageFactory(parent=home_page)
    CallForProjectsPageFactory(parent=calls, title="Appel prévention")

    output = send()

    letter = letter_to(partner)
    assert letter is not None
    assert "1 nouvelle carte" in letter.subject
    assert "Offre de formation" in letter.body
    assert "Ma propre carte" not in letter.body
    assert "En attente" not in letter.body
    assert "Forum santé" in letter.body
    assert "Appel prévention" in letter.body
    assert "/lettre-du-reseau/desinscription/" in letter.body
    assert letter.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Ma propre carte" in letter_to(other_partner).body
    assert "envoyée" in output
    prefs = MemberPreferences.objects.get(user=partner)
    assert prefs.last_digest_at is not None


def test_running_twice_the_same_day_sends_nothing_twice(wall, partner, other_partner):
    WallCardFactory(author=other_partner, title="Offre de formation")

    send()
    first = len(mail.outbox)
    output = send()

    assert first >= 1
    assert len(mail.outbox) == first
    assert "déjà envoyée" in output


def test_nothing_is_sent_when_there_is_nothing_new(wall, partner, other_partner):
    old = WallCardFactory(author=other_partner, title="Vieille carte")
    old.published_at = timezone.now() - datetime.timedelta(days=8)
    old.save()

    output = send()

    assert mail.outbox == []
    assert "sans nouveauté" in output
    assert not MemberPreferences.objects.filter(last_digest_at__isnull=False).exists()


def test_only_cards_published_since_the_last_letter_are_sent(wall, partner, other_partner):
    now = timezone.now()
    MemberPreferences.objects.create(user=partner, last_digest_at=now - datetime.timedelta(days=3))
    for title, days in (("Carte d'avant", 4), ("Carte d'après", 2)):
        WallCardFactory(
            author=other_partner, title=title, published_at=now - datetime.timedelta(days=days)
        )

    send()

    body = letter_to(partner).body
    assert "Carte d'après" in body
    assert "Carte d'avant" not in body


def test_members_who_opted_out_get_nothing(wall, partner, other_partner):
    MemberPreferences.objects.create(user=partner, weekly_digest=False)
    WallCardFactory(author=other_partner)

    send()

    assert letter_to(partner) is None


def test_a_dry_run_sends_nothing_and_changes_nothing(wall, partner, other_partner):
    WallCardFactory(author=other_partner, title="Offre de formation")

    output = send("--dry-run")

    assert mail.outbox == []
    assert "recevrait partenaire-ccas@exemple.invalid" in output
    assert not MemberPreferences.objects.filter(last_digest_at__isnull=False).exists()


def test_people_without_admin_access_get_no_letter(wall, make_user, other_partner):
    outsider = make_user("visiteur")
    WallCardFactory(author=other_partner)

    send()

    assert letter_to(outsider) is None


# Leaving the letter ------------------------------------------------------------------------------


def unsubscribe_url(user):
    return f"/lettre-du-reseau/desinscription/{unsubscribe_token(user)}/"


def test_the_unsubscribe_link_works_without_logging_in(client, partner, other_partner):
    MemberPreferences.objects.create(user=other_partner, weekly_digest=True)

    page = client.get(unsubscribe_url(partner))
    done = client.post(unsubscribe_url(partner))

    assert page.status_code == 200
    assert "Me désinscrire" in page.content.decode()
    assert not MemberPreferences.objects.filter(user=partner, weekly_digest=True).exists()
    assert "vous ne recevrez plus" in done.content.decode()
    # Nobody else's setting moved.
    assert MemberPreferences.objects.get(user=other_partner).weekly_digest


def test_a_get_on_the_link_unsubscribes_nobody(client, partner):
    client.get(unsubscribe_url(partner))

    assert not MemberPreferences.objects.filter(user=partner, weekly_digest=False).exists()


@pytest.mark.parametrize("token", ["pas-un-jeton", "eyJ1c2VyIjoxfQ:forged:signature"])
def test_a_forged_unsubscribe_link_changes_nothing(client, partner, token):
    response = client.post(f"/lettre-du-reseau/desinscription/{token}/")

    assert response.status_code == 404
    assert not MemberPreferences.objects.exists()


def test_a_member_turns_the_letter_off_and_on_in_their_preferences(partner_client, wall, partner):
    url = wall_url(wall, "preferences")

    assert 'name="weekly_digest"' in partner_client.get(url).content.decode()
    partner_client.post(url, {})
    assert not MemberPreferences.objects.get(user=partner).weekly_digest
    partner_client.post(url, {"weekly_digest": "on"})
    assert MemberPreferences.objects.get(user=partner).weekly_digest


def test_a_weekly_event_appears_once_with_its_next_date(wall, home_page, partner):
    agenda = AgendaPageFactory(parent=home_page)
    EventPageFactory(
        parent=agenda, title="Marche nordique hebdomadaire", recurrence="RRULE:FREQ=WEEKLY"
    )

    send()

    assert letter_to(partner).body.count("Marche nordique hebdomadaire") == 1
