"""When to nudge a person to pause (``nudges``: pure functions of time and settings) and which
lesson a nudge offers (``suggest``).

Imports ``data.practice_log`` (settings), ``data.content`` and ``data.runtime``; never the
progress or player rooms, which sit beside it.
"""
