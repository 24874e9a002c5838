"""What every end-to-end module shares: a skip where Chromium is missing, one browser a module.

Each module still says ``pytestmark = pytest.mark.e2e`` itself, so ``-m "not e2e"`` reads
the same in every file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import CHROMIUM, chromium


@pytest.fixture(autouse=True)
def needs_chromium() -> None:
    """The e2e tests drive Debian's Chromium and never download a browser."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per module (a module opens its own contexts and pages)."""
    with chromium() as browser:
        yield browser
