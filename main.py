"""Micro Pause: the composition root.

Builds the services once (catalogue, clock, stores), hands them to the views, and routes
URLs to screens. ``python main.py`` serves the web app; ``--desktop`` opens a window; the
subcommands (``check-content``, ``log``, ``stats``, ``settings``, ``export``, ``import``,
``build-pwa``)
work on the same data without a UI.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from data.content.catalogue import BUNDLED_CONTENT_DIR, load_catalogue
from data.runtime.clock import SystemClock, time_scale_from_env
from data.usecases.services import Services

if TYPE_CHECKING:
    import flet as ft

    from data.usecases.practice import Practice

ROOT = Path(__file__).resolve().parent
ASSETS_DIR = ROOT / "assets"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550

log = logging.getLogger("micropause")


def build_services(content_dir: Path = BUNDLED_CONTENT_DIR) -> Services:
    """The catalogue, the clock, the time scale and the data folder, once per process."""
    from data.runtime.folders import resolve_data_dir

    catalogue = load_catalogue(content_dir)
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

    settings = sub.add_parser(
        "settings", help="print every setting, or set one: settings rest_days sat,sun"
    )
    settings.add_argument("key", nargs="?", help="a setting's name, e.g. rest_days")
    settings.add_argument("value", nargs="?", help="its new value, e.g. sat,sun or none")

    export = sub.add_parser("export", help="print the whole log")
    export.add_argument("--format", choices=["json", "csv"], default="json")

    imp = sub.add_parser("import", help="merge a JSON export into the log")
    imp.add_argument("file", type=Path)

    pwa = sub.add_parser("build-pwa", help="build the static offline web app")
    pwa.add_argument("--out", type=Path, default=ROOT / "dist")
    return parser


def check_content(folder: Path) -> int:
    """Validate a content folder, then run the content checks; one line per problem."""
    from data.content.checks import content_problems
    from data.figures.checks import figure_problems
    from data.wording import count

    catalogue = load_catalogue(folder)
    problems = [*catalogue.skipped, *content_problems(catalogue), *figure_problems(catalogue)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{count(len(problems), 'problem')} found.")
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

    from data.cli import commands
    from data.practice_log.store import StoreVersionError
    from data.runtime.timezones import system_timezone_name
    from data.usecases.practice import NotSavedError, Practice

    services = build_services()
    try:
        store = services.stores().for_profile(args.profile)
        if store.notice:
            print(store.notice, file=sys.stderr)
        practice = Practice(services.catalogue, store, services.clock, system_timezone_name())
        return _dispatch(args, practice)
    except (StoreVersionError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 1
    except (NotSavedError, OSError) as exc:  # a full disk, a read-only folder: no traceback
        print(commands.storage_failure(exc, services.data_dir), file=sys.stderr)
        return 1


def _dispatch(args: argparse.Namespace, practice: Practice) -> int:
    from data.cli import commands

    out, err = sys.stdout, sys.stderr
    if args.command == "log":
        return commands.log_command(practice, args.lesson_id, args.at, out, err)
    if args.command == "stats":
        return commands.stats_command(practice, args.json, out)
    if args.command == "settings":
        from data.cli.settings_command import settings_command

        return settings_command(practice, args.key, args.value, out, err)
    if args.command == "export":
        return commands.export_command(practice, args.format, out)
    if args.command == "import":
        return commands.import_command(practice, args.file, out, err)
    raise AssertionError(args.command)


def make_app(
    services: Services, *, web: bool, profile: str
) -> Callable[[ft.Page], Awaitable[None]]:
    """The per-session entry point Flet calls for every browser tab or window."""
    from views.app import start_session

    async def app(page: ft.Page) -> None:
        await start_session(page, services, web=web, profile=profile)

    return app


def serve(args: argparse.Namespace) -> int:
    import flet as ft

    from data.runtime.browser import is_browser_runtime

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
    if is_browser_runtime():  # the static PWA: Flet connects the page to Python in-process
        ft.run(make_app(services, web=True, profile=args.profile), view=ft.AppView.WEB_BROWSER)
        return 0
    import uvicorn

    app = asgi_app(services)
    print(f"Micro Pause is at http://{args.host}:{args.port}", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, **UVICORN_OPTIONS)  # type: ignore[arg-type]
    return 0


UVICORN_OPTIONS: dict[str, object] = {
    "ws": "websockets-sansio",  # as flet-web runs uvicorn itself
    "log_level": "warning",
    "timeout_graceful_shutdown": 5,  # open websockets must not hold up a restart for long
}
SESSION_TIMEOUT_S = 600
"""How long a disconnected browser's session waits for it to reconnect (FLET_SESSION_TIMEOUT)."""


def asgi_app(services: Services | None = None) -> Callable[..., Awaitable[None]]:
    """The served web app as an ASGI app, for ``python main.py`` and for production:
    ``uvicorn --factory main:asgi_app --host 0.0.0.0 --port 8550`` (see docs/deploy.md).

    Offline (the client, CanvasKit and fonts from the local flet-web), with flet-web's client
    patched and precompressed in the background (``pwa.served``); ``FLET_WEB_PATH`` names
    another client folder to serve as it is."""
    from pwa.served import build_app

    services = services or build_services()
    timeout = int(os.environ.get("FLET_SESSION_TIMEOUT") or SESSION_TIMEOUT_S)
    given = os.environ.get("FLET_WEB_PATH")
    return build_app(
        make_app(services, web=True, profile="default"),
        assets_dir=ASSETS_DIR,
        session_timeout_s=timeout,
        client=Path(given) if given else None,
    )


def _has_display() -> bool:
    """A desktop window needs a screen: on Linux that is an X11 or Wayland display."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def page_url() -> str | None:
    """The address of the page the static PWA runs in (Flet's worker module knows it), or None
    outside the browser."""
    from data.runtime.browser import is_browser_runtime

    if not is_browser_runtime():
        return None
    try:
        import flet_js  # type: ignore[import-not-found]  # registered by flet's worker
    except ImportError:
        return None
    url = getattr(flet_js, "documentUrl", None)
    return str(url) if url else None


def apply_url_env() -> dict[str, str]:
    """Copy the page's allowed query settings into ``os.environ``; a no-op on the desktop.

    In the browser there is no shell to set ``MICROPAUSE_TIME_SCALE``; the page address is
    the one input a person or a test controls, so ``/?MICROPAUSE_TIME_SCALE=30`` does it.
    """
    from data.runtime.browser import url_env

    found = url_env(page_url())
    os.environ.update(found)
    return found


def main(argv: list[str] | None = None) -> int:
    apply_url_env()  # the static PWA takes settings from its URL, not env
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("flet", "flet_web"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
