"""The player screen driven by a fake clock: countdown, controls, keys, finish and early stop."""

from __future__ import annotations

import math
from typing import cast

import pytest

from data.player.sequencer import Phase, remaining_seconds
from data.player.timeline import KIND_WORDS, SegmentKind
from data.practice_log.memory_store import MemoryStore
from tests.clocks import FakeClock
from tests.fakes import FakePage, FakeReach, all_text, by_key, catalogue, make_context
from views.lesson_screen import LessonScreen


def screen_for(lesson_id: str = "quick-pauses-1") -> tuple[LessonScreen, FakeClock, MemoryStore]:
    clock = FakeClock()
    store = MemoryStore()
    ctx, _ = make_context(clock=clock, store=store)
    found = catalogue().find_lesson(lesson_id)
    assert found is not None
    program, lesson = found
    return LessonScreen(ctx, program, lesson), clock, store


def test_intro_shows_why_steps_safety_and_start() -> None:
    screen, _, _ = screen_for()
    text = all_text(screen.view)
    assert screen.lesson.why in text
    assert screen.program.safety_note in text
    for step in screen.lesson.steps:
        assert step.instruction in text
    assert by_key(screen.view, "start").content == "Start"
    assert not screen.is_active


def test_start_shows_get_ready_countdown_then_first_step() -> None:
    screen, clock, _ = screen_for()
    screen.start()
    assert screen.is_active
    panel = screen.panel
    assert panel is not None
    assert panel.kind_word.value == "Get ready"
    assert panel.seconds.value == "3"
    clock.advance(1.2)
    screen.tick()
    assert panel.seconds.value == "2"
    assert panel.seconds_caption.value == "seconds"
    clock.advance(1.0)
    screen.tick()
    assert panel.seconds.value == "1"
    assert panel.seconds_caption.value == "second"  # not "1 seconds"
    assert panel.seconds.semantics_label == "1 second left"
    clock.advance(1.0)
    screen.tick()
    first = screen.lesson.steps[0]
    assert panel.instruction.value == first.instruction
    assert panel.kind_word.value == KIND_WORDS[SegmentKind(first.kind.value)]
    assert panel.next_line.value.startswith("Next: ")


@pytest.mark.parametrize(
    ("key", "phase", "moved_by", "restarted"),
    [
        pytest.param(" ", Phase.PAUSED, 0, False, id="space pauses"),
        pytest.param("Arrow Right", Phase.RUNNING, 1, True, id="right arrow skips"),
        pytest.param("Arrow Left", Phase.RUNNING, 0, True, id="left arrow restarts the step"),
    ],
)
def test_keyboard_controls(key: str, phase: Phase, moved_by: int, restarted: bool) -> None:
    screen, clock, _ = screen_for()
    screen.start()
    clock.advance(3 + 5)  # get-ready, then five seconds into the first step
    screen.tick()
    before = screen.state
    assert before is not None and before.index == 1
    screen.on_key(key)
    after = screen.state
    assert after is not None
    assert after.phase is phase
    assert after.index == before.index + moved_by
    left = remaining_seconds(after, clock.monotonic())
    assert (left == after.segment.duration) is restarted


def test_left_arrow_at_the_start_of_a_step_goes_to_the_one_before() -> None:
    screen, clock, _ = screen_for()
    screen.start()
    clock.advance(3 + 1)
    screen.tick()
    screen.on_key("Arrow Left")
    assert screen.state is not None and screen.state.index == 0


def test_escape_pauses_and_asks_before_leaving() -> None:
    screen, clock, _ = screen_for()
    screen.start()
    clock.advance(5)
    screen.on_key("Escape")
    assert screen.state is not None and screen.state.phase is Phase.PAUSED
    page = cast(FakePage, screen.ctx.page)
    assert [d.key for d in page.dialogs[-1].actions] == ["keep-going", "end-lesson"]


def test_pause_freezes_the_countdown_and_resume_continues() -> None:
    screen, clock, _ = screen_for()
    screen.start()
    clock.advance(4)
    screen.tick()
    assert screen.panel is not None
    shown = screen.panel.seconds.value
    screen.toggle()
    assert screen.panel.toggle.content == "Resume"
    clock.advance(60)
    screen.tick()
    assert screen.panel.seconds.value == shown
    screen.toggle()
    assert screen.panel.toggle.content == "Pause"


def test_playing_to_the_end_logs_a_completion_and_shows_the_finish() -> None:
    screen, clock, store = screen_for()
    page = screen.ctx.page
    screen.start()
    clock.advance(screen.lesson.total_seconds + 10)
    screen.tick()
    assert screen.state is not None and screen.state.completed
    page.run_pending("_save")  # type: ignore[attr-defined]
    [record] = store.completions()
    assert record.completed
    assert record.lesson_id == screen.lesson.id
    assert record.seconds == screen.lesson.total_seconds
    text = all_text(screen.body)
    assert "Well done" in text
    assert "1-day streak" in text
    assert "Next: 2." in text


