"""Micro Pause: the composition root.

Builds the services once (catalogue, clock, stores), hands them to the views, and routes
URLs to screens. ``python main.py`` serves the web app; ``--desktop`` opens a window; the
subcommands (``check-content``, ``log``, ``stats``, ``export``, ``import``, ``build-pwa``)
work on the same data without a UI.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from data.catalogue import BUNDLED_CONTENT_DIR, Catalogue, load_catalogue
from data.clock import Clock, SystemClock, time_scale_from_env

ROOT = Path(__file__).resolve().parent
ASSETS_DIR = ROOT / "assets"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550

log = logging.getLogger("micropause")


@dataclass
class Services:
    """Everything shared by all sessions of one process; built once, read-only after."""

    catalogue: Catalogue
    clock: Clock
    time_scale: float
    data_dir: Path


def build_services(content_dir: Path = BUNDLED_CONTENT_DIR) -> Services:
    from data.catalogue_cache import load_catalogue_fast
    from data.profiles import resolve_data_dir

    catalogue = load_catalogue_fast(content_dir)  # the PWA's pre-validated copy, if it has one
    for problem in catalogue.skipped:
        log.warning("content skipped: %s", problem)
    return Services(
        catalogue=catalogue,
        clock=SystemClock(),
        time_scale=time_scale_from_env(),
        data_dir=resolve_data_dir(),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Micro Pause: short guided body practices for people who sit too much.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to serve on")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port to serve on")
    parser.add_argument("--desktop", action="store_true", help="open in a desktop window")
    parser.add_argument("--profile", default="default", help="local profile (desktop, CLI)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check-content", help="validate a content folder")
    check.add_argument("dir", nargs="?", type=Path, default=BUNDLED_CONTENT_DIR)

    log_cmd = sub.add_parser("log", help="record a Micro Pause done away from the app")
    log_cmd.add_argument("lesson_id")
    log_cmd.add_argument("--at", help="when it ended, ISO-8601 with offset")

    stats = sub.add_parser("stats", help="print streaks and totals")
    stats.add_argument("--json", action="store_true", help="one JSON object")

    export = sub.add_parser("export", help="print the whole log")
    export.add_argument("--format", choices=["json", "csv"], default="json")

    imp = sub.add_parser("import", help="merge a JSON export into the log")
    imp.add_argument("file", type=Path)

    pwa = sub.add_parser("build-pwa", help="build the static offline web app")
    pwa.add_argument("--out", type=Path, default=ROOT / "dist")
    return parser


def check_content(folder: Path) -> int:
    catalogue = load_catalogue(folder)
    if catalogue.skipped:
        for problem in catalogue.skipped:
            print(problem)
        return 1
    print(f"OK: {catalogue.summary()}")
    return 0


def run_command(args: argparse.Namespace) -> int:
    """The subcommands: same store and catalogue as the app, no UI."""
    if args.command == "check-content":
        return check_content(args.dir)
    if args.command == "build-pwa":
        from pwa.build import PwaBuildError, build_pwa

        try:
            build_pwa(ROOT, args.out)
        except PwaBuildError as exc:
            print(f"build-pwa failed: {exc}", file=sys.stderr)
            return 1
        return 0

    from data import commands
    from data.completion import system_timezone_name
    from data.profiles import ProfileStores
    from data.store import StoreVersionError

    services = build_services()
    try:
        store = ProfileStores(services.data_dir).for_profile(args.profile)
    except (StoreVersionError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 1
    if store.notice:
        print(store.notice, file=sys.stderr)
    tz = system_timezone_name()
    out, err = sys.stdout, sys.stderr
    if args.command == "log":
        return commands.log_command(
            store, services.catalogue, services.clock, args.lesson_id, args.at, tz, out, err
        )
    if args.command == "stats":
        return commands.stats_command(store, services.clock, tz, args.json, out)
    if args.command == "export":
        return commands.export_command(store, args.format, out)
    if args.command == "import":
        return commands.import_command(store, args.file, out, err)
    raise AssertionError(args.command)


def make_app(services: Services, *, web: bool, profile: str) -> Callable[..., Awaitable[None]]:
    """The per-session entry point Flet calls for every browser tab or window."""
    from views.app import start_session

    async def app(page: object) -> None:
        await start_session(page, services, web=web, profile=profile)

    return app


def serve(args: argparse.Namespace) -> int:
    import flet as ft

    from data.browser_storage import is_browser_runtime

    services = build_services()
    if args.desktop and not _has_display():
        print("No display for a desktop window here; serving the web app instead.", flush=True)
    elif args.desktop:
        try:
            ft.run(
                make_app(services, web=False, profile=args.profile),
                view=ft.AppView.FLET_APP,
                assets_dir=str(ASSETS_DIR),
            )
        except OSError as exc:  # URLError included: the client is fetched on first use
            print(
                "The desktop window needs Flet's desktop client, which is downloaded once on "
                f"first use, and that failed ({exc}). Run `python main.py` and open "
                f"http://{DEFAULT_HOST}:{DEFAULT_PORT} in a browser instead.",
                file=sys.stderr,
            )
            return 1
        return 0
    os.environ["FLET_FORCE_WEB_SERVER"] = "true"
    os.environ["FLET_WEB_NO_CDN"] = "true"
    os.environ.setdefault("FLET_SESSION_TIMEOUT", "600")
    if not is_browser_runtime() and "FLET_WEB_PATH" not in os.environ:
        os.environ["FLET_WEB_PATH"] = str(_local_web_client())
    if not is_browser_runtime():  # the static PWA has no address: it is the page itself
        print(f"Micro Pause is at http://{args.host}:{args.port}", flush=True)
    ft.run(
        make_app(services, web=True, profile=args.profile),
        view=ft.AppView.WEB_BROWSER,
        host=args.host,
        port=args.port,
        assets_dir=str(ASSETS_DIR),
        no_cdn=True,
    )
    return 0


def _local_web_client() -> Path:
    """flet-web's client without its start-up call to a CDN (see ``pwa.web_client``)."""
    import atexit
    import shutil
    import tempfile

    import flet_web  # type: ignore[import-untyped]

    from pwa.web_client import prepare_web_client

    folder = Path(tempfile.mkdtemp(prefix="micropause-web-client-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return prepare_web_client(Path(flet_web.get_package_web_dir()), folder)


def _has_display() -> bool:
    """A desktop window needs a screen: on Linux that is an X11 or Wayland display."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    from data import browser_storage

    browser_storage.apply_url_env()  # the static PWA takes settings from its URL, not env
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("flet").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
