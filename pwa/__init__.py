"""The offline PWA: a static build of Micro Pause that runs in the browser with no server.

``build_pwa`` turns the repository into a folder of static files (Flutter client, Pyodide, the
app and its pure-Python dependencies) plus a service worker, so a phone can open it once and
then use it offline. It never touches GitHub or a CDN: everything comes from the installed
``flet-web`` package and from wheels fetched once from the package index and cached.
"""

from pwa.build import PwaBuildError, build_pwa

__all__ = ["PwaBuildError", "build_pwa"]
