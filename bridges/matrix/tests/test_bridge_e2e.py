"""The bridge end to end: a real Synapse on 127.0.0.1, a real `twitchtalk serve`, bridge.py as a person runs it,
and a second matrix-nio client as the person. Expected replies come from `twitchtalk --json` fed the same lines,
rendered as the bridge renders them, so the tests hold whatever the interview makes of the answers."""
from __future__ import annotations

import asyncio
import functools
import json
import signal
import sqlite3
import subprocess

from conftest import BOT, PASSWORD, PERSON
from harness import BridgeProcess, Person, twitchtalk_binary
from nio import AsyncClient, LoginResponse
from messages import ENCRYPTED_REFUSAL, older_edit_notice, render
from twitchtalk_client import ServerError, TwitchTalk

LONG = ("my left eyelid keeps twitching", "no")  # the opening, then "no" until the advice
URGENT = ("my legs twitch all over", "yes")  # "yes" to trouble breathing: the emergency advice


def script(pattern, count=40):
    return (pattern[0],) + (pattern[1],) * (count - 1)


@functools.lru_cache(maxsize=None)
def expected_turns(lines):
    """`twitchtalk --json` for these lines: the start turn, then one turn per line until the interview is done."""
    out = subprocess.run(
        [twitchtalk_binary(), "--json"], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=60,
        check=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def expected_bodies(lines):
    return [render(turn)["body"] for turn in expected_turns(tuple(lines))]


def run(coroutine, timeout=120):
    return asyncio.run(asyncio.wait_for(coroutine, timeout))


async def open_room(person, encrypted=False):
    """A new room with the bot invited; returns the room id and the bot's greeting (or first message)."""
    room = await person.create_room(BOT, encrypted=encrypted)
    return room, await person.next_reply(room)


async def converse(person, room, lines, expected, start, stop):
    """Says lines[start:stop] one at a time; each reply must be the expected turn after that line."""
    for index in range(start, stop):
        await person.say(room, lines[index])
        reply = await person.next_reply(room)
        assert reply["msgtype"] == "m.notice"
        assert reply["body"] == expected[index + 1], f"{room} after line {index + 1}"


def test_two_rooms_at_once_hold_whole_conversations_to_their_advice(services):
    services.start()
    said = []

    async def conversation(person, pattern):
        lines = script(pattern)
        expected = expected_bodies(lines)
        room, greeting = await open_room(person)
        assert greeting["msgtype"] == "m.notice" and greeting["body"] == expected[0]
        assert "<strong>" in greeting["formatted_body"] and greeting["format"] == "org.matrix.custom.html"
        said.extend(lines[: len(expected) - 1])
        await converse(person, room, lines, expected, 0, len(expected) - 1)
        return room

    async def main():
        async with Person(services.synapse.url, PERSON, PASSWORD) as person:
            rooms = await asyncio.gather(conversation(person, LONG), conversation(person, URGENT))
            assert rooms[0] != rooms[1]

    run(main())
    assert "==" in expected_bodies(script(LONG))[-1]  # the conversations did reach their advice
    log = services.bridge.log_text()
    assert "answered in" in log
    for text in {text for text in said if len(text) > 8}:  # "no" is in many words
        assert text not in log, "the bridge logged what the person said"


def bridge_sync_token(services):
    with sqlite3.connect(services.bridge.state_dir / "bridge.sqlite") as db:
        return db.execute("SELECT value FROM meta WHERE key = 'next_batch'").fetchone()[0]


def set_bridge_sync_token(services, token):
    with sqlite3.connect(services.bridge.state_dir / "bridge.sqlite") as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'next_batch'", (token,))


def test_bridge_killed_mid_conversation_answers_what_was_said_while_down_exactly_once(services):
    services.start()
    lines = script(LONG)
    expected = expected_bodies(lines)

    async def main():
        async with Person(services.synapse.url, PERSON, PASSWORD) as person:
            room, greeting = await open_room(person)
            assert greeting["body"] == expected[0]
            await converse(person, room, lines, expected, 0, 2)
            services.bridge.stop(signal.SIGKILL)
            await person.say(room, lines[2])  # sent while the bridge is down
            services.bridge.start()
            assert (await person.next_reply(room))["body"] == expected[3]
            await converse(person, room, lines, expected, 3, 5)
            # The bridge dies after answering but before saving how far it got: the homeserver delivers those
            # messages again, and each must still be answered once (and given to TwitchTalk once).
            token = bridge_sync_token(services)
            await converse(person, room, lines, expected, 5, 7)
            services.bridge.stop(signal.SIGKILL)
            set_bridge_sync_token(services, token)
            await person.say(room, lines[7])
            services.bridge.start()
            assert (await person.next_reply(room))["body"] == expected[8]
            await converse(person, room, lines, expected, 8, 9)
            assert person.pending(room) == []

    run(main())


def test_twitchtalk_serve_restarted_mid_conversation_on_its_file_store(services):
    services.start()
    lines = script(URGENT)
    expected = expected_bodies(lines)

    async def main():
        async with Person(services.synapse.url, PERSON, PASSWORD) as person:
            room, greeting = await open_room(person)
            assert greeting["body"] == expected[0]
            await converse(person, room, lines, expected, 0, 1)
            services.serve.stop(signal.SIGTERM)
            await person.say(room, lines[1])  # twitchtalk is down: the bridge waits for it and sends it again
            services.serve.start()
            assert (await person.next_reply(room))["body"] == expected[2]
            services.serve.stop(signal.SIGKILL)
            services.serve.start()
            await converse(person, room, lines, expected, 2, len(expected) - 1)

    run(main())


def test_homeserver_restarted_mid_conversation(services):
    services.start()
    lines = script(LONG)
    expected = expected_bodies(lines)

    async def main():
        async with Person(services.synapse.url, PERSON, PASSWORD) as person:
            room, greeting = await open_room(person)
            await converse(person, room, lines, expected, 0, 2)
            services.synapse.stop()
            services.synapse.start()
            await converse(person, room, lines, expected, 2, 4)

    run(main())


def test_an_edit_of_the_last_message_is_a_correction(services):
    services.start()
    said = ("my left eyelid keeps twitching", "no", "3 days ago")
    corrected = ("my left eyelid keeps twitching", "no", "3 weeks ago")
    wrong, right = expected_bodies(said + ("no",) * 30), expected_bodies(corrected + ("no",) * 30)
    assert wrong[3] != right[3] or wrong[-1] != right[-1]

    async def main():
        async with Person(services.synapse.url, PERSON, PASSWORD) as person:
            room, _ = await open_room(person)
            opening = await person.say(room, said[0])
            assert (await person.next_reply(room))["body"] == wrong[1]
            await converse(person, room, said, wrong, 1, 2)
            last = await person.say(room, said[2])
            assert (await person.next_reply(room))["body"] == wrong[3]
            await person.edit(room, last, corrected[2])
            assert (await person.next_reply(room))["body"] == right[3]
            # An older message's new words would answer the question now waiting: the person is asked instead.
            await person.edit(room, opening, "my right calf keeps twitching")
            assert (await person.next_reply(room))["body"] == older_edit_notice()["body"]
            await converse(person, room, corrected + ("no",) * 30, right, 3, len(right) - 1)

    run(main())


def test_a_reply_is_answered_without_its_quote(services):
    services.start()
    lines = script(LONG)
    expected = expected_bodies(lines)

    async def main():
        async with Person(services.synapse.url, PERSON, PASSWORD) as person:
            room, greeting = await open_room(person)
            await converse(person, room, lines, expected, 0, 1)
            question = expected[1].splitlines()
            quote = "\n".join(f"> {line}" if i else f"> <{BOT}> {line}" for i, line in enumerate(question))
            await person.say(room, f"{quote}\n\n{lines[1]}", **{"m.relates_to": {"m.in_reply_to": {"event_id": "$x"}}})
            assert (await person.next_reply(room))["body"] == expected[2]

    run(main())


def test_an_encrypted_room_is_refused_with_a_message_and_left(services):
    services.start()

    async def main():
        async with Person(services.synapse.url, PERSON, PASSWORD) as person:
            room, refusal = await open_room(person, encrypted=True)
            assert refusal["msgtype"] == "m.notice" and refusal["body"] == ENCRYPTED_REFUSAL
            while True:
                event = await person.next_event(room, kind="m.room.member")
                if event["state_key"] == BOT and event["content"]["membership"] == "leave":
                    break

    run(main())


def test_an_access_token_file_instead_of_a_password(services):
    lines = script(LONG)
    expected = expected_bodies(lines)

    async def main():
        bot = AsyncClient(services.synapse.url, BOT)
        login = await bot.login(PASSWORD, device_name="made by an admin")
        assert isinstance(login, LoginResponse)
        await bot.close()
        services.bridge = BridgeProcess(
            services.directory, services.synapse.url, BOT, "", services.serve.socket, access_token=login.access_token
        )
        services.start()
        assert login.access_token not in " ".join(services.bridge.command)
        async with Person(services.synapse.url, PERSON, PASSWORD) as person:
            room, greeting = await open_room(person)
            assert greeting["body"] == expected[0]
            await converse(person, room, lines, expected, 0, 1)

    run(main())


def test_more_messages_while_down_than_one_sync_holds_are_all_answered_in_order(services):
    services.bridge = BridgeProcess(
        services.directory, services.synapse.url, BOT, PASSWORD, services.serve.socket,
        extra=("--timeline-limit", "2"),
    )  # fmt: skip
    services.start()
    lines = script(LONG)
    expected = expected_bodies(lines)

    async def main():
        async with Person(services.synapse.url, PERSON, PASSWORD) as person:
            room, greeting = await open_room(person)
            assert greeting["body"] == expected[0]
            await converse(person, room, lines, expected, 0, 1)
            services.bridge.stop(signal.SIGKILL)
            for line in lines[1:6]:
                await person.say(room, line)
            services.bridge.start()
            for index in range(1, 6):
                assert (await person.next_reply(room))["body"] == expected[index + 1], index
            await converse(person, room, lines, expected, 6, 7)

    run(main())


def test_when_the_person_leaves_the_bot_leaves_and_twitchtalk_forgets_the_conversation(services):
    services.start()
    lines = script(LONG)
    expected = expected_bodies(lines)

    async def main():
        async with Person(services.synapse.url, PERSON, PASSWORD) as person:
            room, _ = await open_room(person)
            await converse(person, room, lines, expected, 0, 1)
            await person.client.room_leave(room)
        talk = TwitchTalk(services.serve.socket)
        try:
            for _ in range(600):  # until the bridge has ended it; the test's own timeout bounds the wait
                try:
                    await talk.state(f"matrix:{room}")
                except ServerError as error:
                    assert error.code == "unknown_conversation"
                    break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("the conversation was not forgotten")
        finally:
            await talk.close()

    run(main())
