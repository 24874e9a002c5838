"""The desktop window's system notifications, through desktop-notifier.

desktop-notifier (a maintained library over Windows' toasts, macOS' notification centre and
the freedesktop D-Bus service on Linux) is an optional extra (``micropause[desktop]``),
imported on first use and only by the desktop window. Its ``send`` is a coroutine that talks
to the OS without blocking, so it runs on the event loop. Without the library or a
notification service, ``send`` returns False and nudges stay on the banner.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger("micropause.notify")


def _load_desktop_notifier() -> Any:
    return importlib.import_module("desktop_notifier")


class OsNotifier:
    """One app's notifier; the library is loaded on the first ``send``."""

    def __init__(self, load: Callable[[], Any] = _load_desktop_notifier) -> None:
        self._load = load
        self._notifier: Any = None
        self._failed = False

    @property
    def available(self) -> bool:
        """Whether a notification can be tried here (the library loads)."""
        if self._failed:
            return False
        if self._notifier is None:
            try:
                module = self._load()
                self._notifier = module.DesktopNotifier(app_name="Micro Pause")
            except Exception as exc:
                log.info("no desktop notifications here: %s", exc)
                self._failed = True
                return False
        return True

    async def send(self, title: str, body: str, on_click: Callable[[], None]) -> bool:
        """Show one notification; a click calls ``on_click``. Whether it was shown."""
        if not self.available:
            return False
        try:
            await self._notifier.send(title=title, message=body, on_clicked=on_click)
        except Exception as exc:  # no notification service running: the banner is still there
            log.warning("could not show a notification: %s", exc)
            return False
        return True
