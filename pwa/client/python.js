// Micro Pause's python.js, in place of flet-web's: the same three functions Flutter calls
// (jsConnect, jsSend, jsDisconnect), but the Python worker is started as soon as the page
// parses this script, so Pyodide loads while Flutter loads, instead of after the first frame.
//
// Protocol with python-worker.js (as flet-web's): the first message configures and starts the
// worker; the worker answers the string "initialized" (or an error text) once the app has
// called ft.run and the connection is ready, then every other message is a protocol frame.
"use strict";

(function () {
  const apps = {};
  const documentUrl = document.URL;

  function workerUrl() {
    const base = flet.entrypointBaseUrl || "/";
    return (base.endsWith("/") ? base.slice(0, -1) : base) + "/python-worker.js";
  }

  function startWorker(args) {
    const app = { queue: [], dartOnMessage: null, error: undefined };
    app.worker = new Worker(workerUrl(), { type: "module" });
    app.ready = new Promise((resolve) => {
      app.worker.onmessage = (event) => {
        if (typeof event.data === "string") {
          if (event.data !== "initialized") app.error = event.data;
          resolve();
        } else if (app.dartOnMessage) {
          app.dartOnMessage(event.data);
        } else {
          app.queue.push(event.data);  // the app spoke before Flutter connected
        }
      };
      app.worker.onerror = (event) => {
        app.error = "Python worker failed to load: " + (event.message || event.type);
        resolve();
      };
    });
    app.worker.postMessage({
      pyodideUrl: flet.pyodideUrl || "./pyodide/pyodide.mjs",
      args: args,
      documentUrl: documentUrl,
      appPackageUrl: flet.appPackageUrl,
      pythonModuleName: flet.pythonModuleName,
      snapshotUrl: flet.pythonSnapshotUrl || null,
      snapshotLinks: flet.pythonSnapshotLinks || null,
    });
    return app;
  }

  function isEmpty(args) {
    return args == null || (typeof args === "object" && Object.keys(args).length === 0);
  }

  // Flutter connects with empty args for a published app; anything else gets its own worker.
  let early = null;
  if (flet.pyodide) {
    console.log("Starting up Python worker (early, in parallel with Flutter)");
    early = startWorker({});
  }

  globalThis.jsConnect = async function (appId, args, dartOnMessage) {
    console.log(`Starting up Python worker: ${appId}`);
    let app;
    if (early !== null && isEmpty(args)) {
      app = early;
    } else {
      if (early !== null) early.worker.terminate();
      app = startWorker(args);
    }
    early = null;
    apps[appId] = app;
    app.dartOnMessage = dartOnMessage;
    for (const data of app.queue.splice(0)) dartOnMessage(data);
    await app.ready;
    if (app.error) {
      console.error("Python worker init error:", app.error);
      await globalThis.jsDisconnect(appId);
      throw app.error;
    }
    console.log(`Python worker initialized: ${appId}`);
    window.dispatchEvent(new Event("micropause-python-ready"));  // index.html: service worker
  };

  // The packet's buffer is transferred: the caller must not use it afterwards.
  globalThis.jsSend = async function (appId, data) {
    const app = apps[appId];
    if (app) app.worker.postMessage(data, [data.buffer]);
  };

  globalThis.jsDisconnect = async function (appId) {
    const app = apps[appId];
    if (!app) return;
    console.log(`Terminating Python worker: ${appId}`);
    delete apps[appId];
    app.worker.terminate();
    app.worker.onmessage = null;
    app.worker.onerror = null;
  };
})();
