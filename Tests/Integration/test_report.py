"""The visit summary and the FHIR export through the built binary and the socket server.

Every Questionnaire and QuestionnaireResponse is validated with the FHIR R4B models of the PyPI package
`fhir.resources` (installed by scripts/setup), and every answered question of the case must appear in the response
with the right type and value.
"""
import json
import os
import pathlib
import socket
import stat
import subprocess
import time

import pexpect
import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

ROOT = pathlib.Path(__file__).resolve().parents[2]
TODAY = "2026-11-27"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"

# The SNOMED CT codes the export uses (README, "The FHIR export"); other parts and symptoms keep TwitchTalk's code.
PART_CODES = {
    "eyelid": "80243003", "face": "89545001", "jaw": "661005", "tongue": "21974007", "neck": "45048000",
    "shoulder": "16982005", "upper_arm": "40983000", "forearm": "14975008", "arm": "53120007", "hand": "85562004",
    "finger": "7569003", "thumb": "76505004", "chest": "43799004", "back": "77568009", "abdomen": "818981001",
    "buttock": "46862004", "thigh": "68367000", "knee": "72696002", "leg": "61685007", "calf": "53840002",
    "foot": "56459004", "toe": "29707007", "all_over": "38266002",
}
SIDE_CODES = {"left": "7771000", "right": "24028007", "both": "51440002"}
SYMPTOM_CODES = {
    "weakness": "26544005", "numbness": "44077006", "tingling": "62507009", "fever": "386661006",
    "headache": "25064002", "nausea": "422587007", "vomiting": "422400008",
}


def typed(name):
    text = (ROOT / "Dialogues" / f"{name}.txt").read_text()
    return [line[2:] for line in text.split("\n") if line.startswith("> ")]


SCENARIOS = {
    "benign": typed("01-eyelid-coffee-and-short-sleep"),
    "red_flags": typed("30-many-flags"),
    "emergency": typed("02-emergency-trouble-breathing"),
    "unfinished": typed("01-eyelid-coffee-and-short-sleep")[:6],
    "not_known": typed("18-dont-know"),
    "story": typed("31-story-opening"),
}
STATUS = {"unfinished": "in-progress"}


@pytest.fixture(scope="module")
def questionnaire(binary):
    out = subprocess.run([binary, "questionnaire"], capture_output=True, text=True, check=True, timeout=60).stdout
    return json.loads(out)


def run_pipe(binary, lines, directory, *extra, status=0):
    """Runs the piped chat; `status` is the exit status expected (3 when the input ends before the advice)."""
    report, fhir = directory / "visit.md", directory / "visit.json"
    proc = subprocess.run(
        [binary, "--json", "--today", TODAY, "--report", str(report), "--fhir", str(fhir), *extra],
        input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=60)
    assert proc.returncode == status, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()], report, fhir


