"""Throw-away services for the bridge's end-to-end tests and its benchmark: a Synapse homeserver on 127.0.0.1
(SQLite, no federation, rate limits raised), `twitchtalk serve`, the bridge itself, and a person (a second
matrix-nio client). Everything started here is stopped by its ``stop``."""
from __future__ import annotations

import asyncio
import json
import os
import pathlib
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any

from nio import AsyncClient, AsyncClientConfig, LoginResponse, RoomCreateResponse, RoomSendResponse, SyncResponse

HERE = pathlib.Path(__file__).resolve().parent
BRIDGE_DIR = HERE.parent
ROOT = BRIDGE_DIR.parents[1]
VENV_BIN = pathlib.Path(sys.executable).parent

LIMIT = {"per_second": 10000, "burst_count": 100000}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def twitchtalk_binary() -> str:
    path = os.environ.get("TWITCHTALK_BIN") or str(ROOT / ".build" / "debug" / "twitchtalk")
    assert os.path.exists(path), f"build twitchtalk first (swift build): {path} is missing"
    return path


def homeserver_config(directory: pathlib.Path, port: int, secret: str) -> dict[str, Any]:
    return {
        "server_name": "localhost",
        "public_baseurl": f"http://127.0.0.1:{port}/",
        "pid_file": str(directory / "homeserver.pid"),
        "listeners": [
            {
                "port": port,
                "bind_addresses": ["127.0.0.1"],
                "type": "http",
                "tls": False,
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }
        ],
        "database": {"name": "sqlite3", "args": {"database": str(directory / "homeserver.db")}},
        "log_config": str(directory / "log.yaml"),
        "media_store_path": str(directory / "media"),
        "signing_key_path": str(directory / "signing.key"),
        "registration_shared_secret": secret,
        "macaroon_secret_key": secrets.token_hex(16),
        "form_secret": secrets.token_hex(16),
        "report_stats": False,
        "enable_registration": False,
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "federation_domain_whitelist": [],
        "presence": {"enabled": False},
        "bcrypt_rounds": 4,
        "url_preview_enabled": False,
        "enable_metrics": False,
        # With the default limits matrix-nio silently waits out 429s and a test run takes minutes.
        "rc_message": LIMIT,
        "rc_registration": LIMIT,
        "rc_login": {"address": LIMIT, "account": LIMIT, "failed_attempts": LIMIT},
        "rc_joins": {"local": LIMIT, "remote": LIMIT},
        "rc_joins_per_room": LIMIT,
        "rc_invites": {"per_room": LIMIT, "per_user": LIMIT, "per_issuer": LIMIT},
        "rc_room_creation": LIMIT,
        "rc_admin_redaction": LIMIT,
        "rc_3pid_validation": LIMIT,
        "rc_key_requests": LIMIT,
    }


LOG_CONFIG = """version: 1
formatters:
  plain: {format: '%(asctime)s %(levelname)s %(name)s: %(message)s'}
handlers:
  file: {class: logging.FileHandler, formatter: plain, filename: FILE}
root: {level: WARNING, handlers: [file]}
disable_existing_loggers: false
"""


