#!/usr/bin/env python3
"""Runs Microsoft Recognizers-Text on the corpus answers that are durations and numbers.

Reads the corpus (Tests/DialogueTests/Corpus/utterances.txt), takes the answers to onset (days ago),
episode_length (seconds), sleep (hours) and caffeine (drinks a day), and prints `LINE<TAB>FIELD<TAB>VALUE` with
the value Recognizers-Text gives (empty when it gives none). `twitchtalk bench-understanding --compare` scores
it against the labels, next to TwitchTalk's own reading. Needs `recognizers-text-suite` (see
scripts/compare-recognizers); nothing in the build or tests needs it.

How results become values (generous to the recognizer):
- durations (datetimeV2.duration) give seconds; dates (datetimeV2.date, datetime) and date ranges (their start)
  give days before the reference date (the item's date, or 2026-11-27);
- sleep and caffeine without a duration use recognize_number: one number is the value; two joined by "-",
  "or", "to" or "between … and" give their mean; otherwise caffeine sums the numbers and sleep takes the first.
"""
import datetime
import re
import sys

from recognizers_text import Culture
from recognizers_date_time import recognize_datetime
from recognizers_number import recognize_number

FIELDS = {"onset", "episode_length", "sleep", "caffeine"}
DEFAULT_TODAY = datetime.date(2026, 11, 27)


def items(path):
    for number, line in enumerate(open(path, encoding="utf-8"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3:
            continue
        head = parts[0].split("@")
        pending = head[0]
        today = datetime.date.fromisoformat(head[1]) if len(head) == 2 else None
        expected = dict(f.strip().split("=", 1) for f in parts[2].split(";") if "=" in f)
        want = expected.get(pending, "").strip()
        try:
            float(want)
        except ValueError:
            continue
        if pending in FIELDS:
            yield number, pending, today, parts[1]


def seconds_from_datetime(text, reference):
    """(kind, value): ('duration', seconds) or ('days', days before the reference)."""
    ref = datetime.datetime.combine(reference, datetime.time(12, 0))
    for result in recognize_datetime(text, Culture.English, reference=ref):
        for value in result.resolution.get("values", []):
            kind = value.get("type")
            if kind == "duration" and value.get("value"):
                return "duration", float(value["value"])
            if kind in ("date", "datetime") and value.get("value"):
                day = datetime.date.fromisoformat(value["value"][:10])
                if day <= reference:
                    return "days", (reference - day).days
            if kind in ("daterange", "datetimerange") and value.get("start"):
                day = datetime.date.fromisoformat(value["start"][:10])
                if day <= reference:
                    return "days", (reference - day).days
    return None


def numbers(text, field):
    values = []
    for result in recognize_number(text, Culture.English):
        try:
            values.append(float(result.resolution["value"]))
        except (KeyError, TypeError, ValueError):
            pass
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    if re.search(r"\d\s*-\s*\d|\bor\b|\bto\b|\bbetween\b", text):
        return (values[0] + values[1]) / 2
    return sum(values) if field == "caffeine" else values[0]


def value(field, text, today):
    reference = today or DEFAULT_TODAY
    found = seconds_from_datetime(text, reference)
    if field == "onset":
        if found is None:
            return None
        kind, amount = found
        return amount / 86400 if kind == "duration" else amount
    if field == "episode_length":
        return found[1] if found and found[0] == "duration" else None
    if field == "sleep" and found and found[0] == "duration":
        return found[1] / 3600
    return numbers(text, field)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "Tests/DialogueTests/Corpus/utterances.txt"
    for number, field, today, text in items(path):
        try:
            result = value(field, text, today)
        except Exception:  # the recognizer's own failures count as no answer
            result = None
        print(f"{number}\t{field}\t{'' if result is None else round(result, 4)}")


if __name__ == "__main__":
    main()