def check_answers(response, case, questionnaire):
    """Every answered question appears once, with the answer type its Questionnaire item asks for and the value."""
    items = {item["linkId"]: item for item in response.get("item", [])}
    kinds = {item["linkId"]: item for item in questionnaire["item"]}
    assert set(items) == set(case), (sorted(items), sorted(case))
    for qid, answer in case.items():
        item, definition = items[qid], kinds[qid]
        if answer.get("unknown"):
            assert "answer" not in item and "item" not in item, qid
            assert item["extension"] == [{"url": ABSENT, "valueCode": "asked-unknown"}]
            continue
        values = item.get("answer", [])
        kind = definition["type"]
        if "yes" in answer:
            assert kind == "boolean" and values == [{"valueBoolean": answer["yes"]}], qid
        elif "text" in answer:
            assert kind == "text" and values == [{"valueString": answer["text"]}], qid
        elif "days" in answer or "drinksPerDay" in answer or "hours" in answer:
            key, code = next((k, c) for k, c in (("days", "d"), ("drinksPerDay", "{drink}/d"), ("hours", "h"))
                             if k in answer)
            assert kind == "quantity", qid
            [value] = values
            quantity = value["valueQuantity"]
            assert quantity["value"] == pytest.approx(answer[key]) and quantity["code"] == code, qid
            assert quantity["system"] == UCUM
        elif "seconds" in answer or "continuous" in answer:
            assert kind == "group", qid
            nested = {child["linkId"]: child["answer"] for child in item["item"]}
            if answer.get("continuous"):
                assert nested == {f"{qid}.continuous": [{"valueBoolean": True}]}
            else:
                [seconds] = nested[f"{qid}.seconds"]
                assert seconds["valueQuantity"]["value"] == pytest.approx(answer["seconds"])
                assert seconds["valueQuantity"]["code"] == "s"
                assert nested[f"{qid}.continuous"] == [{"valueBoolean": False}]
        elif "frequency" in answer:
            assert kind == "choice" and [v["valueCoding"]["code"] for v in values] == [answer["frequency"]], qid
        elif "sites" in answer:
            assert kind == "choice" and len(values) == len(answer["sites"]), qid
            for value, site in zip(values, answer["sites"]):
                coding = value["valueCoding"]
                if site["part"] in PART_CODES:
                    assert (coding["system"], coding["code"]) == (SNOMED, PART_CODES[site["part"]])
                else:
                    assert coding["code"] == site["part"] and coding["system"] != SNOMED
                sides = [a["valueCoding"]["code"] for child in value.get("item", []) for a in child["answer"]]
                assert sides == ([SIDE_CODES[site["side"]]] if "side" in site else []), qid
        elif "symptoms" in answer:
            assert kind == "choice", qid
            expected = [SYMPTOM_CODES.get(s, s) for s in answer["symptoms"]] or ["none"]
            assert [v["valueCoding"]["code"] for v in values] == expected, qid
        else:
            raise AssertionError(f"unexpected answer {qid}: {answer}")
        # Each answer's value is one of the Questionnaire's options, where it has options.
        options = [o["valueCoding"]["code"] for o in definition.get("answerOption", [])]
        for value in values:
            if options and "valueCoding" in value:
                assert value["valueCoding"]["code"] in options, qid


def test_questionnaire_is_valid_r4b_with_one_item_per_question(binary, questionnaire):
    Questionnaire.model_validate(questionnaire)
    ids = [item["linkId"] for item in questionnaire["item"]]
    checked = subprocess.run([binary, "check-knowledge", str(ROOT / "Sources/Assessment/knowledge.yaml")],
                             capture_output=True, text=True, timeout=60).stdout
    count = int(checked.split("ok (")[1].split(" questions")[0])
    assert ids[:3] == ["opening", "urgent", "onset"] and len(ids) == len(set(ids)) == count
    assert questionnaire["url"].startswith("https://") and questionnaire["version"]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_pipe_writes_a_valid_response_and_summary(binary, questionnaire, tmp_path, name):
    turns, report, fhir = run_pipe(binary, SCENARIOS[name], tmp_path, status=3 if name == "unfinished" else 0)
    for path in (report, fhir):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    response = json.loads(fhir.read_text())
    QuestionnaireResponse.model_validate(response)
    assert response["questionnaire"] == f"{questionnaire['url']}|{questionnaire['version']}"
    assert response["status"] == STATUS.get(name, "completed")
    assert response["authored"] == TODAY
    summary = report.read_text()
    assert summary.startswith("# Muscle twitching: visit summary\n")
    if name == "unfinished":
        assert "No advice: the interview was not finished." in summary
        assert [item["linkId"] for item in response["item"]] == [
            "opening", "urgent", "onset", "episode_length", "locations", "same_place"]
    else:
        last = turns[-1]
        assert last["done"] and "case" in last
        check_answers(response, last["case"], questionnaire)
        words = {"emergency": "Emergency care now", "see_doctor": "See a doctor", "self_care": "Self-care"}
        assert f"**{words[last['advice']['triage']]}.**" in summary
        assert {"benign": "self_care", "red_flags": "see_doctor", "emergency": "emergency"}.get(
            name, last["advice"]["triage"]) == last["advice"]["triage"]
        if name == "not_known":
            assert "Could not be checked (an answer was not known):" in summary


def test_an_existing_file_is_replaced_and_made_private(binary, tmp_path):
    report = tmp_path / "visit.md"
    report.write_text("STALE CONTENT")
    report.chmod(0o644)
    run_pipe(binary, SCENARIOS["benign"], tmp_path)
    assert stat.S_IMODE(report.stat().st_mode) == 0o600 and "STALE" not in report.read_text()


