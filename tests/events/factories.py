"""Factories for the agenda and its events; publishing an event writes its occurrences."""

import datetime

import factory
from django.utils import timezone

from events.models import (
    AgendaPage,
    CampaignIndexPage,
    CampaignPage,
    EventPage,
    NationalCampaign,
    OccurrenceChange,
)
from tests.home.factories import PublishedPageFactory


def paris(year, month, day, hour=0, minute=0):
    """An aware datetime, wall-clock time in Europe/Paris."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def next_week_at(hour, minute=0):
    date = timezone.localdate() + datetime.timedelta(days=7)
    return paris(date.year, date.month, date.day, hour, minute)


class AgendaPageFactory(PublishedPageFactory):
    """The agenda; pass parent=<home page>."""

    title = "Agenda"
    slug = "agenda"

    class Meta:
        model = AgendaPage


class EventPageFactory(PublishedPageFactory):
    """A published single-date event next week; pass parent=<agenda or structure>.

    recurrence="RRULE:FREQ=WEEKLY;BYDAY=TU" (django-recurrence's text) makes it a series;
    occurrence_changes=[OccurrenceChangeFactory.build(…)] go into the published revision.
    """

    title = factory.Sequence(lambda n: f"Événement {n}")
    summary = "Un temps d'échange et de prévention."
    venue = "Salle des fêtes"
    start = factory.LazyFunction(lambda: next_week_at(18, 30))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))

    class Meta:
        model = EventPage


class OccurrenceChangeFactory(factory.django.DjangoModelFactory):
    change = OccurrenceChange.Change.CANCELLED
    reason = "Jour férié"

    class Meta:
        model = OccurrenceChange


class NationalCampaignFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Campagne nationale {n}")
    slug = factory.Sequence(lambda n: f"campagne-nationale-{n}")
    organiser = "Santé publique France"

    class Meta:
        model = NationalCampaign
        django_get_or_create = ["slug"]


# Campaigns -------------------------------------------------------------------------------------


class CampaignIndexPageFactory(PublishedPageFactory):
    """/campagnes/; pass parent=<home page>."""

    title = "Campagnes"
    slug = "campagnes"

    class Meta:
        model = CampaignIndexPage


class CampaignPageFactory(PublishedPageFactory):
    """A published campaign running from a week ago to three weeks ahead; pass parent=<index>.

    kit_items=[KitItem(kind=…, title=…, document=…), …] go into the published revision.
    """

    title = factory.Sequence(lambda n: f"Campagne {n}")
    summary = "Un mois pour en parler, partout sur le territoire."
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=28))

    class Meta:
        model = CampaignPage
