"""The catalogue: the content model (``models``), the loader that validates the content folder
and locates every problem (``catalogue``), and the bundled programs (``programs/*.json``).

Imports only ``data.wording`` and ``data.validation``: content knows nothing of the log.
"""
