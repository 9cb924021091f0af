#!/usr/bin/env python3
"""TwitchTalk's Matrix bridge: each room the bot is invited to is one TwitchTalk conversation.

    python3 bridges/matrix/bridge.py --homeserver https://matrix.example.org --user @twitchtalk:example.org \\
        --password-file ~/.config/twitchtalk/matrix-password --socket $XDG_RUNTIME_DIR/twitchtalk.sock

See README.md beside this file. The socket protocol lives in twitchtalk_client.py, the translation between
Matrix events and TwitchTalk turns in messages.py (pure), what is kept across restarts in state.py.
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import hashlib
import logging
import os
import signal
import sys
import time
from typing import Any, Awaitable, Callable

try:
    from nio import (
        AsyncClient,
        AsyncClientConfig,
        LoginResponse,
        RoomMessagesResponse,
        RoomSendResponse,
        SyncResponse,
        WhoamiResponse,
    )
except ImportError:  # pragma: no cover - a message instead of a traceback
    sys.exit(
        "bridge: matrix-nio is missing. Run bridges/matrix/setup and start the bridge with .venv-matrix/bin/python, "
        "or pip install matrix-nio==0.26.0"
    )

from messages import Said, error_notice, is_command, older_edit_notice, read_message, refusal_notice, render
from state import State, StateInUse
from twitchtalk_client import ServerError, TwitchTalk

log = logging.getLogger("twitchtalk.matrix")

MAX_GAP_EVENTS = 1000  # at most this many older events are fetched for one room after a long absence
SYNC_FILTER = {
    "room": {"timeline": {"limit": 100}, "state": {"lazy_load_members": True}},
    "presence": {"not_types": ["*"]},
    "account_data": {"not_types": ["*"]},
}


def transaction_id(key: str) -> str:
    """The same key gives the same transaction id, so the homeserver takes a resent reply only once."""
    return "tt." + hashlib.sha256(key.encode()).hexdigest()[:32]


class Batch:
    """The events of one sync response; ``next_batch`` is saved once they and every earlier batch are done."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.remaining = 0