def test_a_missing_directory_is_refused_before_the_interview(binary, tmp_path):
    proc = subprocess.run(
        [binary, "--report", str(tmp_path / "nowhere" / "visit.md")], input="my calf twitches\n",
        capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and "does not exist" in proc.stderr and proc.stdout == ""


class Server:
    def __init__(self, binary, directory):
        self.path = os.path.join(directory, "tt.sock")
        self.process = subprocess.Popen(
            [binary, "serve", "--socket", self.path, "--store", "memory"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.sock = socket.socket(socket.AF_UNIX)
                self.sock.connect(self.path)
                break
            except OSError:
                self.sock.close()
                time.sleep(0.05)
        else:
            self.process.kill()
            raise AssertionError("server did not start")
        self.file = self.sock.makefile("rwb")

    def ask(self, request):
        self.file.write(json.dumps(request).encode() + b"\n")
        self.file.flush()
        return json.loads(self.file.readline())

    def close(self):
        self.sock.close()
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def server(binary, tmp_path):
    running = Server(binary, str(tmp_path))
    yield running
    running.close()


def test_socket_report_requests(server, questionnaire, binary, tmp_path):
    for name, lines in SCENARIOS.items():
        conversation = f"c-{name}"
        for line in lines:
            assert "error" not in server.ask({"conversation": conversation, "text": line})
        state = server.ask({"type": "state", "conversation": conversation})
        reply = server.ask({"type": "report", "conversation": conversation, "format": "fhir", "id": 7})
        assert reply["id"] == 7 and reply["conversation"] == conversation and reply["format"] == "fhir"
        response = reply["report"]
        QuestionnaireResponse.model_validate(response)
        assert response["status"] == STATUS.get(name, "completed")
        check_answers(response, state["case"], questionnaire)
        markdown = server.ask({"type": "report", "conversation": conversation, "format": "markdown"})["report"]
        assert isinstance(markdown, str) and markdown.startswith("# Muscle twitching: visit summary\n")
        # The default format is Markdown.
        assert server.ask({"type": "report", "conversation": conversation})["report"] == markdown
        if name == "unfinished":
            _, _, fhir = run_pipe(binary, lines, tmp_path, status=3)
            piped = json.loads(fhir.read_text())
            for resource in (piped, response):
                resource.pop("authored")
            assert piped == response


def test_socket_report_errors(server):
    unknown = server.ask({"type": "report", "conversation": "nobody", "id": 1})
    assert unknown["error"]["code"] == "unknown_conversation" and unknown["id"] == 1
    server.ask({"conversation": "c1", "text": "my calf twitches"})
    bad = server.ask({"type": "report", "conversation": "c1", "format": "pdf"})
    assert bad["error"]["code"] == "invalid_field"
    wrong = server.ask({"type": "report", "conversation": "c1", "format": 3})
    assert wrong["error"]["code"] == "invalid_field"
    # The conversation goes on as before.
    assert "ask" in server.ask({"type": "state", "conversation": "c1"})


def test_terminal_report_writes_a_private_file_and_shows_it(binary, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    inputrc = tmp_path / "inputrc"
    inputrc.write_text("")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "TERM": "xterm", "LANG": "C.UTF-8",
        "INPUTRC": str(inputrc), "NO_COLOR": "1", "TWITCHTALK_HISTORY": str(tmp_path / "history"),
    }
    fhir = tmp_path / "at-exit.json"
    child = pexpect.spawn(binary, ["--today", TODAY, "--fhir", str(fhir)], env=env, encoding="utf-8",
                          dimensions=(40, 200), timeout=15)
    child.expect("› ")
    child.sendline("my left eyelid keeps twitching")
    child.expect("trouble breathing or swallowing")
    child.expect("› ")
    child.sendline("/report")
    child.expect("# Muscle twitching: visit summary")
    child.expect("I saved this summary for your doctor in (\\S+) \\(only you can read it\\)")
    path = pathlib.Path(child.match.group(1))
    child.expect("trouble breathing or swallowing")
    child.expect("› ")
    assert path == home / ".local/share/twitchtalk/reports" / f"visit-summary-{TODAY}.md"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert "- **Where:** left eyelid" in path.read_text()
    # A second /report in the same session rewrites the same file with what was added since.
    child.sendline("no")
    child.expect("When did you first notice")
    child.expect("› ")
    child.sendline("/report")
    child.expect("I saved this summary for your doctor in (\\S+) ")
    assert pathlib.Path(child.match.group(1)) == path
    assert "(emergency screen):** no" in path.read_text()
    child.expect("› ")
    child.sendline("/quit")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    response = json.loads(fhir.read_text())
    QuestionnaireResponse.model_validate(response)
    assert response["status"] == "in-progress" and stat.S_IMODE(fhir.stat().st_mode) == 0o600
