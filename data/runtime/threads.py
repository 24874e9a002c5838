"""Running blocking work (disk writes) off the event loop.

In web mode one event loop serves every visitor: a slow fsync for one person must not freeze
everyone else's timer, so store calls go to a worker thread. Pyodide (the static web build)
has a single thread; there the call runs directly.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


async def run_blocking(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` in a worker thread, or inline where threads do not exist."""
    if sys.platform == "emscripten":
        return fn(*args, **kwargs)
    return await asyncio.to_thread(fn, *args, **kwargs)
