"""Init scripts that watch what the page asks of the browser's speech and notifications, and a
switch that makes the page report itself hidden, for the e2e tests and ``web_bench``.

Headless Chromium has ``speechSynthesis`` with no voice and ``Notification`` with nothing on
screen, so the tests read what was asked: every ``speak``/``cancel``/``pause``/``resume`` with
``performance.now()``, every notification made (through ``new Notification`` or a service
worker registration's ``showNotification``), and every bridge message the page script got.

Where a step began, on the page's clock: each message carries the server's monotonic time it
was sent (``sent``), the step's start on that clock (``at``), and the previous message's round
trip (``rtt``). A message received at page time ``t`` was sent at ``sent`` + θ and took at most
its round trip, so θ (page clock minus server clock) lies in [t - sent - rtt, t - sent]; the
tightest message bounds it. Lateness is then ``spoken - (at + θ)``; ``latencies_ms`` gives the
largest it can be (θ at its lowest), so a pass is never a measuring error's gift.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SPIES = """
(() => {
  const spy = window.__mp = { spoken: [], speech: [], notices: [], bridge: [], clicks: [] };
  const now = () => performance.now();
  const synth = window.speechSynthesis;
  if (synth) {
    for (const op of ["cancel", "pause", "resume"]) {
      const real = synth[op].bind(synth);
      synth[op] = () => { spy.speech.push({ op, t: now() }); real(); };
    }
    const speak = synth.speak.bind(synth);
    synth.speak = (line) => {
      spy.spoken.push({ text: line.text, t: now(), rate: line.rate, lang: line.lang });
      speak(line);
    };
  }
  const Real = window.Notification;
  if (Real) {
    class Spy {
      constructor(title, options) {
        Object.assign(this, { title, options: options || {}, onclick: null, closed: false });
        spy.notices.push(this);
      }
      close() { this.closed = true; }
      static get permission() { return Real.permission; }
      static requestPermission() { return Real.requestPermission(); }
    }
    window.Notification = Spy;
  }
  if (window.ServiceWorkerRegistration) {
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      spy.notices.push({ title, options: options || {}, worker: true });
      return Promise.resolve();
    };
  }
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (key === "flutter.mp_bridge") {
      spy.bridge.push({ m: JSON.parse(JSON.parse(value)), t: now() });
    }
    return setItem.apply(this, arguments);
  };
  addEventListener("pointerup", (e) => spy.clicks.push(e.timeStamp), true);
  let visibility = "visible";
  Object.defineProperty(Document.prototype, "visibilityState", {
    get() { return visibility; }, configurable: true });
  Object.defineProperty(Document.prototype, "hidden", {
    get() { return visibility === "hidden"; }, configurable: true });
  // As a browser does on a change of tab: the focus goes before the page hides, and comes
  // back after it shows.
  window.__mpSetVisibility = (value) => {
    if (value === "hidden") window.dispatchEvent(new Event("blur"));
    visibility = value;
    document.dispatchEvent(new Event("visibilitychange"));
    if (value === "visible") window.dispatchEvent(new Event("focus"));
  };
})();
"""


@dataclass(frozen=True)
class Spoken:
    """One ``speak``: its text, when (page ms), and its step's start on the server's clock."""

    text: str
    t: float
    at: float | None


def spoken(page: Any) -> list[Spoken]:
    """Each line spoken, matched with the bridge message that asked for it (in order)."""
    spy = page.evaluate("window.__mp")
    says = [b["m"] for b in spy["bridge"] if b["m"]["op"] == "say"]
    lines = spy["spoken"]
    assert len(lines) <= len(says), (lines, says)
    found = []
    for line, asked in zip(lines, says, strict=False):
        assert line["text"] == asked["text"], (line, asked)
        found.append(Spoken(line["text"], float(line["t"]), asked.get("at")))
    return found


def clock_offset_ms(page: Any) -> tuple[float, float]:
    """(lowest, highest) page-minus-server clock offset the bridge messages allow."""
    bridge = page.evaluate("window.__mp.bridge")
    received = {b["m"]["seq"]: (float(b["t"]), float(b["m"]["sent"])) for b in bridge}
    trips = {b["m"]["rtt"][0]: float(b["m"]["rtt"][1]) for b in bridge if b["m"].get("rtt")}
    high = min(t - sent for t, sent in received.values())
    low = max(received[seq][0] - received[seq][1] - rtt for seq, rtt in trips.items())
    return low, high


def latencies_ms(page: Any, lines: list[Spoken]) -> list[float]:
    """How late each line began after its step's start, at most (on the page's clock)."""
    low, _ = clock_offset_ms(page)
    return [line.t - (line.at + low) for line in lines if line.at is not None]


def speech_ops(page: Any) -> list[str]:
    return [entry["op"] for entry in page.evaluate("window.__mp.speech")]


def set_visibility(page: Any, value: str) -> None:
    """Make the page report itself ``hidden`` or ``visible`` (and blurred or focused)."""
    page.evaluate(f"window.__mpSetVisibility({value!r})")
