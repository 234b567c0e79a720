"""A copy of a database to serve while other processes write to it (``detente serve``).

DuckDB lets one process write a file and no other process read it meanwhile, so a server
holding the database open would keep ``detente ingest`` out. The server answers from a
copy instead: the file (and its WAL) is copied while a read-only connection to it is held,
for the length of the copy only, so that no writer commits halfway. Every ``refresh``
seconds a thread compares the file with the one copied; when it changed and no writer holds
it, it is copied again and the new copy swapped in: queries running on the old copy finish
there, and the old copy is deleted after the last of them. A file that can no longer be
read (damaged, truncated, deleted, not a detente database) leaves the last good copy served
and is reported by :attr:`Snapshot.error`.

The copies live in a hidden folder beside the database (``.NAME.snapshot-*``; in the
system's temporary folder when the database's folder cannot be written), one folder per
process, locked while the process lives. A server that was killed leaves its folder
unlocked, and the next one to start removes it.
"""
from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from .errors import InputError
from ._util import one_line
from .store import _ONE_AT_A_TIME, Locked, connect

REFRESH = 2.0            # seconds between looks at the database


class _Copy:
    """One copy, open, with the number of cursors in use."""

    def __init__(self, path: Path, con, signature):
        self.path, self.con, self.signature = path, con, signature
        self.users, self.retired = 0, False

    def drop(self) -> None:
        with _ONE_AT_A_TIME:
            self.con.close()
        _delete(self.path)


class Snapshot:
    """The database ``db`` as last copied, refreshed every ``refresh`` seconds by a thread
    of its own; ``on_change`` is called (on that thread) after each new copy is swapped in.
    Raises :class:`InputError` when the database cannot be copied at start."""

    def __init__(self, db: str | Path, refresh: float = REFRESH, on_change: Callable[[], None] | None = None):
        self.db, self.refresh, self.on_change = Path(db), refresh, on_change
        self.error: str | None = None        # why the database cannot be read now, if it cannot
        self.generation = 0                  # copies swapped in so far
        self._lock = threading.Lock()
        self._count = 0
        self._copying = 0.0                  # seconds the last copy took
        self._folder, self._folder_lock = _own_folder(self.db)
        try:
            self._current = self._take(wait=30.0)
        except BaseException:
            self._remove_folder()
            raise
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="detente-snapshot", daemon=True)
        self._thread.start()
        atexit.register(self.close)          # when no server shutdown closes it first

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the current copy, which stays open until the cursor is closed."""
        with self._lock:        # creating cursors of one connection from many threads is not safe
            copy = self._current
            cur = copy.con.cursor()
            copy.users += 1
        try:
            yield cur
        finally:
            cur.close()
            with self._lock:
                copy.users -= 1
                idle = copy.retired and copy.users == 0
            if idle:
                copy.drop()

    def maybe_refresh(self) -> bool:
        """Copy the database again if it changed since the last copy and no writer holds it
        now; True when a new copy is served. Sets or clears :attr:`error`."""
        if _signature(self.db) == self._current.signature:
            self.error = None
            return False
        try:
            new = self._take(wait=0)
        except InputError as e:
            self.error = str(e)
            return False
        self.error = None
        if new is None:                      # a writer holds it: next time
            return False
        with self._lock:
            old, self._current = self._current, new
            self.generation += 1
            old.retired = True
            idle = old.users == 0
        if idle:
            old.drop()
        if self.on_change is not None:
            self.on_change()
        return True

    def close(self) -> None:
        """Stop refreshing and delete the copies."""
        if self._stop.is_set():
            return
        self._stop.set()
        try:
            if threading.current_thread() is not self._thread:
                self._thread.join()
            self._current.drop()
        finally:
            self._remove_folder()        # (a close that fails is not tried again: see the flag above)

    def _take(self, wait: float) -> _Copy | None:
        """A new copy, or None while a writer holds the database (after ``wait`` seconds)."""
        try:
            with _ONE_AT_A_TIME:
                original = connect(self.db, read_only=True, wait=wait)     # keeps writers out meanwhile
        except Locked:
            if wait:
                raise
            return None
        self._count += 1
        path = self._folder / f"{self._count}.duckdb"
        try:
            signature, began = _signature(self.db), time.monotonic()
            shutil.copyfile(self.db, path)
            if _wal(self.db).exists():
                shutil.copyfile(_wal(self.db), _wal(path))
            self._copying = time.monotonic() - began
        except OSError as e:
            _delete(path)
            raise InputError(f"{self.db}: cannot copy the database to serve it ({e.strerror or e})") from None
        finally:
            with _ONE_AT_A_TIME:
                original.close()
        try:
            with _ONE_AT_A_TIME:
                return _Copy(path, duckdb.connect(str(path), read_only=True), signature)
        except duckdb.Error as e:
            _delete(path)
            raise InputError(f"{self.db}: cannot open the copy served ({one_line(str(e), 200)})") from None

    def _watch(self) -> None:
        """Look every ``refresh`` seconds, or ten copies' time when copying takes longer:
        writers wait while a copy is made, and should not wait more than a tenth of the time."""
        while not self._stop.wait(max(self.refresh, 10 * self._copying)):
            try:
                self.maybe_refresh()
            except Exception as e:           # the thread goes on, and health tells
                self.error = f"{self.db}: cannot refresh the copy served ({type(e).__name__}: {one_line(str(e), 200)})"

    def _remove_folder(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)
        os.close(self._folder_lock)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _delete(copy: Path) -> None:
    for path in (copy, _wal(copy)):
        path.unlink(missing_ok=True)


def _signature(db: Path) -> tuple:
    """What tells a changed database: inode, size and time of the file and of its WAL."""
    def one(path: Path):
        try:
            st = path.stat()
        except OSError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns
    return one(db), one(_wal(db))


def _own_folder(db: Path) -> tuple[Path, int]:
    """A new folder for this process's copies, locked (the lock's descriptor is returned
    with it), after removing the folders of processes that are gone."""
    prefix = f".{db.name}.snapshot-"
    try:
        folder = _new_folder(db.parent, prefix)
    except OSError:                                  # the database's folder is read-only
        prefix = "detente-snapshot-"
        folder = _new_folder(Path(tempfile.gettempdir()), prefix)
    fd = os.open(folder / "lock.new", os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.rename(folder / "lock.new", folder / "lock")        # so a "lock" found unlocked is a dead one's
    return folder, fd


def _new_folder(root: Path, prefix: str) -> Path:
    for old in root.glob(prefix + "*"):
        if _dead(old):
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=root))


def _dead(folder: Path) -> bool:
    """Whether the process that made ``folder`` is gone: its lock is free."""
    try:
        fd = os.open(folder / "lock", os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
