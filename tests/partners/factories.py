"""Factories for taxonomies, structures and actions; pages are created as editors create them."""

import datetime

import factory
from django.utils.text import slugify

from home.models import Commune, Community, Public, Theme
from partners.models import (
    ActionPage,
    Closure,
    OpeningHours,
    StructureContact,
    StructureIndexPage,
    StructurePage,
)
from tests.home.factories import PublishedPageFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Theme
        django_get_or_create = ["slug"]


class PublicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Public {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Public
        django_get_or_create = ["slug"]


class CommunityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Communauté de communes n° {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    class Meta:
        model = Community


class CommuneFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Commune {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    insee_code = factory.Sequence(lambda n: f"{58000 + n % 1000:05d}")
    postal_code = "58000"
    community = factory.SubFactory(CommunityFactory)

    class Meta:
        model = Commune
        django_get_or_create = ["insee_code"]


class StructureIndexPageFactory(PublishedPageFactory):
    """The directory; pass parent=<home page>."""

    title = "Annuaire des acteurs"
    slug = "structures"

    class Meta:
        model = StructureIndexPage


class StructurePageFactory(PublishedPageFactory):
    """A published structure; pass parent=<directory> (live=False for a draft).

    themes=[…], publics=[…] and the area's communes go into the published revision too.
    """

    title = factory.Sequence(lambda n: f"Structure {n}")
    short_description = "Une structure de prévention du territoire."
    typology = "ASSO"
    latitude = "47.200000"
    longitude = "3.500000"
    last_verified = factory.LazyFunction(datetime.date.today)

    class Meta:
        model = StructurePage


class ActionPageFactory(PublishedPageFactory):
    """A published action; pass parent=<structure>."""

    title = factory.Sequence(lambda n: f"Action {n}")
    summary = "Un atelier de prévention."

    class Meta:
        model = ActionPage


class StructureContactFactory(factory.django.DjangoModelFactory):
    role = "Accueil"
    phone = "01 99 00 00 00"
    email = factory.Sequence(lambda n: f"accueil{n}@structure.example")

    class Meta:
        model = StructureContact


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    weekday = 0
    opens = datetime.time(9)
    closes = datetime.time(12)

    class Meta:
        model = OpeningHours


class ClosureFactory(factory.django.DjangoModelFactory):
    start_date = datetime.date(2026, 8, 1)
    end_date = datetime.date(2026, 8, 15)
    reason = "Congés d'été"

    class Meta:
        model = Closure
