"""`twitchtalk serve` driven by real clients over a real Unix socket: the example bridge, socat and nc, many
asyncio connections at once, kill -9 and restart. Expected turns come from `twitchtalk --json` fed the same lines,
so the tests hold whatever the answer understanding makes of them."""
import asyncio
import functools
import importlib.util
import json
import os
import pathlib
import select
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time

import pytest
from conftest import STORE, default_store

sqlite_only = pytest.mark.skipif(STORE != "sqlite", reason="about the SQLite file")

ROOT = pathlib.Path(__file__).resolve().parents[2]
LONG = ("my left eyelid keeps twitching", "no")  # answers, repeated as needed until the interview is done
URGENT = ("my legs twitch all over", "yes")  # "yes" to the urgent question: emergency advice, once understood


def load_bridge():
    spec = importlib.util.spec_from_file_location("bridge", ROOT / "examples" / "bridge.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bridge = load_bridge()


def script(pattern, count=200):
    """The lines a client says: the opening answer, then the second line repeated."""
    return [pattern[0]] + [pattern[1]] * (count - 1)


@functools.lru_cache(maxsize=None)
def expected_turns(binary, lines):
    """What `twitchtalk --json` answers to `lines`: the start turn, then one turn per line read until done."""
    out = subprocess.run(
        [binary, "--json"], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=60, check=True
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def without_routing(reply):
    return {key: value for key, value in reply.items() if key not in ("id", "conversation")}


class Server:
    """A `twitchtalk serve` process on a temporary socket; always killed by the fixture."""

    def __init__(self, binary, directory, *extra, store=None, socket_name="tt.sock"):
        self.binary = binary
        self.directory = directory
        self.socket = os.path.join(directory, socket_name)
        self.store = store or os.path.join(directory, "conversations.sqlite")
        self.extra = list(extra)
        self.process = None

    def command(self):
        return [self.binary, "serve", "--socket", self.socket, "--store", self.store, *self.extra]

    def start(self, wait=True):
        self.process = subprocess.Popen(
            self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self, timeout=20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited {self.process.returncode}: {self.process.stderr.read()!r}")
            try:
                with socket.socket(socket.AF_UNIX) as probe:
                    probe.connect(self.socket)
                    return
            except OSError:
                time.sleep(0.02)
        raise AssertionError("server did not start listening")

    def kill(self, sig=signal.SIGKILL):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@pytest.fixture
def servers(binary):
    directory = tempfile.mkdtemp(prefix="tt-", dir="/tmp")
    started = []
    shared = default_store(directory)

    def make(*extra, store=None, socket_name="tt.sock"):
        server = Server(binary, directory, *extra, store=store or shared, socket_name=socket_name)
        started.append(server)
        return server

    yield make
    for server in started:
        server.kill()
    shutil.rmtree(directory, ignore_errors=True)


class Lines:
    """A blocking JSON-lines client for the error tests."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(20)
        self.sock.connect(path)
        self.file = self.sock.makefile("rwb")

    def send_raw(self, data):
        self.file.write(data)
        self.file.flush()
        line = self.file.readline()
        assert line.endswith(b"\n"), f"no reply line: {line!r}"
        return json.loads(line)

    def send(self, obj):
        return self.send_raw(json.dumps(obj).encode() + b"\n")

    def close(self):
        self.file.close()
        self.sock.close()


async def run_conversation(client, name, binary, pattern, turns=None):
    """Starts `name`, says the pattern's lines until the expected interview is done (or `turns` requests were
    sent), checking every reply against `twitchtalk --json`. Returns the requests sent and the last reply."""
    lines = tuple(script(pattern))
    expected = expected_turns(binary, lines)
    limit = len(expected) if turns is None else min(turns, len(expected))
    reply = await client.start(name)
    assert without_routing(reply) == expected[0]
    assert reply["conversation"] == name
    for index in range(1, limit):
        reply = await client.say(name, lines[index - 1])
        assert without_routing(reply) == expected[index], f"{name} turn {index}"
    return limit, reply


def test_two_conversations_interleaved_on_one_connection_reach_their_own_advice(servers, binary):
    server = servers().start()

    async def main():
        client = await bridge.Bridge.connect(server.socket)
        try:
            plans = {"tg:1": tuple(script(LONG)), "tg:2": tuple(script(URGENT))}
            expected = {name: expected_turns(binary, lines) for name, lines in plans.items()}
            for name in plans:
                assert without_routing(await client.start(name)) == expected[name][0]
            replies = {}
            for index in range(1, max(len(turns) for turns in expected.values())):
                for name, lines in plans.items():
                    if index < len(expected[name]):
                        reply = await client.say(name, lines[index - 1])
                        assert without_routing(reply) == expected[name][index]
                        replies[name] = reply
            for name in plans:
                assert replies[name]["done"] is True
                assert replies[name]["advice"] == expected[name][-1]["advice"]
                state = await client.state(name)
                assert state["done"] is True and state["advice"] == expected[name][-1]["advice"]
        finally:
            await client.close()

    asyncio.run(asyncio.wait_for(main(), 60))


def plain_transcript(binary, lines):
    """What piped mode prints for `lines`: the plain-text session must print the same."""
    return subprocess.run(
        [binary], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=60, check=True
    ).stdout


@pytest.mark.parametrize("extra", [0, 350_000], ids=["script", "script-then-1MB"])
@pytest.mark.parametrize("client", ["socat", "nc"])
def test_plain_text_session_reaches_advice(servers, binary, client, extra):
    """Also with 1 MB of answers after the script that nobody will take: the client still gets every reply."""
    tool = shutil.which(client)
    assert tool, f"{client} is needed (scripts/setup installs it)"
    server = servers().start()
    lines = list(script(LONG))
    expected = plain_transcript(binary, lines)
    if client == "socat":
        command = [tool, "-t", "30", "-", f"UNIX-CONNECT:{server.socket}"]
    else:
        command = [tool, "-U", server.socket]
    # An empty first line starts the chat (greeting and first question); the server closes after the advice.
    result = subprocess.run(
        command, input="\n" + "\n".join(lines) + "\n" + "no\n" * extra, capture_output=True, text=True, timeout=60
    )
    assert result.stdout == expected
    assert "\nThe details (type /advice" in result.stdout


def test_closing_after_the_advice_never_resets_a_client_still_reading(servers, binary):
    """A plain-text client that sends its whole script at once and reads replies as they come, as `nc -U` does. The
    server closes after the advice with lines of the script still unread; closing at once would reset the
    connection, and `nc` stops at the error (POLLERR) and drops the replies it had not read yet (this failed in
    about 9 sessions of 10 before the lingering close). The server shuts its output, drops what still comes and
    closes when the client does: every session gets the whole transcript and then an end of file."""
    server = servers().start()
    lines = list(script(LONG))
    expected = plain_transcript(binary, lines).encode()
    data = ("\n" + "\n".join(lines) + "\n").encode()
    outcomes = []
    for _ in range(20):
        with socket.socket(socket.AF_UNIX) as client:
            client.connect(server.socket)
            client.sendall(data)
            received = bytearray()
            poller = select.poll()
            poller.register(client, select.POLLIN)
            while True:
                events = poller.poll(30_000)
                assert events, "no reply within 30 s"
                if events[0][1] & select.POLLERR:
                    outcome = "reset"
                    break
                chunk = client.recv(16384)
                if not chunk:
                    outcome = "end of file"
                    break
                received += chunk
            outcomes.append((outcome, bytes(received) == expected))
    assert outcomes == [("end of file", True)] * 20


def test_every_error_is_answered_and_the_connection_keeps_working(servers):
    server = servers("--max-line-bytes", "1024", "--max-conversations", "2").start()
    client = Lines(server.socket)
    try:
        cases = [
            (b"{not json\n", "malformed_json"),
            (b"[1, 2]\n", "malformed_json"),
            (b'{"type": "dance", "conversation": "c"}\n', "unknown_request"),
            (b'{"text": "hello"}\n', "missing_field"),
            (b'{"type": "say", "conversation": "c"}\n', "missing_field"),
            (b'{"conversation": 12, "text": "x"}\n', "invalid_field"),
            (b'{"conversation": "c", "text": "' + b"x" * 5000 + b'"}\n', "line_too_long"),
            (b'{"conversation": "c", "text": "\xff\xfe"}\n', "invalid_utf8"),
            (b'{"type": "state", "conversation": "nobody"}\n', "unknown_conversation"),
            (b'{"type": "end", "conversation": "nobody", "id": 7}\n', "unknown_conversation"),
        ]
        for data, code in cases:
            reply = client.send_raw(data)
            assert reply["error"]["code"] == code, (data[:60], reply)
            assert reply["error"]["message"]
            ok = client.send({"type": "start", "conversation": "ok", "id": "after"})
            assert ok["id"] == "after" and ok["ask"]["id"] == "opening", (code, ok)
        assert client.send({"type": "start", "conversation": "second"})["ask"]["id"] == "opening"
        full = client.send({"type": "start", "conversation": "third", "id": 3})
        assert full["error"]["code"] == "limit_reached" and full["id"] == 3
        assert client.send({"type": "end", "conversation": "second"})["ended"] is True
        assert client.send({"type": "start", "conversation": "third"})["ask"]["id"] == "opening"
    finally:
        client.close()


def test_connection_limit_is_answered(servers):
    server = servers("--max-connections", "2").start()
    first = Lines(server.socket)
    assert first.send({"type": "start", "conversation": "a"})["ask"]["id"] == "opening"
    # The readiness probe's connection is released when the server sees it close, which may take a moment.
    deadline = time.monotonic() + 10
    while True:
        second = Lines(server.socket)
        reply = second.send({"type": "start", "conversation": "b"})
        if "ask" in reply or time.monotonic() > deadline:
            break
        assert reply["error"]["code"] == "limit_reached"
        second.close()
        time.sleep(0.05)
    try:
        assert reply["ask"]["id"] == "opening"
        with socket.socket(socket.AF_UNIX) as third:
            third.settimeout(20)
            third.connect(server.socket)
            reply = json.loads(third.makefile("rb").readline())
            assert reply["error"]["code"] == "limit_reached"
        assert first.send({"type": "state", "conversation": "a"})["ask"]["id"] == "opening"
    finally:
        first.close()
        second.close()


def test_200_connections_of_50_turns(servers, binary):
    server = servers("--max-connections", "512").start()
    turns_each = 50
    patterns = [LONG, URGENT]
    for pattern in patterns:
        expected_turns(binary, tuple(script(pattern)))

    async def one(index):
        client = await bridge.Bridge.connect(server.socket)
        try:
            sent, round_ = 0, 0
            while sent < turns_each:
                count, _ = await run_conversation(
                    client, f"load:{index}:{round_}", binary, patterns[(index + round_) % 2], turns_each - sent
                )
                sent += count
                round_ += 1
            return sent
        finally:
            await client.close()

    async def main():
        return await asyncio.gather(*(one(index) for index in range(200)))

    started = time.monotonic()
    sent = asyncio.run(asyncio.wait_for(main(), 120))
    assert sent == [turns_each] * 200
    assert time.monotonic() - started < 90


def test_kill_9_mid_conversation_then_restart_continues(servers, binary):
    server = servers().start()
    lines = tuple(script(LONG))
    expected = expected_turns(binary, lines)
    client = Lines(server.socket)
    client.send({"type": "start", "conversation": "k"})
    for index in range(1, 5):
        assert without_routing(client.send({"conversation": "k", "text": lines[index - 1]})) == expected[index]
    client.close()
    server.kill(signal.SIGKILL)
    restarted = servers().start()  # the stale socket file is replaced
    client = Lines(restarted.socket)
    try:
        state = client.send({"type": "state", "conversation": "k"})
        assert state["ask"] == expected[4]["ask"]
        assert without_routing(client.send({"conversation": "k", "text": lines[4]})) == expected[5]
    finally:
        client.close()


def test_pipelined_requests_are_answered_in_order_and_durable_before_kill_9(servers, binary):
    server = servers().start()
    lines = tuple(script(LONG))
    expected = expected_turns(binary, lines)
    count = min(12, len(expected) - 1)
    names = ["p:1", "p:2", "p:3"]
    requests = b"".join(
        json.dumps({"conversation": name, "text": lines[index], "id": f"{name}/{index}"}).encode() + b"\n"
        for index in range(count)
        for name in names
    )
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(20)
        sock.connect(server.socket)
        sock.sendall(requests)  # all at once: the server has many of them in flight
        reader = sock.makefile("rb")
        replies = [json.loads(reader.readline()) for _ in range(count * len(names))]
    assert [reply["id"] for reply in replies] == [f"{name}/{index}" for index in range(count) for name in names]
    for position, reply in enumerate(replies):
        index = position // len(names)
        # a say to a new conversation starts it: its reply is the start turn's greeting plus the first answer's turn
        if index > 0:
            assert without_routing(reply) == expected[index + 1], reply["id"]
    server.kill(signal.SIGKILL)  # every answered line must have been durable
    restarted = servers().start()
    client = Lines(restarted.socket)
    try:
        for name in names:
            assert client.send({"type": "state", "conversation": name})["ask"] == expected[count]["ask"]
    finally:
        client.close()


def test_sigterm_stops_cleanly_and_keeps_conversations(servers, binary):
    server = servers().start()
    client = Lines(server.socket)
    first = client.send({"conversation": "t", "text": "my left eyelid keeps twitching"})
    server.kill(signal.SIGTERM)
    assert server.process.returncode == 0
    assert not os.path.exists(server.socket)
    client.close()
    restarted = servers().start()
    client = Lines(restarted.socket)
    try:
        assert client.send({"type": "state", "conversation": "t"})["ask"] == first["ask"]
    finally:
        client.close()


def test_memory_store_leaves_nothing_on_disk(servers):
    server = servers(store="memory").start()
    client = Lines(server.socket)
    client.send({"conversation": "m", "text": "hello"})
    client.close()
    assert sorted(os.listdir(server.directory)) == ["tt.sock"]


def test_socket_file_is_private(servers):
    server = servers().start()
    assert stat.S_ISSOCK(os.lstat(server.socket).st_mode)
    assert stat.S_IMODE(os.lstat(server.socket).st_mode) == 0o600
    if STORE == "sqlite":
        assert stat.S_IMODE(os.stat(server.store).st_mode) == 0o600


def test_regular_file_at_socket_path_is_kept_and_refused(servers):
    server = servers()
    pathlib.Path(server.socket).write_text("precious")
    server.start(wait=False)
    assert server.process.wait(timeout=20) != 0
    assert pathlib.Path(server.socket).read_text() == "precious"
    assert b"not a socket" in server.process.stderr.read()


def test_second_server_on_a_live_socket_is_refused(servers):
    first = servers().start()
    second = servers(store="memory").start(wait=False)
    assert second.process.wait(timeout=20) != 0
    assert b"already answering" in second.process.stderr.read()
    client = Lines(first.socket)
    try:
        assert client.send({"type": "start", "conversation": "x"})["ask"]["id"] == "opening"
    finally:
        client.close()


# Issue 10: lose nothing acknowledged, let only the owner in.


def test_nul_in_a_name_or_text_is_refused_and_the_real_conversation_keeps_its_lines(servers):
    server = servers().start()
    client = Lines(server.socket)
    try:
        assert "ask" in client.send({"conversation": "victim", "text": "my left eyelid twitches"})
        for request in (
            {"conversation": "victim\u0000evil", "text": "hi"},
            {"conversation": "victim", "text": "3\u0000 weeks ago"},
        ):
            reply = client.send(request)
            assert reply["error"]["code"] == "invalid_field", reply
        before = client.send({"type": "state", "conversation": "victim"})
    finally:
        client.close()
    server.kill()
    server.start()
    client = Lines(server.socket)
    try:
        assert client.send({"type": "state", "conversation": "victim"}) == before
    finally:
        client.close()


@sqlite_only
def test_second_server_on_the_same_store_is_refused(servers):
    first = servers().start()
    second = Server(first.binary, first.directory, store=first.store)
    second.socket = os.path.join(first.directory, "other.sock")
    second.start(wait=False)
    try:
        assert second.process.wait(timeout=20) != 0
        assert b"in use by another twitchtalk server" in second.process.stderr.read()
    finally:
        second.kill()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
@sqlite_only
def test_store_symlink_owned_by_another_user_is_refused(servers):
    server = servers()
    target = pathlib.Path(server.directory) / "precious"
    target.write_bytes(b"precious")
    os.symlink(target, server.store)
    os.lchown(server.store, 65534, 65534)
    server.start(wait=False)
    assert server.process.wait(timeout=20) != 0
    assert b"symbolic link owned by another user" in server.process.stderr.read()
    assert target.read_bytes() == b"precious"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
def test_another_user_is_refused_whatever_the_socket_mode(servers):
    server = servers("--socket-mode", "0666").start()
    os.chmod(server.directory, 0o755)
    deadline = time.monotonic() + 10
    while stat.S_IMODE(os.lstat(server.socket).st_mode) != 0o666 and time.monotonic() < deadline:
        time.sleep(0.01)  # the mode is set just after the socket is bound
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: another user
        try:
            os.close(read)
            os.setgid(65534)
            os.setuid(65534)
            with socket.socket(socket.AF_UNIX) as other:
                other.settimeout(20)
                other.connect(server.socket)
                try:
                    other.sendall(b'{"type": "start", "conversation": "x"}\n')
                except BrokenPipeError:
                    pass  # refused already: the reply is waiting
                os.write(write, other.makefile("rb").readline())
        except BaseException as error:  # noqa: BLE001 - reported to the parent
            os.write(write, f"child failed: {error!r}".encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        answer = pipe.read()
    os.waitpid(pid, 0)
    assert answer.startswith(b"{"), answer
    reply = json.loads(answer)
    assert reply["error"]["code"] == "permission_denied", reply
    # The owner (root here) is served.
    client = Lines(server.socket)
    try:
        assert client.send({"type": "start", "conversation": "x"})["ask"]["id"] == "opening"
    finally:
        client.close()


def test_startup_check_of_a_socket_that_never_accepts_is_bounded(servers):
    server = servers()
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(server.socket)
    listener.listen(0)
    waiting = []
    try:
        # Fill the listener's queue: a connect to it now would wait for ever without a timeout.
        while True:
            client = socket.socket(socket.AF_UNIX)
            client.setblocking(False)
            try:
                client.connect(server.socket)
            except BlockingIOError:
                client.close()
                break
            waiting.append(client)
        server.start(wait=False)
        assert server.process.wait(timeout=30) != 0
        assert b"already answering" in server.process.stderr.read()
    finally:
        for client in waiting:
            client.close()
        listener.close()


def test_bridge_default_path_follows_the_server_rule(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert bridge.default_socket_path() == str(tmp_path / "twitchtalk.sock")
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    directory = tmp_path / f"twitchtalk-{os.getuid()}"
    # Never the shared /tmp/twitchtalk.sock that any user could take: the private directory or nothing.
    with pytest.raises(SystemExit):
        bridge.default_socket_path(str(tmp_path))
    directory.mkdir(mode=0o700)
    assert bridge.default_socket_path(str(tmp_path)) == str(directory / "twitchtalk.sock")
    directory.chmod(0o777)
    with pytest.raises(SystemExit):
        bridge.default_socket_path(str(tmp_path))


def test_connections_beyond_the_file_descriptor_limit_are_answered(servers):
    import resource

    server = servers()
    server.process = subprocess.Popen(
        server.command(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (200, 200)),
    )
    server.wait_ready()
    clients = []
    try:
        answers = []
        for index in range(160):
            client = socket.socket(socket.AF_UNIX)
            client.settimeout(10)
            client.connect(server.socket)
            client.sendall(json.dumps({"type": "start", "conversation": f"f{index}"}).encode() + b"\n")
            clients.append(client)
        for client in clients:
            line = client.makefile("rb").readline()
            answers.append(json.loads(line))
        served = [reply for reply in answers if "ask" in reply]
        refused = [reply for reply in answers if reply.get("error", {}).get("code") == "limit_reached"]
        assert len(served) + len(refused) == 160
        assert served and refused
    finally:
        for client in clients:
            client.close()
    client = Lines(server.socket)
    try:
        assert client.send({"type": "start", "conversation": "after"})["ask"]["id"] == "opening"
    finally:
        client.close()


def test_an_idle_connection_is_closed(servers):
    server = servers("--connection-idle-timeout", "0.3").start()
    with socket.socket(socket.AF_UNIX) as idle:
        idle.settimeout(20)
        idle.connect(server.socket)
        assert idle.recv(100) == b""  # closed by the server, without a word
    busy = Lines(server.socket)
    try:
        # A connection in use is not idle.
        for index in range(3):
            assert "ask" in busy.send({"type": "start", "conversation": f"i{index}"})
    finally:
        busy.close()
