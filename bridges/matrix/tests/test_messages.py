"""The pure translation between Matrix events and TwitchTalk turns (messages.py)."""
import sys

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))

from messages import Said, one_line, read_message, render, strip_reply_fallback  # noqa: E402

ME = "@bot:localhost"


def message(body, sender="@person:localhost", msgtype="m.text", **content):
    return {
        "type": "m.room.message",
        "sender": sender,
        "event_id": "$e",
        "content": {"msgtype": msgtype, "body": body, **content},
    }


def test_a_reply_fallback_quote_is_not_part_of_the_answer():
    event = message(
        "> <@bot:localhost> Have you had any trouble breathing?\n> (question 2 of about 17)\n\nno, none",
        **{"m.relates_to": {"m.in_reply_to": {"event_id": "$q"}}},
    )
    assert read_message(event, ME) == Said("no, none")


def test_quote_lines_are_kept_when_the_message_is_not_a_reply():
    assert read_message(message("> 3 days"), ME) == Said("> 3 days")
    assert strip_reply_fallback("no quote\n> here") == "no quote\n> here"


def test_an_edit_is_read_as_its_new_content_and_names_the_message_it_replaces():
    event = message(
        " * 3 weeks ago",
        **{
            "m.new_content": {"msgtype": "m.text", "body": "3 weeks ago"},
            "m.relates_to": {"rel_type": "m.replace", "event_id": "$original"},
        },
    )
    assert read_message(event, ME) == Said("3 weeks ago", replaces="$original")


def test_own_messages_notices_and_other_events_are_not_answered():
    assert read_message(message("hello", sender=ME), ME) is None
    assert read_message(message("I am a bot", msgtype="m.notice"), ME) is None
    assert read_message(message("cat.png", msgtype="m.image"), ME) is None
    assert read_message({"type": "m.room.member", "sender": "@p:l", "content": {"membership": "join"}}, ME) is None
    assert read_message(message("   \n  "), ME) is None
    assert read_message({"type": "m.room.message", "sender": "@p:l", "content": "not an object"}, ME) is None


def test_several_lines_become_one_line_with_clause_breaks_and_no_control_characters():
    assert one_line("no weakness\njust tingling") == "no weakness; just tingling"
    assert one_line("it started Monday.\r\n\r\nmy calf") == "it started Monday. my calf"
    assert one_line("a\x1b[31mb\tc") == "a [31mb c"


def test_bang_commands_are_twitchtalk_commands():
    assert read_message(message("!back"), ME) == Said("/back")
    assert read_message(message("!Summary"), ME) == Said("/summary")
    assert read_message(message("!wow"), ME) == Said("!wow")


def test_the_plain_body_holds_everything_and_the_html_is_escaped():
    turn = {
        "say": ["Got it: <left eyelid> & 3 days ago."],
        "ask": {"id": "urgent", "text": "Trouble breathing?", "choices": ["yes", "no", "not sure"], "number": 2,
                "total": 17},
        "done": False,
    }
    content = render(turn)
    assert content["msgtype"] == "m.notice"
    assert content["body"] == (
        "Got it: <left eyelid> & 3 days ago.\nTrouble breathing? (question 2 of about 17)\n"
        "You can answer: yes · no · not sure"
    )
    assert content["format"] == "org.matrix.custom.html"
    assert "&lt;left eyelid&gt; &amp; 3 days ago." in content["formatted_body"]
    assert "<left eyelid>" not in content["formatted_body"]
    assert "<code>not sure</code>" in content["formatted_body"]


def test_advice_is_laid_out_with_headline_reasons_what_to_do_and_when_to_come_back():
    advice = {
        "triage": "see_doctor",
        "headline": "See a doctor about this.",
        "redFlags": [{"id": "persistent", "text": "It has lasted more than 2 weeks.", "because": ["onset: \"3 weeks\""],
                      "sources": ["Article"]}],
        "causes": [{"id": "caffeine", "name": "Caffeine", "text": "Caffeine can cause twitching.", "because": [],
                    "sources": ["Article"]}],
        "selfCare": ["Rest."],
        "homeCare": [{"id": "caffeine", "text": "Cut down on caffeine.", "because": [], "sources": ["Article"]}],
        "tellDoctor": ["When it started: 3 weeks ago"],
        "doctorMayDo": [{"text": "Examine you.", "sources": ["Article"]}],
        "watchFor": "Come back if it spreads.",
        "emergency": [],
        "disclaimer": "Not a diagnosis.",
        "notKnown": ["frequency", "sleep"],
    }
    content = render({"say": [], "advice": advice, "done": True})
    body = content["body"]
    for text in ("== See a doctor about this.", "Why:",
                 "- It has lasted more than 2 weeks. (When it started: \"3 weeks\")",
                 "Caffeine: Caffeine can cause twitching.", "What you can do at home:", "- Cut down on caffeine.",
                 "What the doctor may do:", "- Examine you.", "What to tell the doctor:",
                 "Come back if it spreads.", "Not a diagnosis.", "!back",
                 "Some signs could not be checked because these were not known: How often; Hours of sleep a night."):
        assert text in body, text
    assert "Right now" not in body  # empty sections are left out
    assert "<h3>See a doctor about this.</h3>" in content["formatted_body"]
    assert "<li>Cut down on caffeine.</li>" in content["formatted_body"]


def test_question_labels_are_those_of_the_knowledge_file():
    import re
    root = __import__("pathlib").Path(__file__).resolve().parents[3]
    text = (root / "Sources" / "Assessment" / "knowledge.yaml").read_text()
    found = dict(re.findall(r'^  - id: (\w+)\n(?:    .*\n)*?    label: "([^"]*)"', text, flags=re.M))
    from messages import LABELS
    assert found == LABELS
