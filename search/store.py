"""Where the Whoosh index lives on disk, and how it is replaced without searches noticing.

The index folder holds generations, each a complete Whoosh index in its own sub-folder, and a
`CURRENT` file naming the generation searches read. A rebuild writes a new generation next to
the current one, then replaces `CURRENT` with `os.replace` (atomic on POSIX): a search opens
either the old index or the new one, never a half-built one. Older generations are removed
afterwards; a searcher that still has one open keeps reading its files (POSIX keeps unlinked
files readable).

Incremental writes take the store's `LOCK` file (an `fcntl` lock, released by the kernel if the
process dies) and then Whoosh's own lock, so several server processes write in turn; a process
that dies while writing leaves the generation as its last commit was (Whoosh writes new segment
files, then its table of contents, last).

A write that happens while a rebuild runs (a partner publishes during `update_index`) goes to the
current generation and is also written to a journal; the rebuild replays the journal into the
new generation before swapping it in, under the same lock, so nothing published meanwhile is lost.
"""

import fcntl
import os
import pickle
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import LockError

CURRENT = "CURRENT"
GENERATION_PREFIX = "gen-"
LOCK = "LOCK"
REBUILDING = "REBUILDING"
REBUILD_LOCK = "REBUILD_LOCK"
JOURNAL = "JOURNAL"


class JournalledWriter:
    """A Whoosh writer that also notes its changes, for the rebuild journal when one is open
    (written only once the writer has committed: a cancelled write is not replayed)."""

    def __init__(self, writer):
        self.writer = writer
        self.changes = []

    def update_document(self, **document):
        self.writer.update_document(**document)
        self.changes.append(("update", document))

    def delete_by_term(self, fieldname, text):
        self.writer.delete_by_term(fieldname, text)
        self.changes.append(("delete", (fieldname, text)))

    def __getattr__(self, name):
        return getattr(self.writer, name)


class IndexStore:
    def __init__(self, path, schema_factory):
        self.path = Path(path)
        self.schema_factory = schema_factory

    # Generations ------------------------------------------------------------------------------

    def _current_name(self):
        try:
            name = (self.path / CURRENT).read_text().strip()
        except FileNotFoundError:
            return None
        return name if name.startswith(GENERATION_PREFIX) else None

    def _new_generation(self):
        name = f"{GENERATION_PREFIX}{time.time_ns()}-{uuid.uuid4().hex[:8]}"
        folder = self.path / name
        folder.mkdir(parents=True)
        whoosh_index.create_in(folder, self.schema_factory())
        return name

    def _point_to(self, name):
        """Make `name` the current generation, atomically."""
        temporary = self.path / f"{CURRENT}.{uuid.uuid4().hex}"
        temporary.write_text(name)
        os.replace(temporary, self.path / CURRENT)

    def _remove_other_generations(self, keep):
        for folder in self.path.glob(f"{GENERATION_PREFIX}*"):
            if folder.name != keep:
                shutil.rmtree(folder, ignore_errors=True)

    @contextmanager
    def _locked(self, timeout=None):
        """The store's lock between processes (and threads: each call opens its own file),
        waited for up to `timeout` seconds (forever if None), then LockError."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / LOCK, "a") as lock_file:
            if timeout is None:
                fcntl.flock(lock_file, fcntl.LOCK_EX)
            else:
                deadline = time.monotonic() + timeout
                while True:
                    try:
                        fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() >= deadline:
                            raise LockError(f"{self.path} is locked by another writer") from None
                        time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _rebuild_running(self):
        """Whether a rebuild is filling a new generation. A rebuild holds REBUILD_LOCK while it
        runs; a marker whose lock is free was left by a rebuild that died, and is cleared."""
        if not (self.path / REBUILDING).exists():
            return False
        with open(self.path / REBUILD_LOCK, "a") as lock_file:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(lock_file, fcntl.LOCK_UN)
        (self.path / REBUILDING).unlink(missing_ok=True)
        (self.path / JOURNAL).unlink(missing_ok=True)
        return False

    def current_name(self):
        """The current generation's name (it changes when a rebuild is swapped in)."""
        return self._current_name()

    # Reading and writing ----------------------------------------------------------------------

    def open(self):
        """The current index, created empty on first use."""
        name = self._current_name()
        if name is None or not (self.path / name).is_dir():
            self.path.mkdir(parents=True, exist_ok=True)
            name = self._new_generation()
            self._point_to(name)
        return whoosh_index.open_dir(self.path / name)

    @contextmanager
    def writer(self, timeout=10.0):
        """A writer on the current index, committed on success, cancelled on error.

        Waits up to `timeout` seconds for another process's writer to finish.
        """
        deadline = time.monotonic() + timeout
        with self._locked(timeout):
            index = self.open()
            while True:
                try:
                    writer = index.writer()
                    break
                except LockError:
                    if time.monotonic() >= deadline:
                        index.close()
                        raise
                    time.sleep(0.05)
            journalled = JournalledWriter(writer)
            try:
                yield journalled
            except BaseException:
                writer.cancel()
                raise
            else:
                writer.commit()
                if self._rebuild_running():
                    with open(self.path / JOURNAL, "ab") as journal:
                        for change in journalled.changes:
                            pickle.dump(change, journal)
            finally:
                index.close()

    @contextmanager
    def rebuilding(self):
        """A writer on a brand-new, empty generation, made current only when it commits.

        Searches go on reading the current generation meanwhile; on error the new generation is
        thrown away and the current one stays.
        """
        self.path.mkdir(parents=True, exist_ok=True)
        rebuild_lock = open(self.path / REBUILD_LOCK, "a")  # noqa: SIM115 (closed in finally)
        try:
            # One rebuild at a time; a second waits for the first.
            fcntl.flock(rebuild_lock, fcntl.LOCK_EX)
            with self._rebuilding() as writer:
                yield writer
        finally:
            rebuild_lock.close()  # releases the lock

    @contextmanager
    def _rebuilding(self):
        with self._locked():
            name = self._new_generation()
            (self.path / JOURNAL).unlink(missing_ok=True)
            (self.path / REBUILDING).write_text(name)
        index = whoosh_index.open_dir(self.path / name)
        writer = index.writer()
        try:
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            # What was written to the current generation meanwhile is applied with a second
            # writer: Whoosh's deletes and updates do not reach documents still buffered in the
            # first one.
            with self._locked():
                with index.writer() as replay:
                    self._replay_journal(replay)
                index.close()
                self._point_to(name)
                (self.path / REBUILDING).unlink(missing_ok=True)
                (self.path / JOURNAL).unlink(missing_ok=True)
        except BaseException:
            index.close()
            with self._locked():
                (self.path / REBUILDING).unlink(missing_ok=True)
                (self.path / JOURNAL).unlink(missing_ok=True)
            shutil.rmtree(self.path / name, ignore_errors=True)
            raise
        self._remove_other_generations(keep=name)

    def _replay_journal(self, writer):
        """Apply to the new generation what was written to the current one during the rebuild."""
        try:
            journal = open(self.path / JOURNAL, "rb")  # noqa: SIM115
        except FileNotFoundError:
            return
        with journal:
            while True:
                try:
                    action, payload = pickle.load(journal)  # noqa: S301 (our own file)
                except (EOFError, pickle.UnpicklingError, ValueError):
                    break  # the end, or a record cut short by a writer killed while appending
                if action == "update":
                    writer.update_document(**payload)
                else:
                    writer.delete_by_term(*payload)

    def reset(self):
        """Replace the index by an empty one."""
        with self.rebuilding():
            pass
