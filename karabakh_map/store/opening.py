"""Opening a store safely: one clear line for what cannot be a store, never a write to a
store that is not ours, and reading a store we may not write.

`open_engine(url)` checks before it connects (the URL names SQLite or PostgreSQL; an
SQLite path is a regular file, not a folder or a device, holds an SQLite database and is
not cut short), then checks what it finds (a database of another application, or of a
newer karabakh-map, is refused before any write) and only then migrates. An SQLite store
that this process cannot write (a read-only file, folder or file system) is opened
read-only: `mode=ro` (or `immutable=1` when its folder cannot even take the lock file and
there is no write-ahead log to read), without the WAL pragma, and not migrated. Every
refusal is a db.StoreUnavailable whose message is one line.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa

from karabakh_map.store import schema
from karabakh_map.store.db import BUSY_TIMEOUT_MS, StoreUnavailable, make_engine, store_url
from karabakh_map.store.migrations import MIGRATIONS, applied, migrate

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKENDS = ("sqlite", "postgresql")
OURS = "schema_migrations"  # the table every store of ours has from its first migration


@dataclass(frozen=True)
class Opened:
    """How a store was opened: `created` (a new SQLite file), `read_only`, `path`."""

    path: Path | None  # the SQLite file (None: PostgreSQL or in memory)
    created: bool = False
    read_only: bool = False


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite store URL (None for PostgreSQL, memory or a bad URL)."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser()


def store_files(url: str | None) -> list[Path]:
    """The files an SQLite store lives in (database, WAL, shared memory, journal): what an
    export must never overwrite. Empty for other stores."""
    from karabakh_map.store.db import resolve_url

    path = sqlite_path(resolve_url(url)[0])
    if path is None:
        return []
    return [path, *(Path(f"{path}{end}") for end in ("-wal", "-shm", "-journal"))]


def check_url(url: str) -> Opened:
    """Refuse, with one line, a URL that cannot name a store of ours; say whether an
    SQLite store will be created, or must be opened read-only."""
    parsed = store_url(url)  # not a URL; PostgreSQL without its driver
    backend = parsed.get_backend_name()
    if backend not in BACKENDS:
        raise StoreUnavailable(f"{backend}:// stores are not supported: karabakh-map keeps "
                               "its events in SQLite (sqlite:///PATH) or PostgreSQL "
                               "(postgresql://...)")
    path = sqlite_path(url)
    if path is None:
        return Opened(None)
    shown = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        parent = _existing_parent(path)
        if not parent.is_dir():
            raise StoreUnavailable(f"cannot create the store {shown!r}: {str(parent)!r} is "
                                   "not a folder") from None
        if not os.access(parent, os.W_OK | os.X_OK):
            raise StoreUnavailable(f"cannot create the store {shown!r}: the folder "
                                   f"{str(parent)!r} is not writable") from None
        return Opened(path, created=True)
    except OSError as err:
        raise StoreUnavailable(f"cannot open the store {shown!r}: {err.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreUnavailable(f"the store {shown!r} is a folder: give the path of a store "
                               f"file in it (e.g. {str(path / 'events.sqlite')!r})")
    if not stat.S_ISREG(info.st_mode):
        raise StoreUnavailable(f"the store {shown!r} is not a regular file (a device or a "
                               "pipe): give the path of a store file")
    _check_sqlite_file(path, info.st_size)
    # An empty file is a new store to SQLite: it is created, as a missing file would be.
    return Opened(path, created=info.st_size == 0, read_only=not _writable(path))


def _existing_parent(path: Path) -> Path:
    parent = path.absolute().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


def _writable(path: Path) -> bool:
    """Whether this process may write the store (the file, and its folder for the WAL)."""
    folder = path.absolute().parent
    wal = Path(f"{path}-wal")
    return os.access(path, os.W_OK) and (
        os.access(folder, os.W_OK) or (wal.exists() and os.access(wal, os.W_OK)))


def _check_sqlite_file(path: Path, size: int) -> None:
    """An existing file must be empty or an SQLite database as long as its header says."""
    if size == 0:
        return
    try:
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as err:
        raise StoreUnavailable(f"cannot read the store {str(path)!r}: {err.strerror}") from None
    if not head.startswith(SQLITE_MAGIC):
        raise StoreUnavailable(f"{str(path)!r} is not an SQLite database (not a store, or "
                               "damaged): not opened")
    if len(head) == 100:
        page_size = int.from_bytes(head[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(head[28:32], "big")
        header_valid = head[24:28] == head[92:96]  # else the in-header size is stale
        if header_valid and pages and size < pages * page_size:
            raise StoreUnavailable(
                f"the store {str(path)!r} is damaged: cut short ({size:,} of "
                f"{pages * page_size:,} bytes); restore it from a backup")


def read_only_engine(path: Path) -> sa.Engine:
    """An engine that only reads the SQLite store at `path` (no WAL pragma, no lock file
    when the folder cannot take one and there is no WAL to read)."""
    folder, wal = path.absolute().parent, Path(f"{path}-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    flags = "mode=ro" + ("&immutable=1" if not os.access(folder, os.W_OK) and not has_wal
                         else "")
    uri = f"file:{quote(str(path.absolute()))}?{flags}"
    engine = sa.create_engine(f"sqlite:///{uri}&uri=true",
                              connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # BEGIN from the "begin" event, as db.py does
        dbapi_conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def check_schema(engine: sa.Engine, where: str) -> list[str]:
    """The migrations the store lacks; refuses another application's database, a store of
    a newer karabakh-map, and a damaged file, before anything is written."""
    known = [name for name, _ in MIGRATIONS]
    try:
        inspector = sa.inspect(engine)
        tables = set(inspector.get_table_names())
        if not tables:
            return known
        columns = ({c["name"] for c in inspector.get_columns(OURS)} if OURS in tables
                   else set())
        names = applied(engine) if "name" in columns else []
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        reason = _reason(exc)
        if engine.dialect.name != "sqlite":  # no server, refused, no such database...
            raise StoreUnavailable(f"cannot open the store {where}: {reason}") from None
        raise StoreUnavailable(f"the store {where} is damaged or not a database ({reason}); "
                               "restore it from a backup") from None
    if not names and "name" in columns and tables <= set(schema.metadata.tables):
        # Only our own (empty) tables: another process is creating this store right now;
        # migrate() waits for it and applies what is missing.
        return known
    if not names or names[0] != known[0]:
        engine.dispose()
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreUnavailable(f"{where} is not a karabakh-map store (it holds tables "
                               f"{shown}: another application's database?); not written to")
    unknown = [n for n in names if n not in known]
    if unknown:
        engine.dispose()
        raise StoreUnavailable(f"the store {where} was written by a newer karabakh-map "
                               f"(migration {unknown[0]} is unknown here): upgrade "
                               "karabakh-map to use it; not written to")
    return [n for n in known if n not in names]


def open_engine(url: str) -> tuple[sa.Engine, Opened]:
    """Check `url`, connect, check the schema and migrate (a read-only store is only
    read: it must be up to date). Refusals are StoreUnavailable with one line.

    An existing SQLite file is examined through a read-only connection first: the normal
    one sets the WAL journal mode, which already writes to the file."""
    opened = check_url(url)
    where = (repr(str(opened.path)) if opened.path
             else "at " + store_url(url).render_as_string(hide_password=True))
    if opened.path is not None and not opened.created:
        probe = read_only_engine(opened.path)
        try:
            missing = check_schema(probe, where)
        finally:
            probe.dispose()
        if opened.read_only:
            if missing:
                raise StoreUnavailable(
                    f"the store {where} is read-only and needs upgrading (migrations "
                    f"{', '.join(missing)}): open it once where it can be written")
            return read_only_engine(opened.path), opened
    engine = make_engine(url)
    if opened.path is None:  # PostgreSQL: another application's tables, a newer store
        check_schema(engine, where)
    try:
        migrate(engine)
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise StoreUnavailable(f"cannot prepare the store {where}: {_reason(exc)}") from None
    return engine, opened


def _reason(exc: Exception) -> str:
    """The driver's message, first line only (SQLAlchemy appends the SQL and a link)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
