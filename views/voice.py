"""The lesson's voice: the speech plan (``data.player.speech``) performed for one lesson.

The lesson screen hands every player operation's events here, with what the operation was;
the plan says what to say, and this sends it to the session's ``Reach`` (the browser's speech
synthesis, or the desktop's engine). Each step's line also goes to the person's screen reader
as an announcement, whatever the voice setting: a reader announces it in its own voice, and the
page keeps the app's voice quiet while a reader is on, so nothing is said twice.

The player's mute button silences the voice for this lesson (with its sounds); the Settings
switch is the lasting choice.
"""

from __future__ import annotations

from collections.abc import Sequence

from data.player import speech
from data.player.sequencer import Event
from data.practice_log.settings import Settings
from views.reach import Reach


class VoiceGuide:
    """Speaks one lesson's lines; see the module docstring."""

    def __init__(self, reach: Reach, lines: speech.LessonLines, settings: Settings) -> None:
        self.reach = reach
        self.lines = lines
        self.on = settings.voice_on
        self.voice_name = settings.voice_name
        self.rate = settings.voice_rate
        self.said: list[speech.Say] = []
        """Every line given to the engine, in order (what a test or a log may read)."""
        self._voice = speech.Voice()
        if self.on:
            reach.warm_up()

    def follow(self, events: Sequence[Event], control: speech.Control) -> None:
        """Perform what the plan says for one operation's ``events``."""
        self._voice, commands = speech.speak(self._voice, events, control, self.lines)
        for command in _merged(commands):
            if isinstance(command, speech.Say):
                self.reach.announce(self.lines.for_reader(command))
                if self.on:
                    self.said.append(command)
                    self.reach.say(
                        command.text,
                        voice=self.voice_name,
                        rate=self.rate,
                        offset=command.offset,
                        at=command.at,
                    )
            elif self.on:
                self.reach.speech(_OPS[type(command)])

    def mute(self, muted: bool, settings: Settings) -> None:
        """Silence the voice for the rest of this lesson, or give it back as Settings have it."""
        on = settings.voice_on and not muted
        if self.on and not on:
            self.reach.speech("cancel")
        self.on = on

    def close(self) -> None:
        """The lesson ended or its screen closed: nothing more is said."""
        if self.on:
            self.reach.speech("cancel")
        self.on = False


_OPS: dict[type, str] = {
    speech.Cancel: "cancel",
    speech.PauseSpeech: "pause",
    speech.ResumeSpeech: "resume",
}


def _merged(commands: list[speech.Command]) -> list[speech.Command]:
    """Drop a cancel that a line follows at once: saying a line cancels first anyway."""
    merged: list[speech.Command] = []
    for command in commands:
        if isinstance(command, speech.Say) and merged and isinstance(merged[-1], speech.Cancel):
            merged.pop()
        merged.append(command)
    return merged
