"""A thin SQL layer over sqlite3 and psycopg with one placeholder style.

Why not an ORM: the store is a handful of tables whose correctness rests on
atomic statements (`INSERT … ON CONFLICT DO NOTHING RETURNING`), which both
SQLite (≥ 3.35) and PostgreSQL support with the same text. Modules write SQL
with `?` placeholders and portable types; `Database` adapts the few dialect
differences (placeholders, DDL types) in one place.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

Row = tuple[Any, ...]
_MIGRATION_LOCK = 0x6D6F6E69  # "moni": the advisory lock id for schema migrations

# DDL written for SQLite, translated for PostgreSQL. Whole-word replacements only.
_PG_DDL = [
    (re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b"), "BIGSERIAL PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
]


def redact_dsn(url: str) -> str:
    """A DSN safe to log: scheme, host, port and database, never credentials."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        return url
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class Tx:
    """A cursor inside one transaction. `execute` takes `?` placeholders."""

    def __init__(self, cur: Any, dialect: str):
        self._cur = cur
        self.dialect = dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Tx:
        if self.dialect == "postgres":
            sql = sql.replace("?", "%s")
        self._cur.execute(sql, tuple(params))
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Tx:
        if self.dialect == "postgres":
            sql = sql.replace("?", "%s")
        self._cur.executemany(sql, [tuple(r) for r in rows])
        return self

    def fetchone(self) -> Row | None:
        row = self._cur.fetchone()
        return tuple(row) if row is not None else None

    def fetchall(self) -> list[Row]:
        return [tuple(r) for r in self._cur.fetchall()]

    @property
    def rowcount(self) -> int:
        return int(self._cur.rowcount)


class Database:
    """One connection, serialised by a lock: the daemon's writes are small and
    few per second, and a single writer keeps SQLite free of `database is locked`.
    """

    def __init__(self, conn: Any, dialect: str, label: str,
                 reconnect: Callable[[], Any] | None = None):
        self._conn = conn
        self.dialect = dialect
        self.label = label  # redacted, safe to log
        self._reconnect = reconnect
        self._lock = threading.RLock()
        self._closed = False

    @contextmanager
    def _tx(self, begin: str, commit: bool) -> Iterator[Tx]:
        with self._lock:
            if self._closed:
                raise RuntimeError("database is closed")
            if self._reconnect is not None and self._conn.closed:
                # A server restart or network cut broke the connection: the failed
                # transaction was rolled back server-side; open a new one and go on
                # (a daemon that runs for months must outlive a database restart).
                self._conn = self._reconnect()
            cur = self._conn.cursor()
            try:
                if self.dialect == "sqlite":
                    cur.execute(begin)
                yield Tx(cur, self.dialect)
            except BaseException:
                self._conn.rollback()
                raise
            else:
                self._conn.commit() if commit else self._conn.rollback()
            finally:
                cur.close()

    def transaction(self) -> AbstractContextManager[Tx]:
        """Commit on success, roll back on any exception (including cancellation).

        On SQLite, IMMEDIATE takes the write lock up front, so two processes
        sharing a file never deadlock upgrading a read lock."""
        return self._tx("BEGIN IMMEDIATE", commit=True)

    def read(self) -> AbstractContextManager[Tx]:
        """A read-only transaction: on SQLite a deferred BEGIN takes no write lock,
        so lookups never queue behind another process's writes."""
        return self._tx("BEGIN DEFERRED", commit=False)

    def ddl(self, sql: str) -> str:
        if self.dialect == "postgres":
            for pattern, repl in _PG_DDL:
                sql = pattern.sub(repl, sql)
        return sql

    def migrate(self, statements: Sequence[str]) -> None:
        """Run idempotent DDL (`CREATE … IF NOT EXISTS`) in one transaction."""
        with self.transaction() as tx:
            if self.dialect == "postgres":
                # Replicas starting together race on CREATE … IF NOT EXISTS, which
                # PostgreSQL does not make atomic (pg_type unique violation): serialise.
                tx.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
            for stmt in statements:
                tx.execute(self.ddl(stmt))

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()


def _open_sqlite(path: str, durable: bool = True) -> Database:
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: sqlite3 opens no implicit transactions; we BEGIN ourselves.
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    # FULL: an alert recorded in the outbox survives power loss, not just a crash.
    # A throwaway store (replay, eval) skips fsync: losing it on power loss costs nothing.
    conn.execute("PRAGMA synchronous=FULL" if durable else "PRAGMA synchronous=OFF")
    conn.execute("PRAGMA busy_timeout=30000")
    return Database(conn, "sqlite", f"sqlite:///{path}")


def _open_postgres(url: str) -> Database:
    import psycopg

    def connect() -> Any:
        return psycopg.connect(url, autocommit=False, connect_timeout=10)

    return Database(connect(), "postgres", redact_dsn(url), reconnect=connect)


def open_database(url: str, *, durable: bool = True) -> Database:
    """`sqlite:///relative/or/abs.db`, `sqlite:///:memory:`, or `postgresql://…`."""
    scheme = url.split(":", 1)[0].lower()
    if scheme == "sqlite":
        path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url[len("sqlite://"):]
        return _open_sqlite(path or ":memory:", durable)
    if scheme in ("postgres", "postgresql"):
        return _open_postgres(url)
    raise ValueError(f"unsupported store URL scheme {scheme!r}: use sqlite:/// or postgresql://")
