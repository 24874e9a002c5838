"""The command-line actions (``python main.py log|stats|settings|export|import``), each a
function of its services and streams that returns an exit code. Built on ``data.usecases``.
"""
