"""Keeping the index right where the save that modelsearch indexes on comes too early or never.

- Moving a page rewrites its descendants' tree paths in one SQL update, without saving them:
  their `path` in the index (which `descendant_of()` and `.public()` filter on) would go stale.
  After a move, the page and its descendants are indexed again, one batch per page type.
- A page is indexed on its `post_save`, which a ClusterableModel sends before it writes its
  ParentalManyToMany fields and child objects (themes, publics, kit items): a page is indexed
  again once published, with all of them.
- A many-to-many field set after the save (`form.save_m2m()`, `card.themes.set(…)`) indexes its
  object again.
"""

import logging
from collections import defaultdict

from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from modelsearch.backends import get_search_backends_with_name
from modelsearch.index import class_is_indexed, insert_or_update_object
from wagtail.models import Page
from wagtail.signals import page_published, post_page_move

logger = logging.getLogger(__name__)


@receiver(post_page_move)
def reindex_moved_pages(sender, instance, **kwargs):
    by_model = defaultdict(list)
    for page in Page.objects.get(pk=instance.pk).get_descendants(inclusive=True).specific():
        by_model[type(page)].append(page)
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        for model, pages in by_model.items():
            try:
                backend.add_bulk(model, pages)
            except Exception:
                # As for any save: the move stands, `update_index` will catch up.
                logger.exception("Could not index the pages moved with %r in %r", instance, name)
                if not backend.catch_indexing_errors:
                    raise


@receiver(page_published)
def reindex_published_page(sender, instance, **kwargs):
    insert_or_update_object(instance)


@receiver(m2m_changed)
def reindex_after_many_to_many_change(sender, instance, action, reverse, **kwargs):
    changed = action in ("post_add", "post_remove", "post_clear")
    if changed and not reverse and class_is_indexed(type(instance)):
        insert_or_update_object(instance)
