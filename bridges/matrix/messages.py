"""Pure translation between Matrix events and TwitchTalk turns: no I/O, no clock, no Matrix library.

- ``read_message`` turns a room event (its JSON as the homeserver sent it) into what the person said: a new
  line, or an edit (``m.replace``) of an earlier one, with the reply-fallback quote taken off.
- ``render`` turns a TwitchTalk turn (PROTOCOL.md, "Replies") into an ``m.notice`` content: a complete plain
  ``body`` and an HTML ``formatted_body``.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

# Sent by person-facing bridge commands that Matrix clients would otherwise take as their own ("/back" in Element
# is an unknown command): "!back" is read as TwitchTalk's "/back".
COMMANDS = ("help", "back", "why", "summary", "restart", "quit")

ENCRYPTED_REFUSAL = (
    "This room is end-to-end encrypted, and TwitchTalk's bridge does not take part in encrypted rooms: it would "
    "have to decrypt your messages and pass them on, so the encryption would not protect them. I'm leaving this "
    "room. To talk with me, create a new room with end-to-end encryption switched off and invite me, "
    "or run TwitchTalk on your own computer. See the bridge's README for why."
)


@dataclass(frozen=True)
class Said:
    """A line the person said. ``replaces`` is the event id of the message it edits (None for a new message)."""

    text: str
    replaces: str | None = None


def read_message(event: dict[str, Any], own_user: str) -> Said | None:
    """What a room event says to TwitchTalk, or None when it is not the person's text (our own messages, notices
    from bots, images, state events, redactions)."""
    if event.get("type") != "m.room.message" or event.get("sender") == own_user:
        return None
    content = event.get("content")
    if not isinstance(content, dict):
        return None
    relates = content.get("m.relates_to") if isinstance(content.get("m.relates_to"), dict) else {}
    replaces = None
    if relates.get("rel_type") == "m.replace" and isinstance(relates.get("event_id"), str):
        replaces = relates["event_id"]
        new = content.get("m.new_content")
        if isinstance(new, dict):
            content = new  # the edited message as it now reads, without the " * " fallback
    if content.get("msgtype") not in ("m.text", "m.emote"):
        return None  # m.notice is for bots: bots do not answer bots
    body = content.get("body")
    if not isinstance(body, str):
        return None
    in_reply = isinstance(relates.get("m.in_reply_to"), dict) or "<mx-reply>" in str(content.get("formatted_body", ""))
    if in_reply:
        body = strip_reply_fallback(body)
    text = one_line(body)
    if not text:
        return None
    return Said(text=command_alias(text), replaces=replaces)


def strip_reply_fallback(body: str) -> str:
    """The body without the quote of the message replied to: the leading "> " lines and the empty line after
    them (the Matrix spec's reply fallback)."""
    lines = body.split("\n")
    index = 0
    while index < len(lines) and lines[index].startswith(">"):
        index += 1
    if index == 0:
        return body
    if index < len(lines) and lines[index].strip() == "":
        index += 1
    return "\n".join(lines[index:])


def one_line(text: str) -> str:
    """A message of several lines as one TwitchTalk line: each line break ends a clause, as it does for a reader.
    Other control characters become spaces."""
    parts = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = re.sub(r"[\x00-\x1f\x7f]", " ", line).strip()
        if not line:
            continue
        if parts and not re.search(r"[.!?,;:]$", parts[-1]):
            parts[-1] += ";"
        parts.append(line)
    return " ".join(parts)


def command_alias(text: str) -> str:
    """ "!back" and friends are TwitchTalk's "/back": many Matrix clients keep "/" commands for themselves."""
    match = re.fullmatch(r"!(\w+)", text.strip())
    if match and match.group(1).lower() in COMMANDS:
        return "/" + match.group(1).lower()
    return text


def is_command(text: str) -> bool:
    return text.startswith("/")


# --- Turns as messages ------------------------------------------------------------------------------------------

ADVICE_SECTIONS = (
    # (title, field, how an item reads): the order and titles of every TwitchTalk front end
    ("Right now", "emergency"),
    ("Why", "redFlags"),
    ("Causes that may fit your answers", "causes"),
    ("What you can do at home", "homeCare"),
    ("What the doctor may do", "doctorMayDo"),
    ("What to tell the doctor", "tellDoctor"),
)


# The question ids are a public contract (README, "The interview"); their labels are those of
# Sources/Assessment/knowledge.yaml (a test keeps the two the same). Unknown ids are shown as they are.
LABELS = {
    "opening": "In your words",
    "urgent": "Trouble breathing or swallowing",
    "onset": "When it started",
    "episode_length": "How long each twitch lasts",
    "locations": "Where",
    "same_place": "Always in the same place",
    "frequency": "How often",
    "moving_and_resting": "Both when moving and resting",
    "other_symptoms": "Other symptoms",
    "new_medication": "Started after a new medication",
    "new_condition": "Newly diagnosed medical condition",
    "stress": "Stress or anxiety",
    "caffeine": "Caffeinated drinks a day",
    "sleep": "Hours of sleep a night",
    "hydration": "Drinks enough water",
    "diet": "Balanced diet",
    "exercise": "Recent strenuous or unusual exercise",
}


def _reason(because: str) -> str:
    """ 'onset: "3 weeks"' as 'When it started: "3 weeks"'."""
    question, separator, said = because.partition(": ")
    return f"{LABELS.get(question, question)}{separator}{said}" if separator else because


def _item_text(item: Any) -> str:
    """An advice item as one line: a plain string, or a finding with its name and the answers that triggered it."""
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return str(item)
    text = str(item.get("text", ""))
    if item.get("name"):
        text = f"{item['name']}: {text}"
    because = [_reason(str(reason)) for reason in item.get("because") or []]
    if because:
        text += " (" + "; ".join(because) + ")"
    return text


def render(turn: dict[str, Any]) -> dict[str, Any]:
    """An ``m.notice`` content for a turn: ``body`` holds everything; ``formatted_body`` lays it out in HTML."""
    plain: list[str] = []
    rich: list[str] = []
    for sentence in turn.get("say") or []:
        plain.append(str(sentence))
        rich.append(f"<p>{_html(str(sentence))}</p>")
    advice = turn.get("advice")
    if isinstance(advice, dict):
        _render_advice(advice, plain, rich)
    ask = turn.get("ask")
    if isinstance(ask, dict):
        progress = ""
        if ask.get("number") and ask.get("total"):
            progress = f" (question {ask['number']} of about {ask['total']})"
        plain.append(str(ask.get("text", "")) + progress)
        rich.append(f"<p><strong>{_html(str(ask.get('text', '')))}</strong>{_html(progress)}</p>")
        choices = [str(choice) for choice in ask.get("choices") or []]
        if choices:
            plain.append("You can answer: " + " · ".join(choices))
            rich.append("<p>You can answer: " + " · ".join(f"<code>{_html(c)}</code>" for c in choices) + "</p>")
    if turn.get("done") and not turn.get("ended") and isinstance(advice, dict):
        hint = "You can still send !back (change your last answer), !summary, !restart or !quit."
        plain.append(hint)
        rich.append(f"<p><em>{_html(hint)}</em></p>")
    if turn.get("ended"):
        plain.append("The conversation has ended. Say anything to start again.")
        rich.append("<p><em>The conversation has ended. Say anything to start again.</em></p>")
    return {
        "msgtype": "m.notice",
        "body": "\n".join(plain).strip() or "…",
        "format": "org.matrix.custom.html",
        "formatted_body": "".join(rich) or "…",
    }


def _render_advice(advice: dict[str, Any], plain: list[str], rich: list[str]) -> None:
    headline = str(advice.get("headline", ""))
    plain.append("")
    plain.append(f"== {headline}")
    rich.append(f"<h3>{_html(headline)}</h3>")
    not_known = [LABELS.get(str(question), str(question)) for question in advice.get("notKnown") or []]
    if not_known:
        # Unknown is not no: the signs that could not be checked are always named.
        sentence = "Some signs could not be checked because these were not known: " + "; ".join(not_known) + "."
        plain.append(sentence)
        rich.append(f"<p><strong>{_html(sentence)}</strong></p>")
    for title, field in ADVICE_SECTIONS:
        items = [_item_text(item) for item in advice.get(field) or []]
        if not items:
            continue
        plain.append("")
        plain.append(f"{title}:")
        plain.extend(f"- {item}" for item in items)
        rich.append(f"<p><strong>{_html(title)}:</strong></p><ul>")
        rich.extend(f"<li>{_html(item)}</li>" for item in items)
        rich.append("</ul>")
    plain.append("")
    for field in ("watchFor", "disclaimer"):
        value = advice.get(field)
        if isinstance(value, str) and value:
            plain.append(value)
            rich.append(f"<p><em>{_html(value)}</em></p>" if field == "disclaimer" else f"<p>{_html(value)}</p>")


def _html(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def error_notice(code: str) -> dict[str, Any]:
    """What the person sees when TwitchTalk refused a line with a protocol error (PROTOCOL.md, "Errors")."""
    texts = {
        "limit_reached": "TwitchTalk is holding too many conversations, or this one has grown too long. "
        "Send !restart to begin again, or try later.",
        "store_failed": "TwitchTalk could not save that, so it was not taken. Please send it again.",
    }
    text = texts.get(code, f"TwitchTalk could not take that message ({code}). Please try again.")
    return {"msgtype": "m.notice", "body": text}


def older_edit_notice() -> dict[str, Any]:
    text = (
        "I can take an edit of your last message as a correction, but not of an earlier one: its words would be "
        "read as the answer to the question I'm asking now. Please tell me what changed, for example "
        '"actually it started 3 weeks ago", or send !back to go back one answer at a time.'
    )
    return {"msgtype": "m.notice", "body": text}


def refusal_notice() -> dict[str, Any]:
    return {"msgtype": "m.notice", "body": ENCRYPTED_REFUSAL}
