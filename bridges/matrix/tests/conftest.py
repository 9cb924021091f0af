"""Fixtures for the bridge's end-to-end tests: one throw-away Synapse for the session (bot and person registered
once), and per test a `twitchtalk serve` on a file store and the bridge. Everything is stopped at the end."""
from __future__ import annotations

import pathlib
import shutil
import sys
import tempfile

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from harness import BridgeProcess, Serve, Synapse  # noqa: E402

PASSWORD = "correct horse battery staple"
BOT = "@twitchtalk:localhost"
PERSON = "@person:localhost"


@pytest.fixture(scope="session")
def synapse():
    directory = pathlib.Path(tempfile.mkdtemp(prefix="tt-synapse-", dir="/tmp"))
    server = Synapse(directory / "synapse")
    try:
        server.start()
        server.register("twitchtalk", "person", password=PASSWORD)
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


class Services:
    """Per test: a twitchtalk serve and a bridge; ``stop_all`` runs at the end whatever happened."""

    def __init__(self, synapse: Synapse, directory: pathlib.Path) -> None:
        self.synapse = synapse
        self.directory = directory
        self.serve = Serve(directory)
        self.bridge = BridgeProcess(directory, synapse.url, BOT, PASSWORD, self.serve.socket)

    def start(self) -> "Services":
        self.serve.start()
        self.bridge.start()
        return self

    def stop_all(self) -> None:
        self.bridge.stop()
        self.serve.stop()


@pytest.fixture
def services(synapse):
    directory = pathlib.Path(tempfile.mkdtemp(prefix="tt-bridge-", dir="/tmp"))
    made = Services(synapse, directory)
    try:
        yield made
    finally:
        made.stop_all()
        if synapse.process is not None and synapse.process.poll() is not None:
            synapse.start()  # a test that stopped the homeserver and failed leaves it running for the next
        shutil.rmtree(directory, ignore_errors=True)
