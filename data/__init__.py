"""Micro Pause's core, without any UI: it never imports Flet, and ``lint-imports`` checks it.

The rooms, from the bottom up (a room may import the rooms below it, never those above):

- ``wording``, ``validation``: how numbers, plurals and lengths are said; how a pydantic error
  becomes a message that names what is wrong and where.
- ``runtime``: the edges of the machine the app runs on: clocks, time zones, durable file
  writes, data folders and device keys, the browser's storage, worker threads.
- ``content``: the content model, the catalogue loader and the bundled programs (JSON).
- ``practice_log``: what a person keeps: each finished pause (``Completion``), their settings,
  the store interface and its two implementations (memory and TinyDB files), backups.
- ``player``, ``progress``, ``schedule``: the pure logic, each on its own: a lesson's timeline
  and the player's state machine; streaks and progress through the programs; when to nudge
  and which lesson to offer.
- ``usecases``: what the screens call: record a lesson, one overview of the log per render,
  the nudge schedule of one session, the app's addresses.
- ``cli``: the command-line actions, on top of the use cases.
"""
