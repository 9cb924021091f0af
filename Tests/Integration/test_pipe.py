"""The piped JSON-lines mode, driven turn by turn as another program would drive it."""
import json
import select
import subprocess

import pytest


def read_line(proc: subprocess.Popen, timeout: float = 10.0) -> dict:
    """Reads one JSON line, failing if none arrives within `timeout` seconds (a turn that was not flushed)."""
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "no line arrived: the turn was not flushed"
    line = proc.stdout.readline()
    assert line.endswith("\n")
    return json.loads(line)


@pytest.fixture
def chat(binary):
    proc = subprocess.Popen(
        [binary, "--json"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1
    )
    yield proc
    proc.kill()
    proc.wait()


def say(proc: subprocess.Popen, text: str) -> dict:
    proc.stdin.write(text + "\n")
    proc.stdin.flush()
    return read_line(proc)


def test_first_question_arrives_before_any_input(chat):
    first = read_line(chat)
    assert first["ask"]["id"] == "opening"
    assert first["done"] is False
    assert first["say"], "the greeting comes with the first question"


def test_each_turn_is_flushed_while_the_pipe_stays_open(chat):
    read_line(chat)
    assert say(chat, "my left calf twitches")["ask"]["id"] == "urgent"
    assert say(chat, "no")["ask"]["id"] == "onset"
    turn = say(chat, "/why")
    assert turn["ask"]["id"] == "onset"
    assert "Source:" in turn["say"][0]


def test_a_whole_conversation_reaches_advice_with_reasons(chat):
    read_line(chat)
    answers = [
        "my calves twitch", "no", "3 weeks ago", "a few seconds", "both calves", "a few times a day", "both",
        "no weakness, just some tingling", "no", "no", "yes", "2 red bulls and 3 coffees", "six hrs", "not really",
        "yes", "yes, I started running",
    ]
    turn = {}
    for answer in answers:
        turn = say(chat, answer)
    assert turn["done"] is True
    advice = turn["advice"]
    assert advice["triage"] == "see_doctor"
    flags = {flag["id"]: flag["because"] for flag in advice["redFlags"]}
    assert set(flags) == {"persistent", "moving_and_resting", "multiple_areas", "sensation_change"}
    assert flags["persistent"] == ['onset: "3 weeks ago"']
    causes = {cause["id"] for cause in advice["causes"]}
    assert causes == {"stress", "caffeine", "sleep", "dehydration", "exercise", "pinched_nerve", "nerve_damage"}
    assert advice["urgency"]["id"] == "gp_within_days"
    assert advice["urgency"]["sources"]
    assert advice["unchecked"] == []
    assert turn["case"]["caffeine"]["drinksPerDay"] == 5
    assert turn["case"]["locations"]["sites"] == [{"part": "calf", "side": "both"}]
    assert chat.wait(timeout=10) == 0


def test_end_of_input_mid_question_exits_3(binary):
    result = subprocess.run([binary, "--json"], input="my arm\n", capture_output=True, text=True, timeout=10)
    assert result.returncode == 3
    assert [json.loads(line)["ask"]["id"] for line in result.stdout.splitlines()] == ["opening", "urgent"]
    assert result.stderr == ""


def test_a_closed_output_pipe_does_not_crash(binary):
    proc = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    _, err = proc.communicate(b"my arm\nno\n3 days\n", timeout=10)
    assert proc.returncode == -13  # ended by SIGPIPE, as other filters are
    assert b"Fatal" not in err and b"Crash" not in err
