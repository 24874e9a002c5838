"""How the app says numbers: counts with the right plural, lengths of time, weekdays, and how
a check-in changed.

One place for every "1 Micro Pause" / "3 Micro Pauses", so no screen, log line or nudge says
"1 seconds", and a change of wording is one edit.
"""

from __future__ import annotations

_IRREGULAR = {"day": "days"}

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekdays as the command line writes them, Monday first (``date.weekday()`` order)."""
WEEKDAY_FULL_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
"""The same days spelled out (a screen reader's names for the day chips; the CLI accepts them)."""


def plural(count: int, singular: str, many: str | None = None) -> str:
    """The noun for ``count`` of it: 'pause' for 1, 'pauses' otherwise (or ``many``)."""
    if count == 1:
        return singular
    return many or _IRREGULAR.get(singular) or f"{singular}s"


def count(n: int, singular: str, many: str | None = None) -> str:
    """'1 Micro Pause', '3 Micro Pauses', '0 lessons'."""
    return f"{n} {plural(n, singular, many)}"


def format_duration(seconds: float) -> str:
    """'1h 52m', '7m 30s', '45s': how a person says a length of time."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes}m"
    if minutes and secs:
        return f"{minutes}m {secs}s"
    if minutes:
        return f"{minutes}m"
    return f"{secs}s"


def hours_and_minutes(minutes: int) -> str:
    """'50 minutes', '2 hours 5 minutes', '1 hour': a span said in full words."""
    hours, rest = divmod(max(0, minutes), 60)
    parts = [count(hours, "hour")] if hours else []
    if rest or not hours:
        parts.append(count(rest, "minute"))
    return " ".join(parts)


def felt_change(change: float | None, pauses: int, needed: int) -> str:
    """How a check-in moved, in the person's own terms, never as a claim about a lesson:
    '1.8 easier on average, 7 pauses'; with fewer than ``needed`` pauses (``change`` None),
    '2 pauses with both check-ins so far (an average needs 3)'."""
    if change is None:
        return f"{count(pauses, 'pause')} with both check-ins so far (an average needs {needed})"
    shown = f"{abs(change):.1f}"
    if shown == "0.0":
        how = "about the same on average"
    elif change > 0:
        how = f"{shown} easier on average"
    else:
        how = f"{shown} less at ease on average"
    return f"{how}, {count(pauses, 'pause')}"


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(n: int) -> str:
    """'five', 'twenty-one': a number as a voice says it (0 to 999; beyond, the digits).

    Speech engines read "5 minutes" well enough, but not all of them read "1 minutes" right or
    pause the same way; words are what a person would say, and the same on every engine.
    """
    if n < 0 or n > 999:
        return str(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens - 2] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")


def count_words(n: int, singular: str, many: str | None = None) -> str:
    """'one minute', 'five minutes': ``count`` with the number in words, for speech."""
    return f"{number_words(n)} {plural(n, singular, many)}"
