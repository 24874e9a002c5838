"""The edges of the machine: clocks, time zones, durable file writes, data folders and device
keys, the browser's storage (Pyodide), and running blocking work off the event loop.

The bottom room: it imports only ``data.wording`` and the standard library, so every other
room can lean on it and tests can replace each piece (a fake clock, a temporary folder).
"""
