"""The Whoosh index on disk (search/store.py): atomic rebuilds, locked writers, crashes."""

import multiprocessing

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import QueryParser

from search.analysis import french_analyzer
from search.store import CURRENT, IndexStore


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
