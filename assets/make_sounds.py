"""Synthesize Micro Pause's three cue sounds with nothing but the standard library.

Run ``python assets/make_sounds.py``; it writes ``assets/sounds/{step,tick,done}.wav``
(mono, 22050 Hz, 16-bit PCM). The WAVs are committed; this script is here so the sounds
can be tuned and regenerated reproducibly (the tick's noise uses a fixed seed).

Why these choices:

* Cues should be noticed without startling: peaks stay around -10 dBFS (the tick lower),
  attacks are a few milliseconds of raised cosine (no click), and every sound ends with a
  short fade to exact silence so a browser cutting it off cannot pop.
* Mild bell-like partials (a quiet octave and a slightly inharmonic third partial) make
  the tones sound like soft chimes rather than test tones, without getting bright.
* 22050 Hz is plenty for tones under 3 kHz and keeps each file well under 60 KB, which
  matters because the browser fetches them over the app's own connection.
"""

from __future__ import annotations

import math
import random
import struct
import wave
from collections.abc import Callable
from pathlib import Path

RATE = 22050
HERE = Path(__file__).resolve().parent
OUT = HERE / "sounds"


def _envelope(t: float, attack: float, decay: float) -> float:
    """Raised-cosine attack then exponential decay: soft start, natural ring-out."""
    if t < 0:
        return 0.0
    if t < attack:
        return 0.5 - 0.5 * math.cos(math.pi * t / attack)
    return math.exp(-(t - attack) / decay)


def _chime(freq: float, start: float, gain: float, decay: float) -> Callable[[float], float]:
    """A soft bell-ish note: fundamental, a quiet octave and a faint inharmonic partial."""

    def voice(t: float) -> float:
        local = t - start
        if local < 0:
            return 0.0
        env = _envelope(local, 0.006, decay)
        tone = (
            math.sin(2 * math.pi * freq * local)
            + 0.22 * math.sin(2 * math.pi * 2 * freq * local) * math.exp(-local / (decay * 0.5))
            + 0.06 * math.sin(2 * math.pi * 2.76 * freq * local) * math.exp(-local / (decay * 0.3))
        )
        return gain * env * tone

    return voice


def _render(duration: float, voices: list[Callable[[float], float]], peak: float) -> list[float]:
    """Mix the voices, normalise to ``peak`` and fade the last 40 ms to silence."""
    n = round(duration * RATE)
    samples = [sum(v(i / RATE) for v in voices) for i in range(n)]
    top = max(abs(s) for s in samples) or 1.0
    fade = round(0.04 * RATE)
    out = []
    for i, s in enumerate(samples):
        g = peak / top
        remaining = n - 1 - i
        if remaining < fade:
            g *= 0.5 - 0.5 * math.cos(math.pi * remaining / fade)
        out.append(s * g)
    return out


def _write(name: str, samples: list[float]) -> Path:
    """Write 16-bit mono PCM; values are clamped, though the peaks never get near 1.0."""
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    frames = b"".join(struct.pack("<h", round(max(-1.0, min(1.0, s)) * 32767)) for s in samples)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(frames)
    return path


def step() -> list[float]:
    """Two rising notes (E5 then A5, a fourth apart): "next", gentle and open."""
    voices = [_chime(659.25, 0.0, 0.8, 0.16), _chime(880.0, 0.13, 1.0, 0.18)]
    return _render(0.6, voices, peak=0.32)


def tick() -> list[float]:
    """A wood-block-like knock: two damped resonances plus a whisper of noise."""
    rng = random.Random(7)
    noise = [rng.uniform(-1.0, 1.0) for _ in range(round(0.08 * RATE))]

    def knock(t: float) -> float:
        body = math.sin(2 * math.pi * 880 * t) * math.exp(-t / 0.014)
        shell = 0.35 * math.sin(2 * math.pi * 2350 * t) * math.exp(-t / 0.006)
        click = 0.15 * noise[min(len(noise) - 1, round(t * RATE))] * math.exp(-t / 0.002)
        return _envelope(t, 0.0015, 1e9) * (body + shell + click)

    return _render(0.08, [knock], peak=0.2)


def done() -> list[float]:
    """A falling C-major arpeggio (G5, E5, C5) that rings out: the lesson is complete."""
    voices = [
        _chime(783.99, 0.0, 0.7, 0.32),
        _chime(659.25, 0.16, 0.8, 0.36),
        _chime(523.25, 0.32, 1.0, 0.45),
        _chime(261.63, 0.32, 0.25, 0.5),  # a soft low octave under the last note, for warmth
    ]
    return _render(1.2, voices, peak=0.34)


def main() -> None:
    """Write all three sounds and print their sizes."""
    for name, make in (("step.wav", step), ("tick.wav", tick), ("done.wav", done)):
        path = _write(name, make())
        print(f"{path.relative_to(HERE.parent)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
