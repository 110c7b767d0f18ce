"""Persistence: one SQL plumbing layer, SQLite by default, PostgreSQL for replicas.

Each stage (dedupe, outbox, feed state) owns its tables and SQL; they share
`Database` so a dedupe decision and its outbox row commit in one transaction.
"""

from monitor.store.db import Database, Tx, open_database

__all__ = ["Database", "Tx", "open_database"]
