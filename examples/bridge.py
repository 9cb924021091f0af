#!/usr/bin/env python3
"""An example bridge to `twitchtalk serve`, using only the Python standard library.

A chat bridge (Telegram, Matrix, Slack...) keeps one connection to the server and names each conversation after
the chat it comes from (``"tg:12345"``); the server keeps the interview's state, so the bridge only passes lines.

Run it as a small chat in the terminal:

    twitchtalk serve --socket /tmp/tt.sock &
    python3 examples/bridge.py --socket /tmp/tt.sock --conversation me

or import it: ``Bridge`` is an asyncio client that pipelines requests on one connection and matches each reply
to its request by ``id``.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import stat
import sys
from typing import Any


class ServerError(Exception):
    """An error reply: ``code`` is stable (see PROTOCOL.md), ``message`` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class Bridge:
    """One connection to the server carrying any number of conversations."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader = reader
        self._writer = writer
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._pump = asyncio.create_task(self._read_replies())

    @classmethod
    async def connect(cls, path: str, limit: int = 1 << 20) -> "Bridge":
        reader, writer = await asyncio.open_unix_connection(path, limit=limit)
        return cls(reader, writer)

    async def request(self, conversation: str, **fields: Any) -> dict[str, Any]:
        """Sends one request and returns its reply; raises ServerError for an error reply."""
        request_id = next(self._ids)
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[request_id] = future
        line = json.dumps({"id": request_id, "conversation": conversation, **fields}, ensure_ascii=False)
        self._writer.write(line.encode() + b"\n")
        await self._writer.drain()
        reply = await future
        if "error" in reply:
            raise ServerError(reply["error"]["code"], reply["error"]["message"])
        return reply

    async def start(self, conversation: str) -> dict[str, Any]:
        return await self.request(conversation, type="start")

    async def say(self, conversation: str, text: str) -> dict[str, Any]:
        return await self.request(conversation, type="say", text=text)

    async def state(self, conversation: str) -> dict[str, Any]:
        return await self.request(conversation, type="state")

    async def end(self, conversation: str) -> dict[str, Any]:
        return await self.request(conversation, type="end")

    async def close(self) -> None:
        self._writer.close()
        try:
            await self._writer.wait_closed()
        except (ConnectionError, BrokenPipeError):
            pass
        self._pump.cancel()

    async def _read_replies(self) -> None:
        try:
            while line := await self._reader.readline():
                reply = json.loads(line)
                future = self._waiting.pop(reply.get("id"), None)
                if future is not None and not future.done():
                    future.set_result(reply)
        finally:
            for future in self._waiting.values():
                if not future.done():
                    future.set_exception(ConnectionError("the server closed the connection"))
            self._waiting.clear()


def render(turn: dict[str, Any]) -> str:
    """A reply as text for a chat message (what a bridge would post)."""
    lines = list(turn.get("say", []))
    if ask := turn.get("ask"):
        choices = f" ({' / '.join(ask['choices'])})" if ask.get("choices") else ""
        lines.append(ask["text"] + choices)
    if advice := turn.get("advice"):
        lines.append("== " + advice.get("headline", ""))
    return "\n".join(lines)


async def chat(path: str, conversation: str) -> None:
    bridge = await Bridge.connect(path)
    loop = asyncio.get_running_loop()
    try:
        print(render(await bridge.start(conversation)))
        while True:
            line = await loop.run_in_executor(None, sys.stdin.readline)
            if not line:
                break
            turn = await bridge.say(conversation, line.rstrip("\n"))
            print(render(turn))
            if turn.get("done"):
                break
    finally:
        await bridge.close()


def default_socket_path(tmp: str = "/tmp") -> str:
    """The server's default socket path, by the same rule as `twitchtalk serve`: ``$XDG_RUNTIME_DIR/twitchtalk.sock``
    (when it is an absolute path), else ``/tmp/twitchtalk-UID/twitchtalk.sock``, used only if that directory is
    this user's own and private (mode 0700): a path any local user could take is never used."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime.startswith("/"):
        return os.path.join(runtime, "twitchtalk.sock")
    directory = os.path.join(tmp, f"twitchtalk-{os.getuid()}")
    try:
        info = os.lstat(directory)
    except FileNotFoundError:
        raise SystemExit(f"bridge: {directory} does not exist; start the server first, or pass --socket") from None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or stat.S_IMODE(info.st_mode) & 0o077:
        raise SystemExit(f"bridge: {directory} is not a private directory owned by you; pass --socket")
    return os.path.join(directory, "twitchtalk.sock")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--socket", help="the server's socket path (default: the server's own default)")
    parser.add_argument("--conversation", default=f"bridge:{os.getpid()}", help="the conversation name")
    args = parser.parse_args()
    asyncio.run(chat(args.socket or default_socket_path(), args.conversation))


if __name__ == "__main__":
    main()
