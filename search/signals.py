"""Keeping the index right where Wagtail's saves do not reach it.

Moving a page rewrites its descendants' tree paths in one SQL update, without saving them: their
`path` in the index (which `descendant_of()` and `.public()` filter on) would go stale. After a
move, the page and its descendants are indexed again, one batch per page type.
"""

import logging
from collections import defaultdict

from django.dispatch import receiver
from modelsearch.backends import get_search_backends_with_name
from wagtail.models import Page
from wagtail.signals import post_page_move

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