def test_escape_asks_first_and_leaving_logs_an_unfinished_pause() -> None:
    screen, clock, store = screen_for()
    page = screen.ctx.page
    screen.start()
    clock.advance(20)
    screen.tick()
    screen.on_key("Escape")
    assert screen.state is not None and screen.state.phase is Phase.PAUSED
    [dialog] = page.dialogs  # type: ignore[attr-defined]
    assert "End this Micro Pause?" in all_text(dialog)
    end = next(a for a in dialog.actions if a.key == "end-lesson")
    end.on_click(None)
    page.run_pending("_save")  # type: ignore[attr-defined]
    [record] = store.completions()
    assert not record.completed
    assert 15 <= record.seconds <= 18  # 20 s minus the 3 s get-ready
    assert page.navigated == [f"/programs/{screen.program.id}"]  # type: ignore[attr-defined]


def test_keep_going_resumes_where_it_was() -> None:
    screen, clock, store = screen_for()
    page = screen.ctx.page
    screen.start()
    clock.advance(10)
    screen.ask_to_leave()
    [dialog] = page.dialogs  # type: ignore[attr-defined]
    keep = next(a for a in dialog.actions if a.key == "keep-going")
    keep.on_click(None)
    assert screen.state is not None and screen.state.phase is Phase.RUNNING
    assert store.completions() == []


def test_time_scale_plays_faster_but_shows_lesson_time() -> None:
    clock = FakeClock()
    ctx, _ = make_context(clock=clock, time_scale=10)
    found = catalogue().find_lesson("quick-pauses-1")
    assert found is not None
    screen = LessonScreen(ctx, *found)
    screen.start()
    clock.advance(0.3)  # 3 lesson seconds of get-ready
    screen.tick()
    assert screen.panel is not None
    assert screen.panel.kind_word.value != "Get ready"
    first = screen.lesson.steps[0]
    assert screen.panel.seconds.value == str(math.ceil(first.segment_seconds))
    clock.advance(0.5)  # 5 more lesson seconds
    screen.tick()
    assert screen.panel.seconds.value == str(math.ceil(first.segment_seconds) - 5)


def test_mute_silences_voice_and_sounds_for_this_lesson_only() -> None:
    screen, clock, store = screen_for()
    reach = cast(FakeReach, screen.ctx.reach)
    screen.start()
    assert reach.ops("say")  # get ready is said
    by_key(screen.view, "mute").on_click(None)
    screen.ctx.page.run_pending("run_blocking")  # type: ignore[attr-defined]
    assert store.settings().sound_on and store.settings().voice_on  # Settings keep their choice
    assert not screen.cues.sound_on
    assert reach.sent[-1] == ("cancel", None)
    assert screen.panel is not None and screen.panel.mute.tooltip == "Turn voice and sounds on"
    said = len(reach.ops("say"))
    clock.advance(3.5)
    screen.tick()
    assert len(reach.ops("say")) == said  # muted: no line
    assert reach.ops("announce")[-1][1] == screen.voice.lines.step(screen.state.segment)  # type: ignore[union-attr]
    by_key(screen.view, "mute").on_click(None)
    assert screen.cues.sound_on


def test_switching_sides_is_announced() -> None:
    screen, clock, _ = screen_for("psoas-release-3")
    screen.start()
    panel = screen.panel
    assert panel is not None and screen.state is not None
    timeline = screen.state.timeline
    switch = next(seg for seg in timeline.segments if seg.switches_side)
    clock.advance(switch.start + 0.5)
    screen.tick()
    assert panel.side_note.visible
    assert switch.side_text is not None
    assert panel.side_note.value == f"Now the {switch.side} side: {switch.side_text}"
    if switch.is_work:  # a change of side without a switch: the counter says the side
        assert switch.side_text in panel.counter.value.lower()
    else:  # a switch: its own words, and the next line says what comes
        assert panel.instruction.value == switch.instruction
    clock.advance(switch.duration)
    screen.tick()
    assert not panel.side_note.visible


def test_the_player_shows_each_step_s_figure_and_pauses_it_with_the_lesson() -> None:
    screen, clock, _ = screen_for("psoas-release-3")
    screen.start()
    figure = screen.figure
    assert figure is not None and figure.spec is not None  # get-ready: the first pose
    first_src = figure.lottie.src
    assert isinstance(first_src, bytes) and first_src
    assert figure.control.label and figure.lottie.animate
    screen.toggle()  # pause: the figure stands still
    assert figure.lottie.animate is False
    screen.toggle()
    assert figure.lottie.animate is True
    clock.advance(3.5)  # into the first step: a new figure, from its start
    screen.tick()
    assert figure.lottie.src != first_src
    state = screen.state
    assert state is not None
    sided = next(s for s in state.timeline.segments if s.side is not None and s.is_work)
    assert sided.side_text is not None
    clock.advance(sided.start - 3.5 + 0.1)
    screen.tick()
    assert figure.control.label.endswith(sided.side_text)
