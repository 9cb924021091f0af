"""The TwitchTalk socket protocol (PROTOCOL.md), in one place: the bridge's only knowledge of `twitchtalk serve`.

One connection carries every conversation; requests are pipelined and each reply is matched to its request by
``id``. When the socket closes (a restarted ``serve``) the client reconnects with back-off and sends the request
again, so a message is never dropped because the server was away for a moment.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import logging
from typing import Any, Callable

log = logging.getLogger("twitchtalk.matrix.socket")


class ServerError(Exception):
    """An error reply: ``code`` is stable (PROTOCOL.md, "Errors"), ``message`` is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class _Connection:
    """One socket connection and the requests waiting for their replies on it."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.writer = writer
        self.waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self.pump = asyncio.create_task(self._read_replies(reader))

    @property
    def open(self) -> bool:
        return not self.writer.is_closing() and not self.pump.done()

    async def _read_replies(self, reader: asyncio.StreamReader) -> None:
        try:
            while line := await reader.readline():
                try:
                    reply = json.loads(line)
                except ValueError:
                    log.error("twitchtalk sent a line that is not JSON; reconnecting")
                    break
                future = self.waiting.pop(reply.get("id"), None) if isinstance(reply, dict) else None
                if future is not None and not future.done():
                    future.set_result(reply)
        except (ConnectionError, OSError, ValueError):
            pass
        finally:
            self.writer.close()
            # Every request still waiting was sent on this connection: its caller sends it again.
            for future in self.waiting.values():
                if not future.done():
                    future.set_exception(ConnectionError("twitchtalk closed the connection"))
            self.waiting.clear()


class TwitchTalk:
    """A self-healing client of `twitchtalk serve` on a Unix socket."""

    def __init__(self, path: str, max_backoff: float = 5.0) -> None:
        self.path = path
        self.max_backoff = max_backoff
        self._ids = itertools.count(1)
        self._connection: _Connection | None = None
        self._connecting = asyncio.Lock()

    async def say(
        self, conversation: str, text: str, before_send: Callable[[], None] | None = None
    ) -> dict[str, Any]:
        """Says a line of the person's text; returns the turn (PROTOCOL.md, "Replies"). ``before_send`` is called
        just before the line is written to the socket (each time it is)."""
        return await self.request({"type": "say", "conversation": conversation, "text": text}, before_send)

    async def start(self, conversation: str) -> dict[str, Any]:
        return await self.request({"type": "start", "conversation": conversation})

    async def state(self, conversation: str) -> dict[str, Any]:
        return await self.request({"type": "state", "conversation": conversation})

    async def end(self, conversation: str) -> dict[str, Any]:
        return await self.request({"type": "end", "conversation": conversation})

    async def request(self, fields: dict[str, Any], before_send: Callable[[], None] | None = None) -> dict[str, Any]:
        """Sends one request, reconnecting and resending until a reply comes; raises ServerError for an error reply.

        A request whose connection closed before its reply is sent again on the next connection: a server stopped
        with SIGTERM finishes the turns in flight first, so only a server killed between storing a line and
        replying can see that line twice."""
        attempt = 0
        while True:
            connection = await self._connected()
            request_id = next(self._ids)
            future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
            connection.waiting[request_id] = future
            # "replace": a lone surrogate (valid in Matrix's JSON, not in UTF-8) becomes "?" rather than an error
            line = json.dumps({**fields, "id": request_id}, ensure_ascii=False).encode(errors="replace") + b"\n"
            if before_send is not None:
                before_send()
            try:
                connection.writer.write(line)
                await connection.writer.drain()
                reply = await future
            except (ConnectionError, OSError) as error:
                connection.waiting.pop(request_id, None)
                connection.writer.close()
                attempt += 1
                delay = self._delay(attempt)
                log.warning("twitchtalk connection lost (%s); sending again in %.1f s", error.__class__.__name__, delay)
                await asyncio.sleep(delay)
                continue
            if "error" in reply:
                error = reply["error"] if isinstance(reply["error"], dict) else {}
                raise ServerError(str(error.get("code")), str(error.get("message")))
            return reply

    def _delay(self, attempt: int) -> float:
        return min(self.max_backoff, 0.05 * 2 ** min(attempt, 10))

    async def _connected(self) -> _Connection:
        async with self._connecting:
            attempt = 0
            while self._connection is None or not self._connection.open:
                try:
                    reader, writer = await asyncio.open_unix_connection(self.path, limit=1 << 22)
                except OSError as error:
                    attempt += 1
                    if attempt == 1:
                        log.warning("cannot reach twitchtalk at %s (%s); retrying", self.path, error.strerror or error)
                    await asyncio.sleep(self._delay(attempt))
                    continue
                self._connection = _Connection(reader, writer)
                if attempt:
                    log.info("connected to twitchtalk again")
            return self._connection

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.writer.close()
            self._connection.pump.cancel()
            self._connection = None
