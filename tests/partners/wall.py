"""Helpers of the test_wall_* modules: factories of the wall and its cards, addresses.

The fixtures live in wall_fixtures.py, which each module loads with
`pytest_plugins = ["tests.partners.wall_fixtures"]`.
"""

import datetime
import io

import factory
from django.utils import timezone
from PIL import Image
from wagtail.models import Site

from partners.models import WallCard, WallCardKind, WallCardStatus, WallPage, WallSettings
from tests.home.factories import PublishedPageFactory


class WallPageFactory(PublishedPageFactory):
    """The wall; pass parent=<home page>. Its login restriction comes from the signal."""

    title = "Réseau des partenaires"
    slug = "reseau"
    intro = "Le mur des partenaires du contrat local de santé."

    class Meta:
        model = WallPage


class WallCardFactory(factory.django.DjangoModelFactory):
    """A published card, visible for a month; pass author=…, status=…, expires_on=…"""

    kind = WallCardKind.NEWS
    title = factory.Sequence(lambda n: f"Carte {n}")
    text = "<p>Un atelier ouvert à tous les partenaires.</p>"
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = WallCardStatus.PUBLISHED
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == WallCardStatus.PUBLISHED else None
    )

    class Meta:
        model = WallCard
        skip_postgeneration_save = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


def image_bytes(width=40, height=30, fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (0, 97, 107)).save(buffer, format=fmt)
    return buffer.getvalue()


def wall_url(wall, route="cards", *args):
    return wall.url + wall.reverse_subpage(route, args=args)


def set_moderation(mode, cards_per_day=5):
    settings = WallSettings.for_site(Site.objects.get(is_default_site=True))
    settings.moderation = mode
    settings.cards_per_day = cards_per_day
    settings.save()
