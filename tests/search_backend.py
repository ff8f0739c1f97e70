"""The Whoosh backend as the test suite runs it.

Each test runs in a database transaction rolled back after it, but an index on disk is not rolled
back: what an earlier test published, changed or deleted would stay in it. So the index is marked
stale when each test starts (tests/conftest.py) and rebuilt from the test's own database on the
test's first search; from then on, the test's writes update it incrementally as in production.
Writes made while the index is stale are skipped: the rebuild reads them from the database.
"""

from modelsearch.index import get_indexed_models

from search.backends.whoosh import WhooshIndex, WhooshSearchBackend


class StaleAwareIndex(WhooshIndex):
    def add_items(self, model, items):
        if self.writer is None and self.backend.stale:
            return
        super().add_items(model, items)

    def delete_item(self, item):
        if self.writer is None and self.backend.stale:
            return
        super().delete_item(item)


class SearchBackend(WhooshSearchBackend):
    index_class = StaleAwareIndex
    stale = True  # on the class: Wagtail makes a backend object per search

    def rebuild_from_database(self):
        SearchBackend.stale = False
        rebuilder = self.rebuilder_class(self.index_class(self))
        index = rebuilder.start()
        for model in get_indexed_models():
            objects = list(model.get_indexed_objects())
            if objects:
                index.add_items(model, objects)
        rebuilder.finish()

    def searcher(self):
        if self.stale:
            self.rebuild_from_database()
        return super().searcher()
