"""Habits of terminal programs (issue 11), one test per defect, through a pseudo-terminal with pexpect.

Every test runs with LANG=C.UTF-8 and TERM=xterm-256color, as most terminals do. What the screen shows is read
with pyte, a terminal emulator, so that a test sees what a person sees rather than the bytes sent. Ctrl-Z is
checked through an interactive shell's job control. Each test failed on the code before issue 11 (run them with
TT_BINARY=path-to-an-older-build to see).
"""
import io
import json
import os
import re
import shlex
import time

import pexpect
import pyte
import pytest

from test_terminal import NOTHING_NOTED, OPENING, REPROMPT, answer_opening, expect_prompt, history_entries, output

COLUMNS = 200
ROWS = 40
CONTROL = re.compile(r"\x1b\[[?0-9;]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")
EMERGENCY_HEADLINE = "Get emergency care now."


@pytest.fixture
def home(tmp_path):
    (tmp_path / "home").mkdir()
    inputrc = tmp_path / "inputrc"
    inputrc.write_text("")
    return {"home": tmp_path / "home", "history": tmp_path / "state" / "history", "inputrc": inputrc}


def environment(home, **extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home["home"]),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "INPUTRC": str(home["inputrc"]),
        "TWITCHTALK_HISTORY": str(home["history"]),
        "NO_COLOR": "1",
    }
    env.update(extra)
    return {key: value for key, value in env.items() if value is not None}


def spawn(binary, home, *args, columns=COLUMNS, **extra):
    child = pexpect.spawn(
        binary, list(args), env=environment(home, **extra), encoding="utf-8", dimensions=(ROWS, columns),
        timeout=15)
    child.logfile_read = io.StringIO()
    child.expect("question 1 of")
    expect_prompt(child)
    return child


def shell(home, command, columns=COLUMNS, status="$?", **extra):
    """`command` run by bash in the pseudo-terminal, then `STATUS=` and its exit status (or `status`)."""
    child = pexpect.spawn(
        "/bin/bash", ["-c", command + f'; echo "STATUS={status}"'], env=environment(home, **extra), encoding="utf-8",
        dimensions=(ROWS, columns), timeout=15)
    child.logfile_read = io.StringIO()
    return child


def screen(text, columns=COLUMNS):
    """The terminal's screen after `text`: a list of lines, and the cursor's row and column."""
    emulated = pyte.Screen(columns, 200)
    pyte.Stream(emulated).feed(text)
    return [line.rstrip() for line in emulated.display], emulated.cursor.y, emulated.cursor.x