class Bridge:
    def __init__(
        self,
        client: AsyncClient,
        talk: TwitchTalk,
        state: State,
        log_text: bool = False,
        timeline_limit: int = 100,
        max_backoff: float = 30.0,
    ) -> None:
        self.client = client
        self.talk = talk
        self.state = state
        self.log_text = log_text
        self.tails: dict[str, asyncio.Task[None]] = {}  # the last task of each room: its next task waits for it
        self.batches: collections.deque[Batch] = collections.deque()
        self.max_backoff = max_backoff
        self.sync_filter = {**SYNC_FILTER, "room": {**SYNC_FILTER["room"], "timeline": {"limit": timeline_limit}}}
        self.refused: set[str] = set()  # encrypted rooms refused and left by this process

    @property
    def me(self) -> str:
        return self.client.user_id

    @staticmethod
    def conversation(room_id: str) -> str:
        return f"matrix:{room_id}"

    # --- Sync ----------------------------------------------------------------------------------------------------

    async def run(self) -> None:
        token = self.state.next_batch
        first = True
        failures = 0
        while True:
            response = await self.client.sync(
                timeout=0 if first else 30_000, since=token, full_state=first or None, sync_filter=self.sync_filter
            )
            if not isinstance(response, SyncResponse):
                if getattr(response, "status_code", None) == "M_UNKNOWN_TOKEN":
                    raise LoginExpired(str(response))
                failures += 1
                delay = min(self.max_backoff, 0.25 * 2 ** min(failures, 8))
                log.warning("sync failed (%s); trying again in %.1f s", getattr(response, "status_code", ""), delay)
                await asyncio.sleep(delay)
                continue
            if failures:
                log.info("homeserver answering again")
            failures = 0
            self.take(response, history=token is None, since=token)
            token = response.next_batch
            first = False

    def take(self, response: SyncResponse, history: bool, since: str | None = None) -> None:
        """Starts a task for each event that needs one. ``history``: the very first sync of a new state directory,
        whose messages were sent before the bridge existed and are not answered."""
        batch = Batch(response.next_batch)
        self.batches.append(batch)
        for room_id, info in response.rooms.invite.items():
            stripped = [getattr(event, "source", {}) for event in info.invite_state]
            encrypted = any(event.get("type") == "m.room.encryption" for event in stripped)
            self.spawn(batch, room_id, lambda room_id=room_id, e=encrypted: self.accept_invite(room_id, e))
        for room_id, info in response.rooms.join.items():
            timeline = [event.source for event in info.timeline.events]
            state = [event.source for event in info.state]
            room = self.client.rooms.get(room_id)
            encrypted = bool(room and room.encrypted) or any(
                event.get("type") == "m.room.encryption" for event in state + timeline
            )
            if history:
                if encrypted:
                    self.spawn(batch, room_id, lambda room_id=room_id: self.refuse(room_id, f"refuse:{room_id}"))
                continue
            gap = None
            if since and getattr(info.timeline, "limited", False) and getattr(info.timeline, "prev_batch", None):
                gap = (info.timeline.prev_batch, since)  # more was said than one sync holds
            self.take_timeline(batch, room_id, timeline, encrypted, gap)
        for room_id, info in response.rooms.leave.items():
            timeline = [event.source for event in info.timeline.events]
            ours = [e for e in timeline if e.get("type") == "m.room.member" and e.get("state_key") == self.me]
            key = ours[-1].get("event_id") if ours else f"leave:{room_id}:{response.next_batch}"
            self.spawn(batch, room_id, lambda room_id=room_id, key=key: self.forget(room_id, key))
        self.settle()

    def take_timeline(
        self,
        batch: Batch,
        room_id: str,
        timeline: list[dict[str, Any]],
        encrypted: bool,
        gap: tuple[str, str] | None = None,
    ) -> None:
        def mine(event: dict[str, Any], membership: str) -> bool:
            return (
                event.get("type") == "m.room.member"
                and event.get("state_key") == self.me
                and (event.get("content") or {}).get("membership") == membership
            )

        joins = [index for index, event in enumerate(timeline) if mine(event, "join")]
        start = 0
        if joins:
            # A room joined in this batch: its timeline may hold older history. Answer what was said since we were
            # invited (messages sent before the bot got there), else greet.
            invites = [index for index, event in enumerate(timeline[: joins[-1]]) if mine(event, "invite")]
            start = invites[-1] + 1 if invites else joins[-1] + 1
        if encrypted:
            key = next(
                (e.get("event_id") for e in timeline[start:] if e.get("sender") != self.me and e.get("event_id")),
                None,
            )
            if joins or key:
                key = key or timeline[joins[-1]].get("event_id")
                self.spawn(batch, room_id, lambda: self.refuse(room_id, key))
            return
        if gap is not None and not joins:
            self.spawn(batch, room_id, lambda: self.fill_gap(room_id, *gap))
        said_any = False
        for event in timeline[start:]:
            said = read_message(event, self.me)
            if said is None or not event.get("event_id"):
                continue
            said_any = True
            self.spawn(batch, room_id, lambda e=event["event_id"], s=said: self.answer(room_id, e, s))
        if joins and not said_any:
            join_id = timeline[joins[-1]].get("event_id")
            self.spawn(batch, room_id, lambda: self.greet(room_id, join_id))
        departures = [
            event
            for event in timeline[start:]
            if event.get("type") == "m.room.member"
            and event.get("state_key") != self.me
            and (event.get("content") or {}).get("membership") in ("leave", "ban")
        ]
        room = self.client.rooms.get(room_id)
        if departures and room is not None and room.joined_count <= 1:
            # Everyone else has gone: leave too, and TwitchTalk forgets the conversation (see forget).
            self.spawn(batch, room_id, lambda: self.leave_alone(room_id))

    def spawn(self, batch: Batch, room_id: str, work: Callable[[], Awaitable[None]]) -> None:
        """One task per event; a room's tasks run in order, rooms do not wait for each other."""
        before = self.tails.get(room_id)
        batch.remaining += 1

        async def run() -> None:
            if before is not None:
                await asyncio.wait([before])
            try:
                await work()
            except asyncio.CancelledError:
                raise  # stopping: the batch stays unfinished, so its token is not saved
            except Exception:  # one event's failure must not stop the room or the bridge
                log.exception("room %s: an event could not be handled", room_id)
            batch.remaining -= 1
            self.settle()
            if self.tails.get(room_id) is task:
                del self.tails[room_id]

        task = asyncio.create_task(run())
        self.tails[room_id] = task

    def settle(self) -> None:
        """Saves the newest sync token whose events, and all before them, are done."""
        token = None
        while self.batches and self.batches[0].remaining == 0:
            token = self.batches.popleft().token
        if token is not None:
            self.state.next_batch = token

    # --- Events ---------------------------------------------------------------------------------------------------

    async def answer(self, room_id: str, event_id: str, said: Said) -> None:
        stage, reply = self.state.stage(event_id)
        if stage == "answered":
            return
        started = time.monotonic()
        if stage == "replied" and reply is not None:
            content = reply
        elif stage == "sending":
            # The bridge stopped after giving this line to TwitchTalk and before keeping its reply: giving it again
            # could answer the question twice, so the person gets where the conversation stands.
            content = await self.turn_or_error(room_id, lambda: self.talk_state(room_id))
        else:
            content = await self.turn_or_error(room_id, lambda: self.tell(room_id, event_id, said))
            self.state.mark(event_id, room_id, "replied", content)
        if await self.send(room_id, content, event_id):
            self.state.mark(event_id, room_id, "answered")
        if self.log_text:
            log.info("room %s: %r answered with %r", room_id, said.text, content.get("body"))
        else:
            log.info("room %s: %s answered in %.0f ms", room_id, event_id, (time.monotonic() - started) * 1000)

    async def fill_gap(self, room_id: str, since_older: str, down_to: str) -> None:
        """Answers, oldest first, the messages between the last sync and the events this sync returned."""
        events: list[dict[str, Any]] = []
        start = since_older
        while len(events) < MAX_GAP_EVENTS:
            response = await self.client.room_messages(room_id, start=start, end=down_to, limit=100)
            if not isinstance(response, RoomMessagesResponse):
                status = getattr(response, "status_code", "")
                log.warning("room %s: could not fetch the older messages (%s)", room_id, status)
                break
            events.extend(event.source for event in response.chunk)
            if not response.chunk or not response.end or response.end == start:
                break
            start = response.end
        log.info("room %s: answering %d older events", room_id, len(events))
        for event in reversed(events):
            said = read_message(event, self.me)
            if said is not None and event.get("event_id"):
                await self.answer(room_id, event["event_id"], said)

    async def tell(self, room_id: str, event_id: str, said: Said) -> dict[str, Any]:
        """Gives the person's line to TwitchTalk; returns the reply's content.

        An edit of the person's last message is a correction: TwitchTalk's /back undoes that message and the edited
        text is taken in its place, as if it had been written that way. An edit of an older message is not guessed
        at (its words would be taken as the answer to the question now waiting): the person is asked to say what
        changed, which TwitchTalk reads as a correction."""
        conversation = self.conversation(room_id)

        def sending() -> None:  # from here on TwitchTalk may have the line
            self.state.mark(event_id, room_id, "sending")

        if said.replaces is not None:
            if said.replaces != self.state.last_message(room_id):
                return older_edit_notice()
            await self.talk.say(conversation, "/back", before_send=sending)
            return render(await self.talk.say(conversation, said.text))
        turn = await self.talk.say(conversation, said.text, before_send=sending)
        self.state.set_last_message(room_id, None if is_command(said.text) else event_id)
        return render(turn)

    async def talk_state(self, room_id: str) -> dict[str, Any]:
        """Where the conversation stands, for a message that TwitchTalk may or may not have taken."""
        content = render(await self.talk.state(self.conversation(room_id)))
        lead = "I was restarted while reading your last message and may have missed it. Here is where we are:"
        content["body"] = f"{lead}\n{content['body']}"
        content["formatted_body"] = f"<p><em>{lead}</em></p>{content['formatted_body']}"
        return content

    async def talk_start(self, room_id: str) -> dict[str, Any]:
        return render(await self.talk.start(self.conversation(room_id)))

    async def turn_or_error(self, room_id: str, request: Callable[[], Awaitable[dict[str, Any]]]) -> dict[str, Any]:
        """The reply's content, or a notice saying why TwitchTalk refused the line."""
        try:
            return await request()
        except ServerError as error:
            log.warning("room %s: twitchtalk refused the line: %s", room_id, error.code)
            return error_notice(error.code)

    async def greet(self, room_id: str, join_id: str | None) -> None:
        key = join_id or f"join:{room_id}"
        stage, _ = self.state.stage(key)
        if stage == "answered":
            return
        content = await self.turn_or_error(room_id, lambda: self.talk_start(room_id))
        if await self.send(room_id, content, key):
            self.state.mark(key, room_id, "answered")
        log.info("room %s: joined and greeted", room_id)

    async def accept_invite(self, room_id: str, encrypted: bool) -> None:
        response = await self.client.join(room_id)
        if getattr(response, "room_id", None) != room_id:
            log.warning("room %s: could not join (%s)", room_id, getattr(response, "status_code", response))
            return
        log.info("room %s: invited and joined", room_id)
        if encrypted:
            await self.refuse(room_id, f"refuse:{room_id}")

    async def refuse(self, room_id: str, key: str) -> None:
        """Encrypted rooms are refused with a message in the room, then left (see README: why)."""
        if room_id in self.refused:
            return
        self.refused.add(room_id)
        stage, _ = self.state.stage(key)
        if stage != "answered":
            await self.send(room_id, refusal_notice(), key)
            self.state.mark(key, room_id, "answered")
        await self.client.room_leave(room_id)
        log.info("room %s: end-to-end encrypted; refused and left", room_id)

    async def leave_alone(self, room_id: str) -> None:
        await self.client.room_leave(room_id)
        log.info("room %s: everyone else left; leaving", room_id)

    async def forget(self, room_id: str, key: str) -> None:
        """The bot left or was removed: TwitchTalk forgets the conversation."""
        stage, _ = self.state.stage(key)
        if stage == "answered":
            return
        try:
            await self.talk.end(self.conversation(room_id))
        except ServerError as error:
            if error.code != "unknown_conversation":
                log.warning("room %s: twitchtalk could not end the conversation: %s", room_id, error.code)
        self.state.forget_room(room_id)
        self.state.mark(key, room_id, "answered")
        log.info("room %s: left; conversation forgotten", room_id)

    async def send(self, room_id: str, content: dict[str, Any], key: str) -> bool:
        """Posts to the room; connection failures are retried by matrix-nio with back-off, server errors here.
        The transaction id comes from ``key``, so a reply sent twice appears once."""
        attempt = 0
        while True:
            response = await self.client.room_send(room_id, "m.room.message", content, tx_id=transaction_id(key))
            if isinstance(response, RoomSendResponse):
                return True
            status = str(getattr(response, "status_code", ""))
            if status in ("M_FORBIDDEN", "M_NOT_FOUND", "M_UNKNOWN", "M_BAD_JSON", "M_TOO_LARGE"):
                log.warning("room %s: the homeserver refused the reply (%s)", room_id, status)
                return False
            attempt += 1
            delay = min(self.max_backoff, 0.25 * 2 ** min(attempt, 8))
            log.warning("room %s: sending failed (%s); again in %.1f s", room_id, status, delay)
            await asyncio.sleep(delay)


