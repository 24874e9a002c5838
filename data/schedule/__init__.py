"""When to nudge a person to pause (``nudges``: pure functions of time and settings) and which
lesson a nudge offers (``suggest``), and whether a nudge also becomes a system notification
(``alerts``).

Imports ``data.practice_log`` (settings), ``data.content`` and ``data.runtime``; never the
progress or player rooms, which sit beside it.
"""
