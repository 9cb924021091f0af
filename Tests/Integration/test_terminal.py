"""The terminal front end, driven through a pseudo-terminal with pexpect.

The tests hold whether or not answers are understood yet: they drive the interview with commands, with the
opening question (a real answer is understood, or after three tries recorded as unknown; either way question 2
follows) and they compare the terminal with the pipe on the same lines rather than on a fixed outcome.
"""
import io
import json
import os
import re
import signal
import stat
import subprocess

import pexpect
import pytest

PROMPT = "› "
OPENING = "my left eyelid keeps twitching"
REPROMPT = "Sorry, I didn't understand"
NOTHING_NOTED = "I haven't noted anything yet."
WHY_OPENING = "Your own words help me understand"
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def home(tmp_path):
    """A fresh home, an empty inputrc and a history path (in directories that do not exist yet)."""
    (tmp_path / "home").mkdir()
    inputrc = tmp_path / "inputrc"
    inputrc.write_text("")
    return {
        "home": tmp_path / "home",
        "history": tmp_path / "state" / "twitchtalk" / "history",
        "inputrc": inputrc,
    }


def environment(home, colour=False, **extra):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home["home"]),
        "TERM": "xterm",
        "LANG": "C.UTF-8",
        "INPUTRC": str(home["inputrc"]),
        "TWITCHTALK_HISTORY": str(home["history"]),
    }
    if not colour:
        env["NO_COLOR"] = "1"
    env.update(extra)
    return env


def spawn(binary, home, *args, colour=False, cwd=None, **extra):
    child = pexpect.spawn(
        binary, list(args), env=environment(home, colour, **extra), encoding="utf-8",
        dimensions=(40, 200), timeout=15, cwd=cwd)
    child.logfile_read = io.StringIO()
    child.expect("question 1 of")
    expect_prompt(child)
    return child


def expect_prompt(child):
    child.expect("›")
    child.expect(" ")


def output(child):
    return child.logfile_read.getvalue()


def answer_opening(child, text=OPENING):
    """Answers the opening question until question 2 is asked (at most three tries)."""
    for _ in range(3):
        child.sendline(text)
        if child.expect(["question 2 of", REPROMPT]) == 0:
            expect_prompt(child)
            return
        expect_prompt(child)
    child.expect("question 2 of")
    expect_prompt(child)