class LoginExpired(Exception):
    pass


class Fatal(Exception):
    """A problem the bridge cannot get past by waiting (a missing file, a refused password): said, then exit 2."""


async def login(client: AsyncClient, state: State, args: argparse.Namespace) -> None:
    """Logs in with the access-token file, else with a saved session, else with the password file (and saves the
    session, so that a restart is the same device)."""
    if args.access_token_file:
        client.access_token = read_secret(args.access_token_file)
        client.user_id = args.user
        whoami = await client.whoami()
        if not isinstance(whoami, WhoamiResponse):
            raise Fatal(f"the access token was not accepted: {getattr(whoami, 'message', whoami)}")
        client.restore_login(whoami.user_id, whoami.device_id or "", client.access_token)
        return
    session = state.session(args.homeserver, args.user)
    if session:
        client.restore_login(session["user_id"], session["device_id"], session["access_token"])
        whoami = await client.whoami()
        if isinstance(whoami, WhoamiResponse):
            return
        log.info("the saved session is no longer valid; logging in again")
    response = await client.login(read_secret(args.password_file), device_name=args.device_name)
    if not isinstance(response, LoginResponse):
        raise Fatal(f"login failed: {getattr(response, 'message', response)}")
    state.save_session(
        {
            "homeserver": args.homeserver,
            "user_id": args.user,
            "device_id": response.device_id,
            "access_token": response.access_token,
        }
    )


