"""Shared fixtures for the integration tests: the path of the built twitchtalk binary."""
import os
import pathlib
import subprocess

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
