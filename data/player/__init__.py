"""Playing a lesson: its timeline (every repetition, side and rest laid flat) and the player's
pure state machine over it, driven by monotonic clock readings, and the speech plan (what the
voice says at each step, side change, rest and finish, from the state machine's events).

Imports only ``data.content``: the player knows nothing of the log or the screen.
"""