def quit(child):
    child.sendline("/quit")
    child.expect("Take care.")
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def wait_for_screen(child, shows, timeout=10):
    """Reads the output until the screen `shows(lines, row, column)` or nothing more comes for `timeout` seconds;
    returns the screen then. A synchronisation, not a timed test: a correct program passes at once."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            child.expect(pexpect.TIMEOUT, timeout=0.2)
        except pexpect.EOF:
            pass
        state = screen(output(child))
        if shows(*state) or time.monotonic() > deadline:
            return state


# 1. The edit line must show what the line holds in a UTF-8 locale, with a non-ASCII prompt and answer.


def test_editing_in_a_utf8_locale_shows_the_line_as_it_is(binary, home):
    child = spawn(binary, home)
    child.send("eyelid")
    child.expect("eyelid")
    child.send("\x01")  # Ctrl-A: to the start.
    child.send("mý ")
    child.expect("mý")
    lines, row, column = wait_for_screen(child, lambda lines, row, column: lines[row] == "› mý eyelid" and column == 5)
    assert lines[row] == "› mý eyelid", lines[row]
    assert column == len("› mý ")
    child.send("\x05\x15")  # Ctrl-E, Ctrl-U: drop the line
    assert quit(child) == 0


def test_up_through_history_shows_each_line_as_it_is(binary, home):
    home["history"].parent.mkdir(parents=True)
    home["history"].write_text("my left eyelid keeps twitching\nyesterday\n")
    child = spawn(binary, home)
    child.send("\x1b[A")  # Up: yesterday
    child.expect("yesterday")
    child.send("\x1b[A")  # Up: the longer line
    child.expect("keeps twitching")
    child.send("\x1b[B")  # Down: yesterday again
    child.expect("yesterday")
    lines, row, _ = wait_for_screen(child, lambda lines, row, column: lines[row] == "› yesterday")
    assert lines[row] == "› yesterday", lines[row]
    child.send("\x15")
    assert quit(child) == 0


# 2. Ctrl-Z suspends like every terminal program; fg resumes and redraws; the terminal is restored meanwhile.


def test_ctrl_z_suspends_and_fg_resumes(binary, home):
    child = pexpect.spawn(
        "/bin/bash", ["--norc", "--noprofile", "-i"], env=environment(home, PS1="$ "), encoding="utf-8",
        dimensions=(ROWS, COLUMNS), timeout=15)
    child.logfile_read = io.StringIO()
    child.expect_exact("$ ")
    child.sendline("stty -g")
    child.expect(r"([0-9a-f]+(?::[0-9a-f]+){10,})")
    before = child.match.group(1)
    child.expect_exact("$ ")
    child.sendline(shlex.quote(binary))
    child.expect("question 1 of")
    expect_prompt(child)
    child.send("half typed")
    child.expect("half typed")
    child.send("\x1a")  # Ctrl-Z
    child.expect("Stopped")
    child.expect_exact("$ ")
    child.sendline("stty -g")
    child.expect(r"([0-9a-f]+(?::[0-9a-f]+){10,})")
    assert child.match.group(1) == before  # the terminal is as the shell left it
    child.expect_exact("$ ")
    child.sendline("fg")
    child.expect("half typed")  # redrawn, with the line kept
    child.send("\x15/summary\r")
    child.expect(NOTHING_NOTED)  # "fg" was not typed into an answer
    expect_prompt(child)
    child.sendline("/quit")
    child.expect("Take care.")
    child.expect_exact("$ ")
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert history_entries(home) == ["/summary", "/quit"]


# 3. A paste of several lines answers one line at a time, in order.


@pytest.mark.parametrize("bracketed", [True, False])
def test_a_pasted_block_answers_one_line_at_a_time(binary, home, bracketed):
    child = spawn(binary, home)
    answer_opening(child, "my calf twitches")
    block = "no\r3 weeks ago\ra few seconds"
    child.send(("\x1b[200~" + block + "\x1b[201~" if bracketed else block) + "\r")
    child.expect("question 5 of")
    expect_prompt(child)
    mark = len(output(child))
    child.sendline("/summary")
    child.expect("a few seconds")
    expect_prompt(child)
    assert "3 weeks ago" in output(child)[mark:]
    assert quit(child) == 0
    assert history_entries(home)[-5:-2] == ["no", "3 weeks ago", "a few seconds"]


# 4. With standard output redirected, the chat is on the terminal and the file gets clean text.


def test_redirected_output_talks_on_the_terminal_and_writes_clean_text(binary, home, tmp_path):
    out = tmp_path / "out.txt"
    child = shell(home, f"{shlex.quote(binary)} > {shlex.quote(str(out))}")
    child.expect("question 1 of")
    child.expect("What's going on")
    expect_prompt(child)
    child.send(OPENING)
    child.expect(OPENING)  # what is typed is echoed
    child.send("\r")
    child.expect("question 2 of")
    expect_prompt(child)
    child.sendline("/quit")
    child.expect("Take care.")
    child.expect(r"STATUS=(\d+)")
    assert child.match.group(1) == "0"
    text = out.read_text()
    assert "\x1b" not in text and "\r" not in text
    assert "What's going on? Tell me in your own words." in text
    assert "> " + OPENING in text
    assert text.rstrip().endswith("Take care.") or "Take care." in text


# 5. After the advice, /help and /why answer the command only.


@pytest.mark.parametrize("command,answer", [("/help", "Commands:"), ("/why", "Commands:")])
def test_commands_after_the_advice_do_not_repeat_it(binary, home, command, answer):
    child = spawn(binary, home)
    answer_opening(child)
    child.sendline("yes")  # trouble breathing: the emergency advice at once
    child.expect_exact(EMERGENCY_HEADLINE)
    expect_prompt(child)
    mark = len(output(child))
    child.sendline(command)
    child.expect(answer)
    expect_prompt(child)
    assert EMERGENCY_HEADLINE not in output(child)[mark:]
    assert quit(child) == 0


# 6. A closed output ends the program quietly with a non-zero status, without waiting for input.


def test_closed_output_exits_like_a_filter(binary, home):
    child = shell(home, f"{shlex.quote(binary)} --json | head -1", status="${PIPESTATUS[0]}")
    child.expect('"ask"')
    child.expect(r"STATUS=(\d+)", timeout=10)  # no input is typed: it must not wait for any
    assert child.match.group(1) == "141"
    child.expect(pexpect.EOF)
    assert "Fatal" not in output(child) and "rror" not in output(child)


# 7. Input that ends mid-interview exits non-zero.


def test_input_ending_mid_interview_exits_3(binary, home):
    child = shell(home, f"printf 'my arm\\n' | {shlex.quote(binary)} --json")
    child.expect(r"STATUS=(\d+)")
    assert child.match.group(1) == "3"
    lines = [json.loads(line) for line in output(child).splitlines() if line.startswith("{")]
    assert lines[-1]["done"] is False


def test_input_ending_after_the_advice_exits_0(binary, home):
    child = shell(home, f"printf 'my arm\\nyes\\n' | {shlex.quote(binary)} --json")
    child.expect(r"STATUS=(\d+)")
    assert child.match.group(1) == "0"


# 8. Help shows the chat's options at the top level, and the commands, keys, history and environment.


def test_help_shows_the_chat_options_and_habits(binary, home):
    child = shell(home, f"{shlex.quote(binary)} --help")
    child.expect(r"STATUS=(\d+)")
    top = " ".join(output(child).split())
    for option in ["--json", "--transcript", "--no-history", "--no-color", "--today"]:
        assert option in top, option
    child = shell(home, f"{shlex.quote(binary)} chat --help")
    child.expect(r"STATUS=(\d+)")
    chat = " ".join(output(child).split())
    for word in ["/back", "/why", "/summary", "Ctrl-R", "Ctrl-Z", "TWITCHTALK_HISTORY", "NO_COLOR", "EXIT STATUS"]:
        assert word in chat, word


# 9. Smaller habits.


def test_an_empty_enter_says_so_and_asks_the_whole_question(binary, home):
    child = spawn(binary, home)
    mark = len(output(child))
    child.send("\r")
    child.expect(REPROMPT)
    child.expect("What's going on")
    expect_prompt(child)
    assert "question 1 of" in output(child)[mark:]
    assert quit(child) == 0


@pytest.mark.parametrize("word", ["quit", "exit", "QUIT ", "/q", "/exit"])
def test_quit_words_end_the_conversation(binary, home, word):
    child = spawn(binary, home)
    child.sendline(word)
    child.expect("Take care.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_help_typed_alone_is_the_help_command(binary, home):
    child = spawn(binary, home)
    child.sendline("help")
    child.expect("Commands:")
    expect_prompt(child)
    child.sendline("/summary")
    child.expect(NOTHING_NOTED)  # "help" was not taken as the opening story
    expect_prompt(child)
    assert quit(child) == 0


def test_restart_asks_before_forgetting_answers(binary, home):
    child = spawn(binary, home)
    answer_opening(child)
    child.sendline("/restart")
    child.expect(r"forget your answers")
    expect_prompt(child)
    child.sendline("no")
    child.expect("kept")
    child.expect("question 2 of")  # still where we were
    expect_prompt(child)
    child.sendline("/restart")
    child.expect(r"forget your answers")
    expect_prompt(child)
    child.sendline("yes")
    child.expect("question 1 of")
    expect_prompt(child)
    child.sendline("/summary")
    child.expect(NOTHING_NOTED)
    expect_prompt(child)
    assert quit(child) == 0


def test_no_colour_when_term_is_unset(binary, home):
    child = spawn(binary, home, TERM=None, NO_COLOR=None)
    child.sendline("/help")
    child.expect("Commands:")
    expect_prompt(child)
    assert quit(child) == 0
    assert "\x1b[1;36m" not in output(child) and "\x1b[2m" not in output(child)


def visible_lines(text):
    return [CONTROL.sub("", line).split("\r")[-1] for line in text.replace("\r\n", "\n").split("\n")]


def test_text_is_wrapped_at_100_columns_on_a_wide_terminal(binary, home):
    child = spawn(binary, home)
    child.sendline("/help")
    child.expect("Commands:")
    expect_prompt(child)
    assert quit(child) == 0
    lines = visible_lines(output(child))
    assert max(len(line) for line in lines) <= 100, max(lines, key=len)


def test_piped_input_is_wrapped_on_a_terminal_output(binary, home):
    child = shell(home, f"printf 'my arm\\nyes\\n' | {shlex.quote(binary)}")
    child.expect(r"STATUS=(\d+)")
    lines = visible_lines(output(child))
    assert any("emergency" in line for line in lines)
    assert max(len(line) for line in lines) <= 100, max(lines, key=len)


def test_a_non_utf8_locale_gets_an_ascii_prompt_and_bullets(binary, home):
    child = pexpect.spawn(
        binary, [], env=environment(home, LANG="C", LC_ALL="C"), encoding="latin-1", dimensions=(ROWS, COLUMNS),
        timeout=15)
    child.logfile_read = io.StringIO()
    child.expect("question 1 of")
    child.expect("> ")
    child.sendline("my arm")
    child.expect("> ")
    child.sendline("yes")
    child.expect("Right now:")
    child.expect("> ")
    child.sendline("/quit")
    child.expect(pexpect.EOF)
    shown = output(child)
    assert "\xe2\x80\xba" not in shown  # no ›
    assert "\xe2\x80\xa2" not in shown  # no •
    assert "  - " in shown
