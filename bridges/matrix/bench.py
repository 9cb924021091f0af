#!/usr/bin/env python3
"""Round trip through the Matrix bridge (the person sends, the bot's reply arrives), beside two baselines measured
in the same run: the same round trip through a Matrix echo bot (matrix-nio, replies at once: the homeserver's and
the client library's own share) and TwitchTalk's socket round trip alone.

    .venv-matrix/bin/python bridges/matrix/bench.py [--rounds 40]

Starts a throw-away Synapse on 127.0.0.1, `twitchtalk serve` (TWITCHTALK_BIN, default the release build if there
is one, else the debug build), the bridge and an echo bot, and stops them all at the end.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import pathlib
import shutil
import statistics
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "tests"))

from nio import AsyncClient, InviteMemberEvent, RoomMessageText, SyncResponse  # noqa: E402

from harness import ROOT, BridgeProcess, Person, Serve, Synapse  # noqa: E402
from twitchtalk_client import TwitchTalk  # noqa: E402

PASSWORD = "bench password"
LINES = ["my left eyelid keeps twitching"] + ["no"] * 16 + ["/restart"]


async def echo_bot(homeserver: str) -> None:
    """A minimal Matrix bot: joins when invited and answers every text with an m.notice at once."""
    client = AsyncClient(homeserver, "@echo:localhost")
    await client.login(PASSWORD)

    async def on_invite(room, event: InviteMemberEvent) -> None:
        if event.state_key == client.user_id:
            await client.join(room.room_id)

    async def on_text(room, event: RoomMessageText) -> None:
        if event.sender != client.user_id:
            await client.room_send(room.room_id, "m.room.message", {"msgtype": "m.notice", "body": "echo"})

    try:
        first = await client.sync(timeout=0)
        assert isinstance(first, SyncResponse)
        client.add_event_callback(on_invite, InviteMemberEvent)
        client.add_event_callback(on_text, RoomMessageText)
        await client.sync_forever(timeout=30_000)
    finally:
        await client.close()


async def round_trip(person: Person, room: str, text: str) -> float:
    started = time.perf_counter()
    await person.say(room, text)
    await person.next_reply(room)
    return time.perf_counter() - started


async def matrix_round_trips(person: Person, rounds: int) -> tuple[list[float], list[float]]:
    """The bridge's and the echo bot's round trips, taken in turn so that both see the same load."""
    bridge_room = await person.create_room("@twitchtalk:localhost")
    await person.next_reply(bridge_room, timeout=120)  # the bridge's greeting
    echo_room = await person.create_room("@echo:localhost")
    while True:  # the echo bot has joined once it answers
        await person.say(echo_room, "ping")
        try:
            await person.next_reply(echo_room, timeout=2)
            break
        except asyncio.TimeoutError:
            continue
    bridge_times, echo_times = [], []
    for index in range(rounds):
        text = LINES[index % len(LINES)]
        bridge_times.append(await round_trip(person, bridge_room, text))
        echo_times.append(await round_trip(person, echo_room, text))
    return bridge_times, echo_times


async def socket_round_trips(path: str, rounds: int) -> list[float]:
    talk = TwitchTalk(path)
    times = []
    try:
        for index in range(rounds):
            started = time.perf_counter()
            await talk.say("bench:socket", LINES[index % len(LINES)])
            times.append(time.perf_counter() - started)
    finally:
        await talk.close()
    return times


def describe(times: list[float]) -> str:
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    return f"median {statistics.median(times) * 1000:8.2f} ms   p90 {p90 * 1000:8.2f} ms   (n={len(times)})"


async def measure(synapse: Synapse, serve: Serve, rounds: int) -> None:
    echo = asyncio.create_task(echo_bot(synapse.url))
    try:
        async with Person(synapse.url, "@person:localhost", PASSWORD) as person:
            bridge_times, echo_times = await matrix_round_trips(person, rounds)
        socket_times = await socket_round_trips(serve.socket, rounds)
    finally:
        echo.cancel()
        await asyncio.gather(echo, return_exceptions=True)
    bridge, baseline, alone = (statistics.median(t) for t in (bridge_times, echo_times, socket_times))
    print(f"twitchtalk binary: {serve.binary}")
    print(f"Matrix bridge round trip (person -> TwitchTalk reply):  {describe(bridge_times)}")
    print(f"baseline: Matrix echo bot round trip (same Synapse):    {describe(echo_times)}")
    print(f"baseline: twitchtalk socket round trip alone:           {describe(socket_times)}")
    difference = (bridge - baseline) * 1000
    print(f"ratio bridge / echo bot: {bridge / baseline:.2f}x   (bridge - echo bot: {difference:.1f} ms)")
    print(f"twitchtalk's share of the bridge round trip: {alone / bridge * 100:.2f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    release = ROOT / ".build" / "release" / "twitchtalk"
    binary = os.environ.get("TWITCHTALK_BIN") or (str(release) if release.exists() else None)
    directory = pathlib.Path(tempfile.mkdtemp(prefix="tt-bench-", dir="/tmp"))
    synapse = Synapse(directory / "synapse")
    serve = Serve(directory, binary)
    bridge = None
    try:
        synapse.start()
        synapse.register("twitchtalk", "person", "echo", password=PASSWORD)
        serve.start()
        bridge = BridgeProcess(directory, synapse.url, "@twitchtalk:localhost", PASSWORD, serve.socket).start()
        asyncio.run(measure(synapse, serve, args.rounds))
    finally:
        if bridge is not None:
            bridge.stop()
        serve.stop()
        synapse.stop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