def read_secret(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as file:
            secret = file.read().strip()
    except OSError as error:
        raise Fatal(f"cannot read {path}: {error.strerror}") from None
    if not secret:
        raise Fatal(f"{path} is empty")
    if os.stat(path).st_mode & 0o077:
        log.warning("%s can be read by other users; chmod 600 it", path)
    return secret


def default_state_dir() -> str:
    base = os.environ.get("XDG_STATE_HOME")
    if not base or not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(base, "twitchtalk", "matrix")


def default_socket() -> str:
    """`twitchtalk serve`'s default socket (PROTOCOL.md): in $XDG_RUNTIME_DIR when that is an absolute path, else
    in /tmp/twitchtalk-UID."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime):
        return os.path.join(runtime, "twitchtalk.sock")
    return os.path.join("/tmp", f"twitchtalk-{os.getuid()}", "twitchtalk.sock")


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bridge.py", description="Bridges Matrix rooms to `twitchtalk serve`: each room is one conversation."
    )
    parser.add_argument("--homeserver", required=True, help="the homeserver's URL, e.g. https://matrix.example.org")
    parser.add_argument("--user", required=True, help="the bot's Matrix id, e.g. @twitchtalk:example.org")
    secret = parser.add_mutually_exclusive_group(required=True)
    secret.add_argument("--password-file", help="a file holding the bot's password (never on the command line)")
    secret.add_argument("--access-token-file", help="a file holding an access token, instead of a password")
    parser.add_argument("--socket", default=default_socket(), help="twitchtalk serve's socket (default: %(default)s)")
    parser.add_argument(
        "--state-dir", default=default_state_dir(), help="where the sync token and session are kept (%(default)s)"
    )
    parser.add_argument("--device-name", default="TwitchTalk bridge", help="the device name shown to the bot's user")
    parser.add_argument("--verbose", action="store_true", help="log more (still no message text)")
    parser.add_argument(
        "--log-message-text",
        action="store_true",
        help="also log what people say and the replies: health data; only for debugging on your own machine",
    )
    parser.add_argument("--max-backoff", type=float, default=30.0, help="longest wait between retries, seconds")
    parser.add_argument(
        "--timeline-limit", type=int, default=100, help="events of a room in one sync (older ones are fetched)"
    )
    return parser.parse_args(argv)


async def main_async(args: argparse.Namespace) -> None:
    try:
        state = State(args.state_dir)
    except StateInUse as error:
        raise Fatal(str(error)) from None
    config = AsyncClientConfig(max_timeout_retry_wait_time=args.max_backoff, request_timeout=60)
    client = AsyncClient(args.homeserver, args.user, config=config)
    talk = TwitchTalk(args.socket, max_backoff=min(args.max_backoff, 5.0))

    async def bridge_forever() -> None:
        while True:
            await login(client, state, args)
            log.info("logged in as %s (device %s); state in %s", client.user_id, client.device_id, args.state_dir)
            try:
                bridge = Bridge(
                    client,
                    talk,
                    state,
                    log_text=args.log_message_text,
                    timeline_limit=args.timeline_limit,
                    max_backoff=args.max_backoff,
                )
                await bridge.run()
            except LoginExpired:
                if not args.password_file:
                    raise Fatal("the access token is no longer valid") from None
                log.warning("the homeserver forgot the session; logging in again")
                state.save_session(None)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    runner = asyncio.create_task(bridge_forever())
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait([runner, stopper], return_when=asyncio.FIRST_COMPLETED)
        if runner.done():
            runner.result()  # a login that failed for good: its message
        else:
            log.info("stopping")
            runner.cancel()
            await asyncio.gather(runner, return_exceptions=True)
    finally:
        stopper.cancel()
        await client.close()
        await talk.close()
        state.close()


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # matrix-nio and aiohttp log request details at debug level; keep them quiet unless asked.
    for name in ("nio", "aiohttp", "peewee"):
        logging.getLogger(name).setLevel(logging.INFO if args.verbose else logging.WARNING)
    try:
        asyncio.run(main_async(args))
    except KeyboardInterrupt:
        pass
    except Fatal as error:
        print(f"bridge: {error}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
