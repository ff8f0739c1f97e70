"""The Whoosh backend on disk with several writers: `update_index` swapped in while partners
publish, searches during a rebuild, two server processes writing at once, a process killed in the
middle of a write, a rebuild abandoned half-way.

Each test has its own index folder (a backend built on `tmp_path`), not the test process's index.
"""

import gc
import multiprocessing
import os
import signal
import threading
import time
from contextlib import suppress

import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import StandardPage
from search.backends.whoosh import Document, WhooshSearchBackend
from search.store import JOURNAL, REBUILDING
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

FORK = multiprocessing.get_context("fork")


@pytest.fixture
def backend(tmp_path):
    return WhooshSearchBackend({"PATH": str(tmp_path / "index")})


def titles(backend, query, queryset=None):
    queryset = StandardPage.objects.all() if queryset is None else queryset
    return sorted(page.title for page in backend.search(query, queryset))


def generations(backend):
    return list(backend.store.path.glob("gen-*"))


def start_rebuild(backend):
    rebuilder = backend.rebuilder_class(backend.get_index_for_model(Page))
    return rebuilder, rebuilder.start()


@pytest.fixture
def pages(home_page):
    """Three published pages about tuberculosis; not in the test's index until a test adds them."""
    return [
        StandardPageFactory(parent=home_page, title=title, intro="Dépistage de la tuberculose.")
        for title in ("Ancienne page", "Page relue", "Page publiée pendant")
    ]


# Rebuilds -------------------------------------------------------------------------------------


def test_a_page_published_during_update_index_survives_the_swap(backend, pages):
    old, reread, published = pages
    backend.add(old)
    rebuilder, new_index = start_rebuild(backend)
    new_index.add_items(StandardPage, [reread])  # what update_index read from the database

    backend.add(published)  # a partner's page goes live meanwhile
    assert titles(backend, "tuberculose") == ["Ancienne page", "Page publiée pendant"]

    rebuilder.finish()
    assert titles(backend, "tuberculose") == ["Page publiée pendant", "Page relue"]
    assert len(generations(backend)) == 1
    assert not (backend.store.path / REBUILDING).exists()
    assert not (backend.store.path / JOURNAL).exists()


def test_a_page_deleted_during_update_index_stays_deleted_after_the_swap(backend, pages):
    rebuilder, new_index = start_rebuild(backend)
    new_index.add_items(StandardPage, pages)  # read before the deletion

    backend.delete(pages[0])
    rebuilder.finish()

    assert backend.search("tuberculose", StandardPage.objects.all()).count() == 2


def test_a_page_edited_during_update_index_is_found_once_after_the_swap(backend, pages):
    rebuilder, new_index = start_rebuild(backend)
    new_index.add_items(StandardPage, pages)  # read before the edit

    page = pages[0]
    page.title = "Ancienne page corrigée"
    backend.add(page)  # the edit is published meanwhile
    rebuilder.finish()

    results = backend.search("tuberculose", StandardPage.objects.all())
    assert results.count() == 3
    assert len(list(results)) == 3
    assert backend.search("corrigée", StandardPage.objects.all()).count() == 1


def test_searches_during_a_rebuild_keep_returning_the_old_results(backend, pages):
    backend.add(pages[0])
    rebuilder, new_index = start_rebuild(backend)
    new_index.add_items(StandardPage, pages[1:])

    assert titles(backend, "tuberculose") == ["Ancienne page"]
    assert backend.search("relue", StandardPage.objects.all()).count() == 0

    rebuilder.finish()
    assert titles(backend, "tuberculose") == ["Page publiée pendant", "Page relue"]


def test_an_abandoned_rebuild_leaves_the_current_index_usable_and_no_marker(backend, pages):
    backend.add(pages[0])
    rebuilder, new_index = start_rebuild(backend)
    new_index.add_items(StandardPage, pages[1:])
    assert (backend.store.path / REBUILDING).exists()

    del rebuilder, new_index  # update_index died with an error
    gc.collect()

    assert not (backend.store.path / REBUILDING).exists()
    assert not (backend.store.path / JOURNAL).exists()
    assert len(generations(backend)) == 1
    assert titles(backend, "tuberculose") == ["Ancienne page"]
    backend.add(pages[1])
    assert titles(backend, "tuberculose") == ["Ancienne page", "Page relue"]


def test_update_index_swaps_in_a_whole_new_index(backend, pages, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends.whoosh", "PATH": str(backend.store.path)}
    }
    backend.add(pages[0])
    before = backend.store.current_name()

    call_command("update_index", verbosity=0)

    assert backend.store.current_name() != before
    assert titles(backend, "tuberculose") == sorted(page.title for page in pages)
    assert len(generations(backend)) == 1


