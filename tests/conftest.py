"""Shared fixtures: real servers and stores, skipping with a reason where absent."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.feedserver import feed_server  # noqa: F401  (fixture re-export)
from tests.smtpserver import make_smtp_server, smtp_server  # noqa: F401
from tests.webhookserver import webhook_server  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
PG_DSN = os.environ.get("MONITOR_TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_available() -> str | None:
    """None when PostgreSQL answers, else the reason it does not."""
    try:
        import psycopg

        with psycopg.connect(PG_DSN, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        return None
    except Exception as exc:  # any failure means: skip, and say why
        return f"PostgreSQL not reachable at {PG_DSN.split('@')[-1]}: {type(exc).__name__}"


@pytest.fixture(scope="session")
def pg_dsn() -> str:
    reason = _pg_available()
    if reason:
        pytest.skip(reason)
    return PG_DSN


@pytest.fixture
def pg_schema_dsn(pg_dsn: str) -> Iterator[str]:
    """A DSN whose search_path is a fresh schema, dropped afterwards: tests never collide."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in pg_dsn else "?"
    try:
        yield f"{pg_dsn}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(pg_dsn, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The store contract runs on both backends: a real SQLite file and real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_schema_dsn")


@pytest.fixture
def db(store_url: str) -> Iterator[Any]:
    from monitor.store.db import open_database

    d = open_database(store_url)
    yield d
    d.close()


@pytest.fixture
def config_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped config/ (feeds resolved relative to the repo)."""
    dst = tmp_path / "config"
    shutil.copytree(REPO / "config", dst)
    # feeds.yaml points at file:../fixtures/…, relative to the config dir.
    (tmp_path / "fixtures").symlink_to(REPO / "fixtures")
    return dst
