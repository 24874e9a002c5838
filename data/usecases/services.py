"""What one process shares between every session: built once by ``main.py``, read-only after.

The catalogue, the clock, the time scale and where logs live. The stores themselves are
opened per person (``stores``), one ``ProfileStores`` per base folder for the whole process,
so two tabs of one browser share one store and its lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from data.content.catalogue import Catalogue
from data.figures.studio import FigureStudio
from data.practice_log.profiles import ProfileStores
from data.runtime.clock import Clock


@dataclass
class Services:
    """The composition root's hand-over to every session (and to the CLI)."""

    catalogue: Catalogue
    clock: Clock
    time_scale: float
    data_dir: Path
    _registries: dict[Path, ProfileStores] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _figures: FigureStudio | None = field(default=None, repr=False)

    @property
    def figures(self) -> FigureStudio:
        """The catalogue's figures, built once for every session of the process."""
        if self._figures is None:
            self._figures = FigureStudio(self.catalogue.poses)
        return self._figures

    def stores(self, base_dir: Path | None = None) -> ProfileStores:
        """The stores under ``base_dir`` (default: ``data_dir``), the same object every time."""
        folder = base_dir or self.data_dir
        with self._lock:
            registry = self._registries.get(folder)
            if registry is None:
                registry = self._registries[folder] = ProfileStores(folder)
            return registry
