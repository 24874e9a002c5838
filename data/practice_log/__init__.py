"""What a person keeps: each finished or stopped pause (``completion``), their settings, and the
store that holds both with the nudge counts.

Where a finished pause is written: ``store.LogStore`` is the interface; ``tinydb_store`` the
files (journal and year files, ``log_file``; TinyDB's main file, ``tinydb_files``); opening
unreadable, newer or old files is ``recovery``; ``memory_store`` the in-memory twin; ``profiles``
opens one store per browser or local profile; ``backup`` exports and imports.

Imports ``data.content`` (ids), ``data.runtime`` (time zones, durable writes, folders) and the
bottom modules.
"""
