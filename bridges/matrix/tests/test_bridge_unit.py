"""The bridge's own logic with stand-ins for the homeserver and TwitchTalk: per-room order with rooms that do not
wait for each other, the sync token saved only behind finished work, and the journal that answers an event once.
No clock: the stand-in TwitchTalk holds a room's reply until the test lets it go."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bridge as bridge_module  # noqa: E402
from bridge import Bridge, transaction_id  # noqa: E402
from state import State  # noqa: E402

ME = "@bot:localhost"


class FakeClient:
    user_id = ME

    def __init__(self) -> None:
        self.rooms: dict[str, object] = {}
        self.sent: list[tuple[str, str, str]] = []  # room, body, transaction id

    async def room_send(self, room_id, message_type, content, tx_id=None):
        self.sent.append((room_id, content["body"], tx_id))
        return bridge_module.RoomSendResponse(event_id="$reply", room_id=room_id)

    async def join(self, room_id):
        return SimpleNamespace(room_id=room_id)

    async def room_leave(self, room_id):
        return SimpleNamespace()


class FakeTalk:
    """Answers "said <text>"; a conversation whose gate is closed waits until it opens."""

    def __init__(self) -> None:
        self.gates: dict[str, asyncio.Event] = {}
        self.lines: list[tuple[str, str]] = []
        self.states: list[str] = []

    def gate(self, conversation: str) -> asyncio.Event:
        return self.gates.setdefault(conversation, asyncio.Event())

    async def say(self, conversation, text, before_send=None):
        if before_send:
            before_send()
        self.lines.append((conversation, text))
        if conversation in self.gates:
            await self.gates[conversation].wait()
        return {"say": [f"said {text}"], "done": False}

    async def start(self, conversation):
        self.lines.append((conversation, "<start>"))
        return {"say": ["Hello"], "ask": {"id": "opening", "text": "What's going on?", "choices": []}, "done": False}

    async def state(self, conversation):
        self.states.append(conversation)
        return {"say": [], "ask": {"id": "onset", "text": "When?", "choices": []}, "done": False}


def message(event_id: str, text: str) -> SimpleNamespace:
    return SimpleNamespace(
        source={
            "type": "m.room.message",
            "sender": "@person:localhost",
            "event_id": event_id,
            "content": {"msgtype": "m.text", "body": text},
        }
    )


def sync(token: str, rooms: dict[str, list[SimpleNamespace]]) -> SimpleNamespace:
    join = {room: SimpleNamespace(timeline=SimpleNamespace(events=events), state=[]) for room, events in rooms.items()}
    return SimpleNamespace(next_batch=token, rooms=SimpleNamespace(invite={}, join=join, leave={}))


def make(tmp_path) -> tuple[Bridge, FakeClient, FakeTalk, State]:
    client, talk, state = FakeClient(), FakeTalk(), State(str(tmp_path / "state"))
    return Bridge(client, talk, state), client, talk, state


async def settle_tasks() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


def test_a_slow_room_holds_up_only_itself_and_keeps_its_order(tmp_path):
    async def main():
        bridge, client, talk, state = make(tmp_path)
        talk.gate("matrix:!a")  # room a's TwitchTalk replies wait
        bridge.take(sync("t1", {"!a": [message("$a1", "one"), message("$a2", "two")], "!b": [message("$b1", "x")]}),
                    history=False)
        await settle_tasks()
        assert [(room, body) for room, body, _ in client.sent] == [("!b", "said x")]
        assert talk.lines.count(("matrix:!a", "two")) == 0  # a's second message waits for its first
        assert state.next_batch is None  # not past room a's unanswered messages
        talk.gate("matrix:!a").set()
        await settle_tasks()
        assert [(room, body) for room, body, _ in client.sent][1:] == [("!a", "said one"), ("!a", "said two")]
        assert state.next_batch == "t1"

    asyncio.run(main())


def test_the_sync_token_moves_only_past_batches_whose_events_all_finished(tmp_path):
    async def main():
        bridge, client, talk, state = make(tmp_path)
        talk.gate("matrix:!a")
        bridge.take(sync("t1", {"!a": [message("$a1", "slow")]}), history=False)
        bridge.take(sync("t2", {"!b": [message("$b1", "fast")]}), history=False)
        bridge.take(sync("t3", {}), history=False)
        await settle_tasks()
        assert [body for _, body, _ in client.sent] == ["said fast"]
        assert state.next_batch is None
        talk.gate("matrix:!a").set()
        await settle_tasks()
        assert state.next_batch == "t3"

    asyncio.run(main())


def test_an_event_delivered_again_is_answered_once(tmp_path):
    async def main():
        bridge, client, talk, state = make(tmp_path)
        bridge.take(sync("t1", {"!a": [message("$a1", "my calf twitches")]}), history=False)
        await settle_tasks()
        again = Bridge(client, FakeTalk(), state)  # a restarted bridge, same state directory
        again.take(sync("t1", {"!a": [message("$a1", "my calf twitches"), message("$a2", "no")]}), history=False)
        await settle_tasks()
        assert talk.lines == [("matrix:!a", "my calf twitches")]
        assert again.talk.lines == [("matrix:!a", "no")]
        assert [body for _, body, _ in client.sent] == ["said my calf twitches", "said no"]

    asyncio.run(main())


def test_a_reply_kept_but_not_posted_is_posted_under_the_same_transaction_id(tmp_path):
    async def main():
        bridge, client, talk, state = make(tmp_path)
        state.mark("$a1", "!a", "replied", {"msgtype": "m.notice", "body": "kept reply"})
        bridge.take(sync("t1", {"!a": [message("$a1", "no")]}), history=False)
        await settle_tasks()
        assert talk.lines == []
        assert client.sent == [("!a", "kept reply", transaction_id("$a1"))]
        assert state.stage("$a1") == ("answered", None)  # the reply's text is not kept once posted

    asyncio.run(main())


def test_a_line_twitchtalk_may_have_taken_is_not_given_again(tmp_path):
    async def main():
        bridge, client, talk, state = make(tmp_path)
        state.mark("$a1", "!a", "sending")
        bridge.take(sync("t1", {"!a": [message("$a1", "yes")]}), history=False)
        await settle_tasks()
        assert talk.lines == [] and talk.states == ["matrix:!a"]
        assert "may have missed it" in client.sent[0][1] and "When?" in client.sent[0][1]

    asyncio.run(main())


def test_history_before_the_bridge_existed_is_not_answered(tmp_path):
    async def main():
        bridge, client, talk, state = make(tmp_path)
        bridge.take(sync("t1", {"!a": [message("$old", "hello")]}), history=True)
        await settle_tasks()
        assert talk.lines == [] and client.sent == [] and state.next_batch == "t1"

    asyncio.run(main())


def member(event_id: str, membership: str, sender: str = ME) -> SimpleNamespace:
    return SimpleNamespace(
        source={
            "type": "m.room.member", "sender": sender, "state_key": ME, "event_id": event_id,
            "content": {"membership": membership},
        }
    )  # fmt: skip


def test_a_room_just_joined_answers_what_was_said_since_the_invitation_else_greets(tmp_path):
    async def main():
        bridge, client, talk, state = make(tmp_path)
        history = [message("$before", "old words"), member("$inv", "invite", "@person:localhost")]
        bridge.take(sync("t1", {"!a": history + [message("$m1", "my calf"), member("$join", "join")]}), history=False)
        bridge.take(sync("t2", {"!b": [member("$inv2", "invite", "@person:localhost"), member("$j2", "join")]}),
                    history=False)
        await settle_tasks()
        assert talk.lines == [("matrix:!a", "my calf"), ("matrix:!b", "<start>")]

    asyncio.run(main())


def test_work_cancelled_by_a_stop_does_not_move_the_sync_token(tmp_path):
    async def main():
        bridge, client, talk, state = make(tmp_path)
        talk.gate("matrix:!a")
        bridge.take(sync("t1", {"!a": [message("$a1", "one")]}), history=False)
        await settle_tasks()
        for task in list(bridge.tails.values()):
            task.cancel()
        await settle_tasks()
        assert state.next_batch is None and client.sent == []

    asyncio.run(main())


def test_messages_beyond_one_sync_after_a_long_absence_are_fetched_and_answered_oldest_first(tmp_path):
    async def main():
        bridge, client, talk, state = make(tmp_path)
        pages = {"prev": (["$o3", "$o2"], "p2"), "p2": (["$o1"], "p3"), "p3": ([], None)}  # newest first, as /messages

        async def room_messages(room_id, start=None, end=None, limit=10, **_):
            assert end == "since"
            ids, next_token = pages[start]
            chunk = [message(event_id, f"text {event_id}") for event_id in ids]
            return bridge_module.RoomMessagesResponse(room_id=room_id, chunk=chunk, start=start, end=next_token)

        client.room_messages = room_messages
        response = sync("t2", {"!a": [message("$n1", "newest")]})
        response.rooms.join["!a"].timeline.limited = True
        response.rooms.join["!a"].timeline.prev_batch = "prev"
        bridge.take(response, history=False, since="since")
        await settle_tasks()
        assert [text for _, text in talk.lines] == ["text $o1", "text $o2", "text $o3", "newest"]
        assert state.next_batch == "t2"

    asyncio.run(main())


def test_a_second_bridge_on_the_same_state_directory_is_refused(tmp_path):
    from state import StateInUse

    first = State(str(tmp_path / "state"))
    try:
        State(str(tmp_path / "state"))
    except StateInUse as error:
        assert "another bridge" in str(error)
    else:
        raise AssertionError("a second State on the same directory was allowed")
    first.close()
    State(str(tmp_path / "state")).close()  # free again once the first has gone


def test_a_lone_surrogate_from_matrix_reaches_twitchtalk_as_valid_utf8(tmp_path):
    from twitchtalk_client import TwitchTalk

    async def main():
        received = []

        async def serve(reader, writer):
            line = await reader.readline()
            received.append(line)
            request = __import__("json").loads(line)
            writer.write(b'{"id": %d, "say": [], "done": false}\n' % request["id"])
            await writer.drain()

        path = str(tmp_path / "tt.sock")
        server = await asyncio.start_unix_server(serve, path)
        talk = TwitchTalk(path)
        try:
            assert (await talk.say("c", "eyelid \ud800 twitches"))["done"] is False
        finally:
            await talk.close()
            server.close()
        received[0].decode("utf-8")  # strict: raises if the line is not UTF-8
        assert b"eyelid ? twitches" in received[0]

    asyncio.run(main())
