"""What the bridge keeps in ``--state-dir``: one SQLite file (mode 0600, directory 0700).

- ``next_batch``: the sync token up to which every event has been answered, so that messages sent while the
  bridge was down are answered when it comes back.
- the login session (user, device, access token), so that a restart is the same device and the homeserver's
  transaction ids make a resent reply a no-op;
- a journal of the events handled, so that an event delivered twice (the bridge died after answering it but
  before ``next_batch`` moved past it) is answered once;
- per room, the person's last message that went to TwitchTalk, so that an edit of it is a correction.

No message text is kept, except a reply between TwitchTalk giving it and the room receiving it.
"""
from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY, room_id TEXT NOT NULL, stage TEXT NOT NULL, reply TEXT, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (room_id TEXT PRIMARY KEY, last_message TEXT);
"""

KEEP_EVENTS_SECONDS = 30 * 24 * 3600


class StateInUse(Exception):
    """Another bridge holds this state directory: two would answer every message twice."""


class State:
    def __init__(self, directory: str) -> None:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        os.chmod(directory, 0o700)
        self.lock = os.open(os.path.join(directory, "lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.lock)
            raise StateInUse(f"another bridge is using {directory}") from None
        path = os.path.join(directory, "bridge.sqlite")
        old_umask = os.umask(0o077)
        try:
            self.db = sqlite3.connect(path, isolation_level=None)
        finally:
            os.umask(old_umask)
        os.chmod(path, 0o600)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")  # survives the death of the process, as twitchtalk's store
        self.db.execute("PRAGMA secure_delete = ON")  # a reply removed is overwritten, not left in free pages
        self.db.executescript(SCHEMA)
        self.db.execute("DELETE FROM events WHERE at < ?", (time.time() - KEEP_EVENTS_SECONDS,))

    def _get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def next_batch(self) -> str | None:
        return self._get("next_batch")

    @next_batch.setter
    def next_batch(self, token: str) -> None:
        self._set("next_batch", token)

    def session(self, homeserver: str, user: str) -> dict[str, str] | None:
        """The saved login for this homeserver and user, if any."""
        saved = self._get("session")
        if not saved:
            return None
        session = json.loads(saved)
        if session.get("homeserver") != homeserver or session.get("user_id") != user:
            return None
        return session

    def save_session(self, session: dict[str, str] | None) -> None:
        self._set("session", json.dumps(session) if session else None)

    def stage(self, event_id: str) -> tuple[str | None, dict[str, Any] | None]:
        """How far an event got: None (not seen), "sending" (maybe given to TwitchTalk), "replied" (reply ready,
        returned too), "answered" (the reply is in the room)."""
        row = self.db.execute("SELECT stage, reply FROM events WHERE event_id = ?", (event_id,)).fetchone()
        if row is None:
            return None, None
        return row[0], (json.loads(row[1]) if row[1] else None)

    def mark(self, event_id: str, room_id: str, stage: str, reply: dict[str, Any] | None = None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO events (event_id, room_id, stage, reply, at) VALUES (?, ?, ?, ?, ?)",
            (event_id, room_id, stage, json.dumps(reply) if reply is not None else None, time.time()),
        )

    def last_message(self, room_id: str) -> str | None:
        row = self.db.execute("SELECT last_message FROM rooms WHERE room_id = ?", (room_id,)).fetchone()
        return row[0] if row else None

    def set_last_message(self, room_id: str, event_id: str | None) -> None:
        self.db.execute("INSERT OR REPLACE INTO rooms (room_id, last_message) VALUES (?, ?)", (room_id, event_id))

    def forget_room(self, room_id: str) -> None:
        self.db.execute("DELETE FROM rooms WHERE room_id = ?", (room_id,))

    def close(self) -> None:
        self.db.close()
        os.close(self.lock)  # releases the lock
