"""The weekly letter of the network: new wall cards, the next fortnight's events, open calls.

`manage.py send_wall_digest` (cron, once a week) sends one plain-text e-mail per member who
wants it (MemberPreferences.weekly_digest, true by default). Each member gets the cards
published since their own last letter (a week at most, never their own cards); the events and
calls are the same for everyone and read once. A member with nothing new gets nothing, and a
member who already had a letter today gets nothing more: the command may run twice safely.
"""

import datetime
import logging
import textwrap
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from events.filters import next_per_event
from events.models import Occurrence
from home.models import CallForProjectsPage

from .models import MemberPreferences, WallCard
from .wall_mail import absolute, unsubscribe_url, wall_url

logger = logging.getLogger(__name__)

MAX_PERIOD = datetime.timedelta(days=7)
EVENTS_AHEAD = datetime.timedelta(days=14)
EXCERPT_LENGTH = 300


@dataclass
class Letter:
    user: object
    since: datetime.datetime
    cards: list
    new_calls: list = field(default_factory=list)

    def has_news(self, occurrences):
        return bool(self.cards or occurrences or self.new_calls)


def members():
    """Active accounts that may enter the admin (the wall's members) and have an address."""
    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=access)
            | Q(user_permissions__in=access)
        )
        .distinct()
        .order_by("pk")
    )


def excerpt(text):
    short = text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rstrip() + "…"
    lines = []
    for paragraph in short.split("\n"):
        lines.extend(textwrap.wrap(paragraph, width=74) or [""])
    return "\n  ".join(line for line in lines if line.strip())


def upcoming_occurrences(now):
    occurrences = next_per_event(
        Occurrence.objects.visible().filter(start__lt=now + EVENTS_AHEAD), now
    ).select_related("event")
    occurrences = list(occurrences)
    for occurrence in occurrences:
        occurrence.start = timezone.localtime(occurrence.start)
        occurrence.digest_url = absolute(occurrence.event.get_url() or "")
    return occurrences


def open_calls(today):
    calls = list(
        CallForProjectsPage.objects.live().public().open(today).order_by("deadline", "title")
    )
    for call in calls:
        call.digest_url = absolute(call.get_url() or "")
    return calls


class Digest:
    """Builds and sends the letters of one run."""

    def __init__(self, now=None, dry_run=False):
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)
        self.dry_run = dry_run
        self.occurrences = upcoming_occurrences(self.now)
        self.calls = open_calls(self.today)
        # Every card that may go in a letter, read once: published within the longest period.
        self.recent_cards = list(
            WallCard.objects.visible(self.today)
            .filter(published_at__gte=self.now - MAX_PERIOD, published_at__lte=self.now)
            .select_related("structure")
            .order_by("-published_at", "-pk")
        )
        for card in self.recent_cards:
            card.excerpt = excerpt(card.text_as_plain)
        self.wall_url = wall_url()
        self.preferences_url = wall_url("preferences")

    def letters(self):
        """(user, preferences, letter or None) for every member who wants the digest."""
        preferences = {
            prefs.user_id: prefs
            for prefs in MemberPreferences.objects.filter(user__in=members().values("pk"))
        }
        for user in members():
            prefs = preferences.get(user.pk) or MemberPreferences(user=user)
            if not prefs.weekly_digest:
                continue
            last = prefs.last_digest_at
            if last is not None and timezone.localdate(last) == self.today:
                yield user, prefs, None  # already sent today
                continue
            since = max(last, self.now - MAX_PERIOD) if last else self.now - MAX_PERIOD
            cards = [
                card
                for card in self.recent_cards
                if card.published_at > since and card.author_id != user.pk
            ]
            calls = [
                call
                for call in self.calls
                if call.first_published_at and call.first_published_at > since
            ]
            letter = Letter(user=user, since=since, cards=cards, new_calls=calls)
            yield user, prefs, letter if letter.has_news(self.occurrences) else None

    def message(self, letter):
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "user": letter.user,
            "cards": letter.cards,
            "since_last": letter.since > self.now - MAX_PERIOD,
            "occurrences": self.occurrences,
            "calls": self.calls,
            "wall_url": self.wall_url,
            "preferences_url": self.preferences_url,
            "unsubscribe_url": unsubscribe_url(letter.user),
        }
        subject = render_to_string("partners/emails/digest_subject.txt", context)
        body = render_to_string("partners/emails/digest.txt", context)
        return EmailMessage(
            subject=" ".join(subject.split()),
            body=body.strip() + "\n",
            to=[letter.user.email],
            headers={
                "Auto-Submitted": "auto-generated",
                "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )

    def run(self):
        """Send the letters (or, in a dry run, only say who would get what)."""
        report = {"sent": [], "nothing_new": [], "already_sent": [], "failed": []}
        for user, prefs, letter in self.letters():
            if letter is None:
                key = (
                    "already_sent"
                    if prefs.last_digest_at
                    and timezone.localdate(prefs.last_digest_at) == self.today
                    else "nothing_new"
                )
                report[key].append(user)
                continue
            if self.dry_run:
                report["sent"].append((user, letter))
                continue
            try:
                self.message(letter).send()
            except OSError:
                logger.exception("Weekly digest could not be sent to %s", user.email)
                report["failed"].append(user)
                continue
            prefs.last_digest_at = self.now
            prefs.save()
            report["sent"].append((user, letter))
        return report
