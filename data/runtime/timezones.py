"""The person's time zone: one place that turns IANA names into zones and finds the machine's.

Every Micro Pause is recorded under its local date in a named IANA zone, nudges follow the
working hours of that zone, and the greeting its hour: all of them look zones up here, so a
bad name from a browser or a file is refused (or replaced by UTC) the same way everywhere.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_ZONEINFO_PART = re.compile(r"zoneinfo/(.+)$")


@lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name, cached: loading 100,000 records must not re-read tzdata.

    Raises ValueError for a name that is not a known IANA zone (paths are never names).
    """
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        raise ValueError(f"'{name}' is not an IANA time zone name")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ValueError(f"'{name}' is not a known IANA time zone (e.g. 'Europe/Berlin')") from exc


def known_zone_name(value: object) -> str | None:
    """``value`` when it is a known IANA zone name (as a browser or a file sends it), else None."""
    if not isinstance(value, str):
        return None
    try:
        zone(value)
    except ValueError:
        return None
    return value


def zone_or_utc(name: str | None) -> tzinfo:
    """The named zone, or UTC when the name is missing or unknown to this machine."""
    known = known_zone_name(name)
    return zone(known) if known else UTC


def local_time(instant: datetime, name: str | None) -> datetime:
    """``instant`` on the clocks of zone ``name`` (UTC when the name is unknown)."""
    return instant.astimezone(zone_or_utc(name))


def system_timezone_name(
    environ: Mapping[str, str] | None = None, localtime: Path | None = None
) -> str:
    """The machine's IANA zone: ``TZ``, then the /etc/localtime link, else "UTC".

    Only names ZoneInfo accepts are returned, so whatever this gives can be recorded.
    """
    env = os.environ if environ is None else environ
    candidates: list[str] = []
    raw = env.get("TZ", "").strip().removeprefix(":")
    if raw:
        candidates.append(raw)
    link = localtime or Path("/etc/localtime")
    try:
        match = _ZONEINFO_PART.search(str(link.resolve()))
        if match:
            candidates.append(match.group(1))
    except OSError:
        pass
    return next((name for name in candidates if known_zone_name(name)), "UTC")


def person_timezone(*reported: object) -> str:
    """The first known zone name among what the person's device reported, else the machine's."""
    return next((name for value in reported if (name := known_zone_name(value))), None) or (
        system_timezone_name()
    )
