"""Where the Whoosh index lives on disk, and how it is replaced without searches noticing.

The index folder holds generations, each a complete Whoosh index in its own sub-folder, and a
`CURRENT` file naming the generation searches read. A rebuild writes a new generation next to
the current one, then replaces `CURRENT` with `os.replace` (atomic on POSIX): a search opens
either the old index or the new one, never a half-built one. Older generations are removed
afterwards; a searcher that still has one open keeps reading its files (POSIX keeps unlinked
files readable).

Incremental writes use Whoosh's own lock (a `WRITELOCK` file per generation), so several server
processes may write in turn; a process that dies while writing leaves the generation as its
last commit was (Whoosh writes new segment files, then its table of contents, last).
"""

import os
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import LockError

CURRENT = "CURRENT"
GENERATION_PREFIX = "gen-"


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
        index = self.open()
        deadline = time.monotonic() + timeout
        while True:
            try:
                writer = index.writer()
                break
            except LockError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        else:
            writer.commit()

    @contextmanager
    def rebuilding(self):
        """A writer on a brand-new, empty generation, made current only when it commits.

        Searches go on reading the current generation meanwhile; on error the new generation is
        thrown away and the current one stays.
        """
        self.path.mkdir(parents=True, exist_ok=True)
        name = self._new_generation()
        index = whoosh_index.open_dir(self.path / name)
        writer = index.writer()
        try:
            yield writer
        except BaseException:
            writer.cancel()
            index.close()
            shutil.rmtree(self.path / name, ignore_errors=True)
            raise
        writer.commit()
        index.close()
        self._point_to(name)
        self._remove_other_generations(keep=name)
