"""A copy of the seeded test database, put back after a transactional test has flushed it.

Loading the seed content takes tens of seconds (on PostgreSQL about forty); every browser test runs against a
live server and so ends with Django's flush. Copying the database back takes well under a second: SQLite's
online backup into the in-memory test database, PostgreSQL's ``CREATE DATABASE … TEMPLATE``. The copy holds
every table, the full-text index's own tables included, which a flush followed by a reload of Django's
serialized rows would not.
"""

import sqlite3

import psycopg
from django.db import connection


class SQLiteSnapshot:
    def __init__(self):
        connection.ensure_connection()
        self._copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self._copy)

    def restore(self):
        connection.ensure_connection()
        self._copy.backup(connection.connection)

    def drop(self):
        self._copy.close()


class PostgreSQLSnapshot:
    """The seeded database kept as a template beside the test database, which is dropped and re-created from it."""

    def __init__(self):
        self._name = connection.settings_dict["NAME"]
        self._template = f"{self._name}_seeded"
        self._run(
            f'DROP DATABASE IF EXISTS "{self._template}"', f'CREATE DATABASE "{self._template}" TEMPLATE "{self._name}"'
        )

    def restore(self):
        self._run(
            f'DROP DATABASE "{self._name}" WITH (FORCE)', f'CREATE DATABASE "{self._name}" TEMPLATE "{self._template}"'
        )

    def drop(self):
        self._run(f'DROP DATABASE IF EXISTS "{self._template}"')

    def _run(self, *statements):
        connection.close()  # a template must have no other session, nor may a database being dropped
        settings = connection.settings_dict
        params = {key.lower(): settings[key] for key in ("HOST", "PORT", "USER", "PASSWORD") if settings[key]}
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            for statement in statements:
                admin.execute(statement)


def take_snapshot():
    return PostgreSQLSnapshot() if connection.vendor == "postgresql" else SQLiteSnapshot()
