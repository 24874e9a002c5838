"""What the log adds up to: which day a pause counts for and which days are rest days
(``practice_days``), streaks and totals (``streaks``), what the check-ins say helps
(``checkins``), and progress through the programs with the lesson to continue (``programs``).

Pure functions of the log; imports ``data.practice_log``, ``data.content``, ``data.runtime``.
"""
