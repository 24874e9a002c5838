"""The edges of the machine: clocks, time zones, durable file writes, data folders and device
keys, the browser's storage (Pyodide), running blocking work off the event loop, the words
the app and its page script say to each other (``page_bridge``), and the desktop's voice and
notifications (``os_voice``, ``os_notify``: optional libraries, imported only when used).

The bottom room: it imports only ``data.wording``, the standard library and pydantic (for what
the page reports), so every other room can lean on it and tests can replace each piece (a
fake clock, a temporary folder).
"""
