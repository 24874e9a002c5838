"""What the screens call: record a finished or stopped lesson, one overview of the log per
render, one session's nudge schedule, and the app's addresses (``routes``).

The top of ``data`` below the CLI: it may import every room; views import it and draw.
"""