class Synapse:
    """A throw-away homeserver; ``url`` is http://127.0.0.1:PORT."""

    def __init__(self, directory: pathlib.Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.secret = secrets.token_hex(16)
        self.process: subprocess.Popen[bytes] | None = None
        directory.mkdir(parents=True, exist_ok=True)
        from signedjson.key import generate_signing_key, write_signing_keys

        with open(directory / "signing.key", "w") as file:
            write_signing_keys(file, [generate_signing_key("a_test")])
        (directory / "log.yaml").write_text(LOG_CONFIG.replace("FILE", str(directory / "homeserver.log")))
        # JSON is YAML: no YAML writer needed.
        (directory / "homeserver.yaml").write_text(json.dumps(homeserver_config(directory, self.port, self.secret)))

    def start(self, timeout: float = 90.0) -> "Synapse":
        self.process = subprocess.Popen(
            [sys.executable, "-m", "synapse.app.homeserver", "-c", str(self.directory / "homeserver.yaml")],
            cwd=self.directory,
            stdout=open(self.directory / "stdout.log", "ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"synapse exited {self.process.returncode}: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_matrix/client/versions", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"synapse did not answer within {timeout} s: {self.log_tail()}")

    def log_tail(self) -> str:
        text = ""
        for name in ("stdout.log", "homeserver.log"):
            path = self.directory / name
            if path.exists():
                text += path.read_text(errors="replace")[-3000:]
        return text

    def register(self, *users: str, password: str) -> None:
        """Registers users with register_new_matrix_user and the shared secret, in parallel."""
        processes = [
            subprocess.Popen(
                [
                    str(VENV_BIN / "register_new_matrix_user"),
                    "-u", user, "-p", password, "--no-admin", "-k", self.secret, self.url,
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for user in users
        ]
        for process in processes:
            out, _ = process.communicate(timeout=120)
            assert process.returncode == 0, out.decode(errors="replace")

    def stop(self) -> None:
        stop_process(self.process)


def stop_process(process: subprocess.Popen[Any] | None, sig: int = signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


class Serve:
    """`twitchtalk serve` on a file store."""

    def __init__(self, directory: pathlib.Path, binary: str | None = None) -> None:
        self.binary = binary or twitchtalk_binary()
        self.socket = str(directory / "tt.sock")
        self.store = str(directory / "conversations.sqlite")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> "Serve":
        self.process = subprocess.Popen(
            [self.binary, "serve", "--socket", self.socket, "--store", self.store],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"twitchtalk serve exited {self.process.returncode}"
            try:
                with socket.socket(socket.AF_UNIX) as probe:
                    probe.connect(self.socket)
                    return self
            except OSError:
                time.sleep(0.02)
        raise AssertionError("twitchtalk serve did not start listening")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        stop_process(self.process, sig)


class BridgeProcess:
    """bridge.py as a person would run it; its log goes to ``log``."""

    def __init__(
        self, directory: pathlib.Path, homeserver: str, user: str, password: str, socket_path: str,
        access_token: str | None = None, extra: tuple[str, ...] = (),
    ) -> None:  # fmt: skip
        self.directory = directory
        self.state_dir = directory / "bridge-state"
        secret = directory / ("bot-token" if access_token else "bot-password")
        secret.write_text((access_token or password) + "\n")
        secret.chmod(0o600)
        self.log = directory / "bridge.log"
        self.command = [
            sys.executable, str(BRIDGE_DIR / "bridge.py"),
            "--homeserver", homeserver, "--user", user,
            "--access-token-file" if access_token else "--password-file", str(secret),
            "--socket", socket_path, "--state-dir", str(self.state_dir), "--max-backoff", "1", *extra,
        ]  # fmt: skip
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> "BridgeProcess":
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=open(self.log, "ab"), start_new_session=True
        )
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        stop_process(self.process, sig)

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


class Person:
    """A person in Matrix: a matrix-nio client that syncs in the background and queues what arrives per room."""

    def __init__(self, homeserver: str, user: str, password: str) -> None:
        config = AsyncClientConfig(max_timeout_retry_wait_time=1, request_timeout=30)
        self.client = AsyncClient(homeserver, user, config=config)
        self.password = password
        self.events: dict[str, asyncio.Queue[dict[str, Any]]] = {}
        self.syncer: asyncio.Task[None] | None = None

    async def __aenter__(self) -> "Person":
        response = await self.client.login(self.password, device_name="test person")
        assert isinstance(response, LoginResponse), response
        first = await self.client.sync(timeout=0)
        assert isinstance(first, SyncResponse), first
        self.syncer = asyncio.create_task(self._sync())
        return self

    async def __aexit__(self, *_: Any) -> None:
        if self.syncer is not None:
            self.syncer.cancel()
        await self.client.close()

    def queue(self, room_id: str) -> asyncio.Queue[dict[str, Any]]:
        return self.events.setdefault(room_id, asyncio.Queue())

    async def _sync(self) -> None:
        while True:
            response = await self.client.sync(timeout=10_000)
            if not isinstance(response, SyncResponse):
                await asyncio.sleep(0.2)
                continue
            for room_id, info in response.rooms.join.items():
                for event in info.timeline.events:
                    if event.source.get("sender") != self.client.user_id:
                        self.queue(room_id).put_nowait(event.source)

    async def create_room(self, invite: str, encrypted: bool = False) -> str:
        initial_state = []
        if encrypted:
            initial_state.append(
                {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": "m.megolm.v1.aes-sha2"}}
            )
        response = await self.client.room_create(invite=[invite], initial_state=initial_state)
        assert isinstance(response, RoomCreateResponse), response
        self.queue(response.room_id)
        return response.room_id

    async def say(self, room_id: str, text: str, **extra: Any) -> str:
        content = {"msgtype": "m.text", "body": text, **extra}
        response = await self.client.room_send(room_id, "m.room.message", content)
        assert isinstance(response, RoomSendResponse), response
        return response.event_id

    async def edit(self, room_id: str, event_id: str, text: str) -> str:
        return await self.say(
            room_id,
            f" * {text}",
            **{
                "m.new_content": {"msgtype": "m.text", "body": text},
                "m.relates_to": {"rel_type": "m.replace", "event_id": event_id},
            },
        )

    async def next_event(self, room_id: str, timeout: float = 60.0, kind: str = "m.room.message") -> dict[str, Any]:
        """The next event of ``kind`` from someone else in the room."""
        while True:
            event = await asyncio.wait_for(self.queue(room_id).get(), timeout)
            if event.get("type") == kind:
                return event

    async def next_reply(self, room_id: str, timeout: float = 60.0) -> dict[str, Any]:
        return (await self.next_event(room_id, timeout))["content"]

    def pending(self, room_id: str) -> list[dict[str, Any]]:
        """The events received and not yet read (without waiting)."""
        queue = self.queue(room_id)
        events = []
        while not queue.empty():
            events.append(queue.get_nowait())
        return events
