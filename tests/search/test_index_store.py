"""The Whoosh index on disk (search/store.py): atomic rebuilds, locked writers, crashes."""

import multiprocessing
import os
import pickle
import signal
import time

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import QueryParser
from whoosh.writing import LockError, SegmentWriter

from search.analysis import french_analyzer
from search.store import CURRENT, JOURNAL, REBUILDING, IndexStore


def schema():
    return Schema(pk=ID(stored=True, unique=True), body=TEXT(analyzer=french_analyzer()))


@pytest.fixture
def store(tmp_path):
    return IndexStore(tmp_path / "index", schema)


def found(store, text):
    index = store.open()
    with index.searcher() as searcher:
        query = QueryParser("body", index.schema).parse(text)
        return sorted(hit["pk"] for hit in searcher.search(query))


def test_an_empty_index_is_created_on_first_use(store):
    assert found(store, "prevention") == []
    assert (store.path / CURRENT).exists()


def test_written_documents_are_found_in_french(store):
    with store.writer() as writer:
        writer.add_document(pk="1", body="Préventions des addictions")
    assert found(store, "prevention") == ["1"]


def test_searches_read_the_old_index_until_the_rebuild_commits(store):
    with store.writer() as writer:
        writer.add_document(pk="old", body="vaccination")
    with store.rebuilding() as writer:
        writer.add_document(pk="new", body="vaccination")
        assert found(store, "vaccination") == ["old"]  # meanwhile
    assert found(store, "vaccination") == ["new"]
    assert len(list(store.path.glob("gen-*"))) == 1  # the old generation is gone


def test_a_failed_rebuild_leaves_the_index_as_it_was(store):
    with store.writer() as writer:
        writer.add_document(pk="1", body="santé mentale")
    with pytest.raises(RuntimeError), store.rebuilding() as writer:
        writer.add_document(pk="2", body="santé mentale")
        raise RuntimeError("the rebuild dies")
    assert found(store, "sante") == ["1"]
    assert len(list(store.path.glob("gen-*"))) == 1


def test_a_writer_that_fails_commits_nothing(store):
    with pytest.raises(RuntimeError), store.writer() as writer:
        writer.add_document(pk="1", body="aidants")
        raise RuntimeError
    assert found(store, "aidant") == []


def _die_while_writing(path):
    import os

    writer = IndexStore(path, schema).open().writer()
    writer.add_document(pk="ghost", body="tabac")
    os._exit(1)  # no commit, no cleanup, the lock file left behind


def test_a_process_killed_mid_write_leaves_a_readable_index(store):
    with store.writer() as writer:
        writer.add_document(pk="1", body="tabac")
    process = multiprocessing.get_context("fork").Process(
        target=_die_while_writing, args=(store.path,)
    )
    process.start()
    process.join()
    assert found(store, "tabac") == ["1"]
    # Whoosh's lock is an OS file lock: it died with its process, so writing goes on.
    with store.writer(timeout=2) as writer:
        writer.add_document(pk="2", body="tabac")
    assert found(store, "tabac") == ["1", "2"]


# Writes during a rebuild, dead rebuilds, waiting writers ---------------------------------------

FORK = multiprocessing.get_context("fork")


def test_a_write_during_a_rebuild_is_replayed_into_the_new_index(store):
    with store.rebuilding() as rebuild:
        rebuild.update_document(pk="1", body="tabac")
        with store.writer() as writer:
            writer.update_document(pk="2", body="tabac")  # a page published meanwhile
            writer.delete_by_term("pk", "0")
        assert (store.path / JOURNAL).exists()
    assert found(store, "tabac") == ["1", "2"]
    assert not (store.path / JOURNAL).exists() and not (store.path / REBUILDING).exists()


def _die_while_rebuilding(path):
    rebuild = IndexStore(path, schema).rebuilding()
    rebuild.__enter__().update_document(pk="half", body="tabac")
    os._exit(1)  # update_index killed: its marker and new generation stay behind


def test_the_marker_of_a_dead_rebuild_is_cleared_by_the_next_write(store):
    with store.writer() as writer:
        writer.update_document(pk="1", body="tabac")
    process = FORK.Process(target=_die_while_rebuilding, args=(str(store.path),))
    process.start()
    process.join()
    assert (store.path / REBUILDING).exists()

    with store.writer(timeout=2) as writer:
        writer.update_document(pk="2", body="tabac")

    assert not (store.path / REBUILDING).exists()
    assert not (store.path / JOURNAL).exists()  # nothing journalled for a rebuild that is gone
    assert found(store, "tabac") == ["1", "2"]
    store.reset()  # the next rebuild sweeps the dead one's generation
    assert len(list(store.path.glob("gen-*"))) == 1


def _write_slowly(path, seconds):
    with IndexStore(path, schema).writer() as writer:
        writer.update_document(pk="slow", body="tabac")
        time.sleep(seconds)


def test_a_writer_waits_for_another_process_writer_then_writes(store):
    store.open().close()
    process = FORK.Process(target=_write_slowly, args=(str(store.path), 0.3))
    process.start()
    time.sleep(0.1)  # the other process holds the locks

    with store.writer(timeout=5) as writer:
        writer.update_document(pk="mine", body="tabac")
    process.join()

    assert found(store, "tabac") == ["mine", "slow"]


def test_a_writer_gives_up_after_its_timeout_when_another_is_stuck(store):
    store.open().close()
    process = FORK.Process(target=_write_slowly, args=(str(store.path), 1.5))
    process.start()
    time.sleep(0.1)

    began = time.monotonic()
    try:
        with pytest.raises(LockError), store.writer(timeout=0.2) as writer:
            writer.update_document(pk="mine", body="tabac")
        assert time.monotonic() - began < 1
    finally:
        process.join()


def _killed_after_journalling(path, body):
    def die(self, *args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)

    SegmentWriter.commit = die
    with IndexStore(path, schema).writer() as writer:
        writer.update_document(pk="ghost", body=body)


def test_a_write_killed_before_its_commit_during_a_rebuild_is_not_replayed(store):
    with store.writer() as writer:
        writer.update_document(pk="old", body="tabac")
    with store.rebuilding() as rebuild:
        rebuild.update_document(pk="new", body="tabac")
        process = FORK.Process(
            target=_killed_after_journalling, args=(str(store.path), "tabac " * 20_000)
        )
        process.start()
        process.join()
        assert process.exitcode == -signal.SIGKILL
        # Changes are journalled once committed: this one never was.
        assert not (store.path / JOURNAL).exists()

    assert found(store, "tabac") == ["new"]


def test_a_journal_cut_short_is_replayed_up_to_its_last_whole_change(store):
    with store.rebuilding() as rebuild:
        rebuild.update_document(pk="new", body="tabac")
        with store.writer() as writer:
            writer.update_document(pk="meanwhile", body="tabac")
        # A process killed while appending its changes leaves half a record behind.
        with open(store.path / JOURNAL, "ab") as journal:
            journal.write(pickle.dumps(("update", {"pk": "cut", "body": "tabac"}))[:-7])

    assert sorted(found(store, "tabac")) == ["meanwhile", "new"]
