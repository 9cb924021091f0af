"""Several `twitchtalk serve` instances sharing one PostgreSQL database (issue 12): taking turns, racing, kill -9 of
one instance, PostgreSQL restarted under a running server, the schema, idle expiry across instances, and how a
--store URL is read. Needs the throw-away cluster that scripts/test starts (scripts/postgres); the socket tests in
test_socket.py also run against it (TT_TEST_STORE=postgres)."""
import os
import signal
import subprocess
import tempfile
import threading
import time

import pytest
from conftest import new_database, postgres_url, psql, require_postgres
from test_socket import LONG, Lines, Server, expected_turns, script, without_routing


@pytest.fixture
def database():
    return new_database()


@pytest.fixture
def instances(binary):
    """Makes servers (each on its own socket in one directory) on a given store; kills them all at the end."""
    directory = tempfile.mkdtemp(prefix="tt-pg-", dir="/tmp")
    started = []

    def make(store, *extra, env=None):
        server = Server(binary, directory, "--log-level", "warning", *extra, store=store,
                        socket_name=f"tt{len(started)}.sock")
        server.env = env
        started.append(server)
        return server

    yield make
    for server in started:
        server.kill()
    subprocess.run(["rm", "-rf", directory], check=False)


def start(server):
    """Starts `server` with its own environment, if it has one."""
    if getattr(server, "env", None) is None:
        return server.start()
    server.process = subprocess.Popen(
        server.command(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, env=server.env
    )
    server.wait_ready()
    return server


def run_serve(binary, store, env=None, cwd=None):
    """Runs `serve` expecting it to refuse at start; its exit status and standard error."""
    with tempfile.TemporaryDirectory(prefix="tt-refuse-", dir="/tmp") as directory:
        process = subprocess.run(
            [binary, "serve", "--socket", os.path.join(directory, "tt.sock"), "--store", store],
            capture_output=True, text=True, timeout=30, env=env, cwd=cwd or directory,
        )
        return process.returncode, process.stderr, sorted(os.listdir(directory))


def stored_lines(database, conversation):
    out = psql(f"SELECT seq || ' ' || text FROM line WHERE conversation = '{conversation}' ORDER BY seq", database)
    rows = [row.split(" ", 1) for row in out.splitlines() if row]
    return [int(seq) for seq, _ in rows], [text for _, text in rows]


# How a --store value is read: no cluster needed.

@pytest.mark.parametrize("store", ["mysql://user@localhost/db", "sqlite:///tmp/x.sqlite", "file:///tmp/x.sqlite",
                                   "redis://127.0.0.1:6379"])
def test_a_store_url_with_an_unsupported_scheme_is_refused_and_creates_nothing(binary, store):
    try:
        status, stderr, left = run_serve(binary, store)
    except subprocess.TimeoutExpired:
        pytest.fail(f"serve --store {store} did not refuse it (it served)")
    assert status == 1
    assert "is not supported" in stderr and store.split(":")[0] in stderr
    assert left == [], f"serve --store {store} left {left}"


def test_a_password_in_the_url_is_refused_without_printing_it(binary):
    status, stderr, _ = run_serve(binary, "postgresql://someone:s3cr3t-word@127.0.0.1:5432/db")
    assert status == 1
    assert ".pgpass" in stderr and "s3cr3t-word" not in stderr


def test_an_unknown_sslmode_is_refused(binary):
    status, stderr, _ = run_serve(binary, "postgresql://someone@127.0.0.1:5432/db?sslmode=sometimes")
    assert status == 1 and "sslmode" in stderr and "verify-full" in stderr


# One database, several servers.

def test_tcp_with_the_password_from_the_password_file(binary, instances, database):
    require_postgres()
    url = os.environ["TT_PG_URL"].rsplit("/", 1)[0] + "/" + database
    env = {key: value for key, value in os.environ.items() if key != "PGPASSWORD"}
    env["PGPASSFILE"] = os.environ["TT_PG_PASSFILE"]
    server = start(instances(url, env=env))
    client = Lines(server.socket)
    try:
        assert client.send({"type": "start", "conversation": "tcp"})["ask"]
    finally:
        client.close()
    assert psql("SELECT count(*) FROM conversation", database) == "1"
    # Without the password file the server says why it cannot start.
    env["PGPASSFILE"] = "/nonexistent/pgpass"
    status, stderr, _ = run_serve(binary, url, env=env)
    assert status == 1 and "cannot open the store" in stderr and "password" in stderr.lower()


def test_a_conversation_alternating_between_two_instances_reaches_the_same_advice(binary, instances, database):
    store = postgres_url(database)
    first, second = start(instances(store)), start(instances(store))
    lines = tuple(script(LONG))
    expected = expected_turns(binary, lines)
    clients = [Lines(first.socket), Lines(second.socket)]
    try:
        assert without_routing(clients[0].send({"type": "start", "conversation": "alt"})) == expected[0]
        for index in range(1, len(expected)):
            reply = clients[index % 2].send({"conversation": "alt", "text": lines[index - 1]})
            assert without_routing(reply) == expected[index], f"turn {index}"
        assert reply["done"] is True
        for client in clients:
            state = client.send({"type": "state", "conversation": "alt"})
            assert state["done"] is True and state["advice"] == expected[-1]["advice"]
    finally:
        for client in clients:
            client.close()
    seqs, texts = stored_lines(database, "alt")
    assert seqs == list(range(1, len(expected))) and tuple(texts) == lines[: len(expected) - 1]


def test_two_instances_racing_on_one_conversation_lose_nothing(binary, instances, database):
    store = postgres_url(database)
    servers = [start(instances(store)), start(instances(store))]
    Lines(servers[0].socket).send({"type": "start", "conversation": "race"})
    acknowledged, failed, errors = [], [], []
    lock = threading.Lock()

    def client(number):
        try:
            connection = Lines(servers[number % 2].socket)
            for index in range(25):
                text = f"client {number} line {index}"
                reply = connection.send({"conversation": "race", "text": text})
                with lock:
                    if "error" in reply:
                        failed.append((text, reply["error"]["code"]))
                    else:
                        acknowledged.append(text)
            connection.close()
        except Exception as error:  # reported below: a thread's exception would otherwise be lost
            errors.append(error)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors
    seqs, texts = stored_lines(database, "race")
    # Every acknowledged line is stored, once, each position once; a refused line is not stored.
    assert seqs == list(range(1, len(texts) + 1))
    assert sorted(texts) == sorted(acknowledged)
    assert not set(text for text, _ in failed) & set(texts)
    assert all(code == "store_failed" for _, code in failed)
    assert len(acknowledged) >= 140, f"too many lines refused: {failed[:5]}"
    # Each client's own lines are stored in the order it sent them.
    for number in range(6):
        own = [text for text in texts if text.startswith(f"client {number} ")]
        assert own == sorted(own, key=lambda text: int(text.rsplit(" ", 1)[1]))
    # Both instances answer from what is stored.
    states = [Lines(server.socket).send({"type": "state", "conversation": "race"}) for server in servers]
    assert without_routing(states[0]) == without_routing(states[1])


def test_kill_9_of_one_instance_mid_conversation_the_other_continues(binary, instances, database):
    store = postgres_url(database)
    first, second = start(instances(store)), start(instances(store))
    lines = tuple(script(LONG))
    expected = expected_turns(binary, lines)
    other = Lines(second.socket)
    assert without_routing(other.send({"type": "start", "conversation": "k9"})) == expected[0]
    assert without_routing(other.send({"conversation": "k9", "text": lines[0]})) == expected[1]
    client = Lines(first.socket)
    for index in range(2, 6):
        assert without_routing(client.send({"conversation": "k9", "text": lines[index - 1]})) == expected[index]
    client.close()
    first.kill(signal.SIGKILL)
    # The second instance held the conversation at turn 1: it answers from what is stored, at the right question.
    assert other.send({"type": "state", "conversation": "k9"})["ask"] == expected[5]["ask"]
    for index in range(6, len(expected)):
        reply = other.send({"conversation": "k9", "text": lines[index - 1]})
        assert without_routing(reply) == expected[index], f"turn {index}"
    assert reply["done"] is True
    other.close()


def test_a_stale_instance_takes_a_line_after_the_other_instances_lines(binary, instances, database):
    """The second instance holds turn 1 in memory while the first takes turns 2-4: its next line conflicts in
    the store, and it answers from the true state (the line is the answer to the question after turn 4)."""
    store = postgres_url(database)
    first, second = start(instances(store)), start(instances(store))
    lines = tuple(script(LONG))
    expected = expected_turns(binary, lines)
    stale = Lines(second.socket)
    stale.send({"type": "start", "conversation": "st"})
    assert without_routing(stale.send({"conversation": "st", "text": lines[0]})) == expected[1]
    fresh = Lines(first.socket)
    for index in range(2, 5):
        assert without_routing(fresh.send({"conversation": "st", "text": lines[index - 1]})) == expected[index]
    # Two pipelined lines to the stale instance: both are taken after the first instance's lines, in order.
    stale.file.write(
        (
            '{"conversation": "st", "text": "%s"}\n{"conversation": "st", "text": "%s"}\n' % (lines[4], lines[5])
        ).encode()
    )
    stale.file.flush()
    import json

    replies = [json.loads(stale.file.readline()), json.loads(stale.file.readline())]
    assert [without_routing(reply) for reply in replies] == [expected[5], expected[6]]
    seqs, texts = stored_lines(database, "st")
    assert seqs == [1, 2, 3, 4, 5, 6] and tuple(texts) == lines[:6]


def pg_ctl(*arguments):
    command = [os.path.join(os.environ["TT_PG_BIN"], "pg_ctl"), "-D", os.path.join(os.environ["TT_PG_DIR"], "data"),
               *arguments]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def test_postgres_restarted_under_a_running_server(binary, instances, database):
    store = postgres_url(database)
    server = start(instances(store))
    lines = tuple(script(LONG))
    expected = expected_turns(binary, lines)
    client = Lines(server.socket)
    try:
        assert without_routing(client.send({"type": "start", "conversation": "pr"})) == expected[0]
        for index in range(1, 4):
            assert without_routing(client.send({"conversation": "pr", "text": lines[index - 1]})) == expected[index]
        pg_ctl("-m", "fast", "-w", "stop")
        try:
            # While PostgreSQL is down every turn fails, and changes nothing.
            for _ in range(3):
                reply = client.send({"conversation": "pr", "text": lines[3]})
                assert reply["error"]["code"] == "store_failed", reply
        finally:
            pg_ctl("-w", "-t", "60", "-l", os.path.join(os.environ["TT_PG_DIR"], "server.log"),
                   "-o", os.environ["TT_PG_OPTIONS"], "start")
        # The server connects again and the conversation continues at the question it was at.
        for index in range(4, len(expected)):
            reply = client.send({"conversation": "pr", "text": lines[index - 1]})
            assert without_routing(reply) == expected[index], f"turn {index}"
        assert reply["done"] is True
    finally:
        client.close()
    seqs, texts = stored_lines(database, "pr")
    assert seqs == list(range(1, len(expected))) and tuple(texts) == lines[: len(expected) - 1]


def test_the_schema_is_versioned_and_a_newer_one_is_refused(binary, instances, database):
    store = postgres_url(database)
    server = start(instances(store))
    server.kill(signal.SIGTERM)
    assert psql("SELECT version FROM twitchtalk_schema", database) == "1"
    assert psql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'",
                database) == "conversation,line,twitchtalk_schema"
    # A second start finds the schema made and keeps it.
    start(instances(store)).kill(signal.SIGTERM)
    assert psql("SELECT count(*) FROM twitchtalk_schema", database) == "1"
    psql("UPDATE twitchtalk_schema SET version = 99", database)
    status, stderr, _ = run_serve(binary, store)
    assert status == 1 and "schema version 99" in stderr


def test_idle_expiry_works_across_instances(binary, instances, database):
    """A conversation left by an instance that died is expired from the database by another instance."""
    store = postgres_url(database)
    first = start(instances(store, "--idle-timeout", "1"))
    second = start(instances(store, "--idle-timeout", "1"))
    client = Lines(first.socket)
    client.send({"type": "start", "conversation": "idle"})
    client.send({"conversation": "idle", "text": "my eyelid twitches"})
    client.close()
    first.kill(signal.SIGKILL)
    assert psql("SELECT count(*) FROM line WHERE conversation = 'idle'", database) == "1"
    deadline = time.monotonic() + 20
    while psql("SELECT count(*) FROM conversation", database) != "0":
        assert time.monotonic() < deadline, "the conversation was not expired"
        time.sleep(0.2)
    assert psql("SELECT count(*) FROM line", database) == "0"
    reply = Lines(second.socket).send({"type": "state", "conversation": "idle"})
    assert reply["error"]["code"] == "unknown_conversation"