def quit_cleanly(child):
    child.sendline("/quit")
    child.expect("Take care.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, output(child)


def history_entries(home):
    return home["history"].read_text().splitlines()


def test_an_answer_advances_the_interview(binary, home):
    child = spawn(binary, home)
    answer_opening(child)
    assert "question 2 of" in output(child)
    quit_cleanly(child)


def test_up_recalls_and_ctrl_a_edits(binary, home):
    child = spawn(binary, home)
    child.sendline("/why")
    child.expect(WHY_OPENING)
    expect_prompt(child)
    child.send("\x1b[A")  # Up: the previous line comes back.
    child.expect("/why")
    child.send("\x01")  # Ctrl-A: to the start of the line.
    child.send("my eyelid keeps twitching ")
    mark = len(output(child))
    child.send("\r")
    # The combined line is an answer, not the /why command: the interview moves on or asks again.
    child.expect(["question 2 of", REPROMPT])
    assert WHY_OPENING not in output(child)[mark:]
    expect_prompt(child)
    quit_cleanly(child)
    assert history_entries(home)[-2:] == ["my eyelid keeps twitching /why", "/quit"]


def test_tab_completes_a_command(binary, home):
    child = spawn(binary, home)
    child.send("/su\t")
    child.expect("mmary")
    child.send("\r")
    child.expect(NOTHING_NOTED)
    expect_prompt(child)
    quit_cleanly(child)
    assert history_entries(home)[0].strip() == "/summary"


def test_tab_completes_a_choice_of_the_question(binary, home):
    child = spawn(binary, home)
    answer_opening(child)
    child.send("not\t")
    child.expect(" sure")
    child.send("\x15")  # Ctrl-U: drop the line.
    quit_cleanly(child)


def test_tab_never_completes_file_names(binary, home, tmp_path):
    (home["home"] / "secretfile").write_text("")
    child = spawn(binary, home, cwd=str(home["home"]))
    child.send("secr\t\t")
    child.send("\x15")
    quit_cleanly(child)
    assert "secretfile" not in output(child)


def test_ctrl_c_cancels_the_line_and_keeps_running(binary, home):
    child = spawn(binary, home)
    child.send("half a line")
    child.expect("half a line")
    mark = len(output(child))
    child.sendintr()
    expect_prompt(child)
    child.sendline("/summary")
    child.expect(NOTHING_NOTED)  # Alive, and nothing was answered.
    after = output(child)[mark:]
    assert REPROMPT not in after and "question 2 of" not in after
    assert child.isalive()
    quit_cleanly(child)
    assert "half a line" not in history_entries(home)


def test_ctrl_d_exits_0_with_the_summary_and_a_private_history(binary, home):
    child = spawn(binary, home)
    answer_opening(child)
    child.sendeof()
    child.expect("What you told me:")
    child.expect("In your words:")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    path = home["history"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert OPENING in history_entries(home)
    assert "" not in history_entries(home)


def test_ctrl_d_with_nothing_gathered_prints_no_summary(binary, home):
    child = spawn(binary, home)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "What you told me:" not in output(child)


def test_history_is_recalled_in_the_next_run(binary, home):
    home["history"].parent.mkdir(parents=True)
    home["history"].write_text("an answer from last time\n/help\n")
    child = spawn(binary, home)
    child.send("\x1b[A")  # Up: the newest line.
    child.expect("/help")
    child.send("\x15")
    child.send("\x12last")  # Ctrl-R: search back.
    child.expect("reverse-i-search")
    child.expect(r"an answer from (\x1b\[7m)?last")  # readline may highlight the match
    child.send("\x07\x15")  # Ctrl-G ends the search; Ctrl-U drops the line.
    quit_cleanly(child)
    assert history_entries(home) == ["an answer from last time", "/help", "/quit"]


def test_no_history_reads_and_writes_none(binary, home):
    child = spawn(binary, home, "--no-history")
    answer_opening(child)
    quit_cleanly(child)
    assert not home["history"].exists()
    assert not (home["home"] / ".local").exists()

    home["history"].parent.mkdir(parents=True)
    home["history"].write_text("an old answer\n")
    child = spawn(binary, home, "--no-history")
    child.send("\x1b[A")
    child.sendline("/help")
    child.expect("Commands:")
    expect_prompt(child)
    quit_cleanly(child)
    assert "an old answer" not in output(child)
    assert home["history"].read_text() == "an old answer\n"


def converse(child):
    child.sendline("/help")
    child.expect("Commands:")
    expect_prompt(child)
    answer_opening(child)
    child.sendline("/summary")
    expect_prompt(child)
    quit_cleanly(child)


@pytest.mark.parametrize("args,extra", [([], {"NO_COLOR": "1"}), (["--no-color"], {})])
def test_no_color_prints_no_colour_codes(binary, home, args, extra):
    child = spawn(binary, home, *args, colour=True, **extra)
    converse(child)
    assert not SGR.search(output(child)), repr(output(child)[:300])


def test_colour_by_default_on_a_terminal(binary, home):
    child = spawn(binary, home, colour=True)
    converse(child)
    assert "\x1b[1;36mWhat's going on?" in output(child)


def test_typed_escape_sequences_are_shown_escaped(binary, home):
    child = spawn(binary, home)
    # Ctrl-V quotes the next key, so ESC and BEL go into the line itself.
    typed = "\x16\x1b[31mRED\x16\x07bell"
    for _ in range(3):
        child.send(typed + "\r")
        if child.expect(["question 2 of", REPROMPT]) == 0:
            break
        expect_prompt(child)
    child.sendline("/summary")
    child.expect("In your words:")
    expect_prompt(child)
    quit_cleanly(child)
    shown = output(child)
    assert "\x1b[31mRED" not in shown
    assert "\x07" not in shown
    assert "^[[31mRED" in shown  # readline shows what is typed in caret notation
    assert "\x1b[31mRED\x07bell" in history_entries(home)


def pipe_turns(binary, lines):
    result = subprocess.run(
        [binary, "--json"], input="".join(line + "\n" for line in lines), capture_output=True, text=True,
        timeout=30, check=True)
    return [json.loads(line) for line in result.stdout.splitlines()]


def flat(text):
    return " ".join(text.split())


@pytest.mark.parametrize("lines", [[], [OPENING, "yes"], [OPENING, OPENING, OPENING, "yes", "yes", "yes"]])
def test_pipe_and_terminal_reach_the_same_advice(binary, home, lines):
    turns = pipe_turns(binary, lines + ["/quit"])
    child = spawn(binary, home)
    for line in lines:
        child.sendline(line)
        expect_prompt(child)
    quit_cleanly(child)
    shown = flat(output(child))
    asked = [turn["ask"]["text"] for turn in turns if "ask" in turn]
    position = 0
    for text in asked:  # the same questions, in the same order
        found = shown.find(flat(text), position)
        assert found >= 0, text
        position = found
    for turn in turns:
        if "advice" in turn:
            assert flat(turn["advice"]["headline"]) in shown
            for item in turn["advice"]["tellDoctor"]:
                assert flat(item) in shown
    # The pipe stops at the advice or at /quit; the terminal stays open after the advice until /quit.
    assert turns[-1]["done"] is True
    assert "Take care." in shown


def child_of(pid):
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                return int(entry)
    raise AssertionError(f"no child of {pid}")


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_save_history_and_restore_the_terminal(binary, home, number):
    script = f'stty -g; echo START; "{binary}"; echo "STATUS=$?"; stty -g'
    child = pexpect.spawn(
        "/bin/sh", ["-c", script], env=environment(home), encoding="utf-8", dimensions=(40, 200), timeout=15)
    child.logfile_read = io.StringIO()
    child.expect(r"([0-9a-f]+(?::[0-9a-f]+){10,})")
    before = child.match.group(1)
    child.expect("START")
    expect_prompt(child)
    child.sendline("/help")
    child.expect("Commands:")
    expect_prompt(child)
    child.send("typed, not entered")
    child.expect("not entered")
    os.kill(child_of(child.pid), number)
    child.expect(r"STATUS=(\d+)")
    assert int(child.match.group(1)) == 128 + number
    child.expect(r"([0-9a-f]+(?::[0-9a-f]+){10,})")
    assert child.match.group(1) == before
    child.expect(pexpect.EOF)
    assert history_entries(home) == ["/help"]
    assert stat.S_IMODE(home["history"].stat().st_mode) == 0o600


def test_text_is_wrapped_to_the_new_width_after_a_resize(binary, home):
    child = spawn(binary, home)
    child.setwinsize(40, 40)
    child.sendline("/help")  # wait for the resize to be handled before looking at the width
    child.expect("Commands:")
    expect_prompt(child)
    mark = len(output(child))
    child.sendline("/why")
    child.expect(WHY_OPENING)
    expect_prompt(child)
    control = re.compile(r"\x1b\[[?0-9;]*[A-Za-z]")
    lines = [control.sub("", line).split("\r")[-1] for line in output(child)[mark:].split("\r\n")[1:-1]]
    assert len(lines) > 3
    assert all(len(line) <= 40 for line in lines), lines
    quit_cleanly(child)


def test_multibyte_characters_are_edited_whole(binary, home):
    child = spawn(binary, home)
    child.send("/summaryé\x7f\r")  # Backspace removes the é, all of it.
    child.expect(NOTHING_NOTED)
    expect_prompt(child)
    quit_cleanly(child)
