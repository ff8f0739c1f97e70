"""Factories for the home app's pages and for Wagtail media, built on Wagtail's own."""

import io
from contextlib import contextmanager

import factory
from modelsearch import signal_handlers as modelsearch_signals
from PIL import Image
from wagtail.models import Collection
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.test.utils import wagtail_factories

from home.models import (
    CallForProjectsIndexPage,
    CallForProjectsPage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)


def root_collection():
    return Collection.get_first_root_node()


def png_bytes(width=64, height=48, colour=(0, 97, 107)):
    """A real PNG file's bytes, for upload tests."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


class ImageFactory(wagtail_factories.ImageFactory):
    # Wagtail's factory would create a new root collection for every image.
    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Image {n}")


class DocumentFactory(wagtail_factories.DocumentFactory):
    collection = factory.LazyFunction(root_collection)
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.django.FileField(filename="guide.pdf", data=b"%PDF-1.4 " + b"x" * 2048)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # As Wagtail's upload form does: record the file's size and hash.
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


class _NoTask:
    @staticmethod
    def enqueue(*args, **kwargs):
        return None


@contextmanager
def indexes_updated_by_last_save_only():
    """Skip the search and reference index updates of the saves made inside (the test suite
    creates thousands of pages; each index update costs as much as the save itself)."""
    task = modelsearch_signals.insert_or_update_object_task
    modelsearch_signals.insert_or_update_object_task = _NoTask
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        modelsearch_signals.insert_or_update_object_task = task


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page created as editors do: added under its parent, then published (live=False: a draft).

    Publishing sends Wagtail's page_published signal, which the site's caches listen to.
    """

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        live = kwargs.pop("live", True)
        page = model_class(live=False, **kwargs)
        if not live:
            parent.add_child(instance=page)
            page.save_revision()
            return page
        # The page is saved three times (added, revised, published): only the last save needs
        # to reach the search and reference indexes, as it carries the final state.
        with indexes_updated_by_last_save_only():
            parent.add_child(instance=page)
            revision = page.save_revision()
        revision.publish()
        page.refresh_from_db()
        return page

    class Meta:
        abstract = True


class StandardPageFactory(PublishedPageFactory):
    """A published standard page; pass parent=<page>."""

    title = factory.Sequence(lambda n: f"Page standard {n}")
    intro = "Une page pour les tests."

    class Meta:
        model = StandardPage


# News and calls for projects -------------------------------------------------------------------


class NewsIndexPageFactory(PublishedPageFactory):
    """The news listing; pass parent=<home page>."""

    title = "Actualités"
    slug = "actualites"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(PublishedPageFactory):
    """A published news item dated today; pass parent=<news index>."""

    title = factory.Sequence(lambda n: f"Actualité {n}")
    summary = "Une nouvelle du contrat local de santé."

    class Meta:
        model = NewsPage


class CallForProjectsIndexPageFactory(PublishedPageFactory):
    """The calls for projects' listing; pass parent=<home page>."""

    title = "Appels à projets"
    slug = "appels-a-projets"

    class Meta:
        model = CallForProjectsIndexPage


class CallForProjectsPageFactory(PublishedPageFactory):
    """A published permanent call (no deadline); pass parent=<calls index>, deadline=<date>."""

    title = factory.Sequence(lambda n: f"Appel à projets {n}")
    funder = "ARS Bourgogne-Franche-Comté"
    summary = "Des projets de prévention au plus près des habitants."
    eligibility = "<p>Associations et collectivités du territoire.</p>"

    class Meta:
        model = CallForProjectsPage