def test_a_write_that_fails_during_a_rebuild_is_not_replayed_into_the_new_index(backend, pages):
    rebuilder, new_index = start_rebuild(backend)
    new_index.add_items(StandardPage, pages[:1])

    with pytest.raises(RuntimeError), backend.store.writer() as writer:
        writer.update_document(**_document(pages[1]))  # journalled: a rebuild is running
        raise RuntimeError("the request fails after the write")
    rebuilder.finish()

    assert titles(backend, "tuberculose") == ["Ancienne page"]
    assert len(generations(backend)) == 1


def _rebuild_with(path, pages):
    # A forked child shares the open files of its parent, the first rebuild's lock among them; a
    # second `manage.py update_index` would not: let go of them, as a separate process.
    for fd in os.listdir("/proc/self/fd"):
        with suppress(OSError):
            if os.readlink(f"/proc/self/fd/{fd}").startswith(path):
                os.close(int(fd))
    backend = WhooshSearchBackend({"PATH": path})
    rebuilder, new_index = start_rebuild(backend)
    new_index.add_items(StandardPage, pages)
    rebuilder.finish()


def test_a_second_update_index_waits_for_the_first_then_swaps_in_its_own(backend, pages):
    first, first_index = start_rebuild(backend)
    first_index.add_items(StandardPage, pages[:1])
    second = FORK.Process(target=_rebuild_with, args=(str(backend.store.path), pages[1:2]))
    second.start()
    second.join(timeout=0.3)
    assert second.is_alive()  # waiting for the first rebuild's lock

    first.finish()
    second.join(timeout=10)

    assert second.exitcode == 0
    assert titles(backend, "tuberculose") == ["Page relue"]
    assert len(generations(backend)) == 1
    assert not (backend.store.path / REBUILDING).exists()


def _document(page):
    return Document(StandardPage, page).fields()


# Several processes ----------------------------------------------------------------------------


def _bulletins(first, count):
    # Unsaved pages with their own ids: the children index them without touching the database.
    return [
        StandardPage(
            id=n, page_ptr_id=n, title=f"Bulletin {n}", intro="Tuberculose", path=f"9{n:07d}"
        )
        for n in range(first, first + count)
    ]


def _add_five_by_five(path, pages):
    backend = WhooshSearchBackend({"PATH": path})
    for start in range(0, len(pages), 5):
        backend.add_bulk(StandardPage, pages[start : start + 5])  # one locked commit each


def test_two_processes_writing_at_once_lose_nothing(backend):
    backend.add(_bulletins(1, 1)[0])  # the index exists before they start
    children = [
        FORK.Process(target=_add_five_by_five, args=(str(backend.store.path), _bulletins(n, 50)))
        for n in (1000, 2000)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=30)
        assert child.exitcode == 0

    assert backend.search("tuberculose", StandardPage.objects.all()).count() == 101
    index = backend.store.open()
    assert index.doc_count() == 101
    index.close()


def _killed_while_adding(path, page):
    from whoosh.writing import SegmentWriter

    def die(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    SegmentWriter.commit = die  # killed with the document written but not committed
    WhooshSearchBackend({"PATH": path}).add(page)


def test_a_process_killed_in_the_middle_of_a_write_leaves_the_index_usable(backend, pages):
    backend.add(pages[0])
    child = FORK.Process(target=_killed_while_adding, args=(str(backend.store.path), pages[1]))
    child.start()
    child.join(timeout=30)
    assert child.exitcode == -signal.SIGKILL

    assert titles(backend, "tuberculose") == ["Ancienne page"]
    # The store's lock and Whoosh's were the dead process's: the next write does not wait.
    began = time.monotonic()
    backend.add(pages[2])
    assert time.monotonic() - began < 1
    assert titles(backend, "tuberculose") == ["Ancienne page", "Page publiée pendant"]


def test_a_write_killed_during_a_rebuild_is_not_replayed_into_the_new_index(backend, pages):
    rebuilder, new_index = start_rebuild(backend)
    new_index.add_items(StandardPage, pages[:1])
    child = FORK.Process(target=_killed_while_adding, args=(str(backend.store.path), pages[1]))
    child.start()
    child.join(timeout=30)
    assert child.exitcode == -signal.SIGKILL

    rebuilder.finish()

    assert titles(backend, "tuberculose") == ["Ancienne page"]
    assert len(generations(backend)) == 1


def test_threads_of_one_server_process_writing_at_once_lose_nothing(backend):
    batches = [_bulletins(n, 10) for n in (100, 200, 300, 400)]
    errors = []

    def write(pages):
        try:
            _add_five_by_five(str(backend.store.path), pages)
            for page in pages[:2]:
                backend.add(page)  # the same backend object, from several threads
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=write, args=(pages,)) for pages in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert backend.search("tuberculose", StandardPage.objects.all()).count() == 40
