"""Shared fixtures for the integration tests: the path of the built twitchtalk binary."""
import os
import pathlib
import subprocess
import uuid

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def binary() -> str:
    """The debug twitchtalk binary, built by scripts/test before pytest runs (TT_BINARY=path tests another one,
    for example an older build, to see a test fail on it)."""
    if os.environ.get("TT_BINARY"):
        return os.environ["TT_BINARY"]
    path = subprocess.run(
        ["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    exe = os.path.join(path, "twitchtalk")
    assert os.path.exists(exe), f"build twitchtalk first: {exe} is missing"
    return exe


# PostgreSQL: scripts/test starts a throw-away cluster (scripts/postgres) and sets PGHOST, PGPORT, PGUSER and
# TT_PG_DIR. TT_TEST_STORE=postgres runs the socket tests (test_socket.py) against it instead of SQLite.
STORE = os.environ.get("TT_TEST_STORE", "sqlite")


def postgres_available():
    return bool(os.environ.get("TT_PG_DIR"))


def require_postgres():
    """Skips a PostgreSQL test when no cluster was started (run scripts/test, or see the README); in CI a missing
    cluster is a failure, not a skip."""
    if postgres_available():
        return
    if os.environ.get("CI"):
        pytest.fail("no PostgreSQL cluster: scripts/test starts one (scripts/postgres)")
    pytest.skip("no PostgreSQL cluster (scripts/postgres start DIR, then source DIR/env)")


def psql(sql, database="postgres", check=True):
    """Runs `sql` with psql over the cluster's Unix socket; returns its unaligned, tuples-only output."""
    tool = os.path.join(os.environ.get("TT_PG_BIN", "/usr/bin"), "psql")
    if not os.path.exists(tool):
        tool = "psql"
    return subprocess.run(
        [tool, "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
        capture_output=True, text=True, timeout=60, check=check,
    ).stdout.strip()


def new_database():
    """A new empty database on the test cluster; its name."""
    require_postgres()
    name = "tt_" + uuid.uuid4().hex[:16]
    psql(f'CREATE DATABASE "{name}"')
    return name


def postgres_url(database):
    """The --store URL of `database` on the test cluster, through its Unix socket (PGHOST and PGPORT say where)."""
    return f"postgresql:///{database}"


def default_store(directory):
    """The store a test's servers share unless told otherwise: a SQLite file in `directory`, or (with
    TT_TEST_STORE=postgres) a new database."""
    if STORE == "postgres":
        return postgres_url(new_database())
    return os.path.join(directory, "conversations.sqlite")
