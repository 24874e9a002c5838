"""Playing a lesson: its timeline (every repetition, side and rest laid flat) and the player's
pure state machine over it, driven by monotonic clock readings.

Imports only ``data.content``: the player knows nothing of the log or the screen.
"""
