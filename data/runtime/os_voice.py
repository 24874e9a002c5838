"""The desktop window's voice: the operating system's speech engine through pyttsx3.

pyttsx3 (SAPI5 on Windows, NSSpeechSynthesizer on macOS, espeak-ng on Linux) is an optional
extra (``pip install "micropause[desktop]"``), imported on first use and only by the desktop
window: the web server never loads it. Its calls block, and an engine must stay on the thread
that made it, so one worker thread owns the engine and takes commands from a queue; the event
loop only puts a command there and returns. Where pyttsx3 or an engine is missing, ``available``
turns False and every command does nothing: the player keeps its sounds.

pyttsx3 cannot pause a line, so pause stops it (resume then waits for the next step's line).
"""

from __future__ import annotations

import importlib
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("micropause.voice")

BASE_WORDS_PER_MINUTE = 175
"""pyttsx3's rate is in words per minute; a speaking rate of 1.0 is this."""
_IDLE_S = 0.03


@dataclass(frozen=True)
class OsVoiceInfo:
    """One of the engine's voices: its id (what pyttsx3 selects by), name and languages."""

    id: str
    name: str
    lang: str


def _load_pyttsx3() -> Any:
    return importlib.import_module("pyttsx3")


class OsVoice:
    """The engine on a thread of its own; thread-safe ``say``/``cancel``/``close``."""

    def __init__(self, load: Callable[[], Any] = _load_pyttsx3) -> None:
        self._load = load
        self._commands: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
        self._ready = threading.Event()
        self._available = False
        self._voices: list[OsVoiceInfo] = []
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ public

    def start(self, wait_s: float = 5.0) -> bool:
        """Start the engine's thread (once) and wait for it to say whether it works (blocks:
        call it off the event loop)."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="os-voice", daemon=True)
                self._thread.start()
        self._ready.wait(wait_s)
        return self._available

    @property
    def available(self) -> bool:
        return self._available

    @property
    def voices(self) -> list[OsVoiceInfo]:
        return list(self._voices)

    def say(self, text: str, *, rate: float = 1.0, voice_id: str | None = None) -> None:
        """Stop what is being said and say ``text``."""
        if not self._gone():
            self._commands.put(("say", (text, rate, voice_id)))

    def cancel(self) -> None:
        if not self._gone():
            self._commands.put(("cancel", None))

    def _gone(self) -> bool:
        """The engine is known to be missing: commands would wait in the queue for ever."""
        return self._ready.is_set() and not self._available

    def close(self) -> None:
        self._commands.put(("close", None))

    # ---------------------------------------------------------------- the thread

    def _run(self) -> None:
        try:
            engine = self._load().init()
            self._voices = [_info(v) for v in engine.getProperty("voices") or []]
            engine.startLoop(False)
            self._available = True
        except Exception as exc:  # no pyttsx3, no engine, no audio: the player keeps sounds
            log.info("no speech engine on this computer: %s", exc)
            self._available = False
            self._ready.set()
            return
        self._ready.set()
        try:
            self._serve(engine)
        finally:
            try:
                engine.endLoop()
            except Exception as exc:
                log.debug("speech engine did not end cleanly: %s", exc)

    def _serve(self, engine: Any) -> None:
        while True:
            try:
                op, args = self._commands.get(timeout=_IDLE_S)
            except queue.Empty:
                self._iterate(engine)
                continue
            if op == "close":
                engine.stop()
                return
            try:
                engine.stop()
                if op == "say":
                    text, rate, voice_id = args
                    engine.setProperty("rate", round(BASE_WORDS_PER_MINUTE * rate))
                    if voice_id:
                        engine.setProperty("voice", voice_id)
                    engine.say(text)
            except Exception as exc:  # a line is a nicety: never let it end the thread
                log.warning("the speech engine failed on %s: %s", op, exc)
            self._iterate(engine)

    @staticmethod
    def _iterate(engine: Any) -> None:
        try:
            engine.iterate()
        except Exception as exc:
            log.debug("speech engine iterate failed: %s", exc)


def _info(voice: Any) -> OsVoiceInfo:
    languages = getattr(voice, "languages", None) or []
    first = languages[0] if languages else ""
    lang = first.decode(errors="replace") if isinstance(first, bytes) else str(first)
    return OsVoiceInfo(id=str(voice.id), name=str(getattr(voice, "name", voice.id)), lang=lang)
