// Micro Pause's Python worker, in place of flet-web's python-worker.js (same messages, see
// python.js). What it does differently, for a faster start:
//  - the app archive is fetched at once, while Pyodide itself loads, not after;
//  - the archive holds everything (no requirements, no micropip), so nothing else is fetched.
// Console lines "python_module_name:" and "Adding __pypackages__" mark the phases the
// benchmark reports, as flet-web's worker prints them.
"use strict";

const flet_js = {};  // the `flet_js` module Python sees
self.flet_js = flet_js;
let userAppRunning = false;
let initialized = false;

flet_js.userAppStarting = () => { userAppRunning = true; };

function sendPythonOutput(text, isStderr) {
  if (!userAppRunning || !flet_js.send_python_output) {
    (isStderr ? console.error : console.log)(text);
    return;
  }
  // Pyodide calls the output hooks with the GIL released: call back into Python later.
  queueMicrotask(() => flet_js.send_python_output(text, isStderr));
}

function receiveCallback(message) {
  const bytes = message.toJs();  // a fresh Uint8Array: safe to transfer
  self.postMessage(bytes, [bytes.buffer]);
}
flet_js.receive_callback = receiveCallback;

// The bytes of `response`, un-gzipped (natively) when they are still gzip: a host that
// serves .gz files with "Content-Encoding: gzip" has the browser un-gzip them already.
async function gunzipped(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Downloads the app archive or the snapshot, shipped uncompressed with .br and .gz copies
// beside it. A host that compresses (Content-Encoding) sends the best the browser takes; from
// one that sends files as they are, the .gz copy is a quarter of the size. Offline, from the
// service worker's cache, whichever of the two it holds answers.
async function fetchPayload(url, what) {
  const plain = await fetch(url).catch(() => null);
  if (plain && plain.ok && plain.headers.get("content-encoding")) return gunzipped(plain);
  if (plain && plain.body) plain.body.cancel().catch(() => {});  // not a byte more of it
  const packed = await fetch(url + ".gz").catch(() => null);
  if (packed && packed.ok) return gunzipped(packed);
  const again = await fetch(url).catch(() => null);  // offline: the cache holds the file itself
  if (again && again.ok) return gunzipped(again);
  const status = plain ? `HTTP ${plain.status}` : "no network";
  throw new Error(`Failed to download ${what}: ${status} ${url}`);
}

// Writes the files of a tar archive (the build's app.tar.gz: plain files, GNU long names)
// into Pyodide's file system under `root`. In JS because Python's tarfile, in wasm, took
// over a second for the ~1,100 files.
// With no FS, only lists the files: onFile(name, data) for each.
function untar(FS, tar, root, onFile) {
  const decoder = new TextDecoder();
  const text = (start, length) => {
    const bytes = tar.subarray(start, start + length);
    const end = bytes.indexOf(0);
    return decoder.decode(end < 0 ? bytes : bytes.subarray(0, end));
  };
  let offset = 0;
  let longName = null;
  const made = new Set();
  while (offset + 512 <= tar.length && tar[offset] !== 0) {
    const size = parseInt(text(offset + 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(tar[offset + 156] || 48);
    const data = tar.subarray(offset + 512, offset + 512 + size);
    let name = longName ?? text(offset, 100);
    if (longName === null && text(offset + 257, 6) === "ustar" && tar[offset + 345] !== 0) {
      name = text(offset + 345, 155) + "/" + name;  // POSIX ustar prefix
    }
    longName = null;
    if (type === "L") {
      longName = decoder.decode(data).replace(/\0+$/, "");
    } else if (!FS) {
      if (type === "0" || type === "7") onFile(name, data);
    } else if (type === "0" || type === "7") {
      const path = `${root}/${name}`;
      const dir = path.slice(0, path.lastIndexOf("/"));
      if (!made.has(dir)) { FS.mkdirTree(dir); made.add(dir); }
      FS.writeFile(path, data);
    } else if (type === "5") {
      FS.mkdirTree(`${root}/${name}`);
    } else {
      throw new Error(`app archive: unsupported member type '${type}' for ${name}`);
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
}

// The archive's compiled extensions (pydantic-core: 4.7 MB of wasm), compiled off-thread
// while Pyodide loads instead of synchronously at their Python import.
function compileExtensions(tar) {
  const found = [];
  untar(null, tar, "", (name, data) => {
    if (name.endsWith(".so")) found.push([name, WebAssembly.compile(data)]);
  });
  for (const [, compiled] of found) compiled.catch(() => {});  // the import loads it then
  return found;
}

// Hands each compiled extension to Pyodide's loader as it does for the ones it preloads
// (Emscripten's preloadedWasm): the Python import then only links it. Any failure leaves
// the import to load the file itself, as without this. Skips those a snapshot had linked.
async function preloadExtensions(pyodide, extensions, root, linked) {
  const module = pyodide._module;
  if (!module || typeof module.loadWebAssemblyModule !== "function" || !module.preloadedWasm) {
    return;
  }
  for (const [name, compiled] of extensions) {
    const path = `${root}/${name}`;
    if (linked.has(path)) continue;
    try {
      const flags = { loadAsync: true, nodelete: true };
      module.preloadedWasm[path] = await module.loadWebAssemblyModule(
        await compiled, flags, path, {});
    } catch (error) {
      console.warn(`preloading ${name} failed, Python loads it at import:`, error);
    }
  }
}

// A snapshot whose compiled extensions cannot be linked back: start() then starts Python
// without it (slower, not broken).
class RelinkError extends Error {}

// What relinkLibraries uses of Emscripten's dynamic linker: the build writes pwa/pins.py's
// LINKER_PARTS here (pwa/bundle.py), so the list exists once.
const LINKER_PARTS = __LINKER_PARTS__;

// Links the compiled extensions a restored snapshot had loaded (see pwa/snapshot.py) back at
// the memory base and function-table slots they had when the snapshot was made, as
// Emscripten's loadWebAssemblyModule does, except that nothing is allocated and neither the
// data relocations nor the initialisers run again: the snapshot's memory already holds their
// results, and the library's own data, which instantiating rewrites, is put back as it was.
// Must run before any Python code; the snapshot froze its objects for the collector.
// Throws RelinkError, before touching anything, when the places cannot be reproduced; and
// once the function table has grown, any failure (a check, the linker, instantiating) is a
// RelinkError too: this Pyodide is then left half linked, and start() boots a fresh one.
async function relinkLibraries(pyodide, extensions, links, root) {
  const module = pyodide._module;
  const missing = LINKER_PARTS.filter((name) => !module || module[name] === undefined);
  if (missing.length) throw new RelinkError(`this Pyodide lacks ${missing.join(", ")}`);
  const table = module.wasmTable;
  const compiled = new Map(extensions.map(([name, promise]) => [`${root}/${name}`, promise]));
  const libraries = links.libraries || [];
  if (libraries.length === 0) return new Set();
  const first = libraries[0];
  if (table.length > first.tableBase) {
    throw new RelinkError(`function table already at ${table.length}, past ${first.tableBase}`);
  }
  const modules = [];
  for (const lib of libraries) {
    if (!compiled.has(lib.path)) throw new RelinkError(`${lib.path} is not in the app archive`);
    const wasm = await compiled.get(lib.path);
    const metadata = module.getDylinkMetadata(wasm);
    if (metadata.memorySize !== lib.memorySize || metadata.tableSize !== lib.tableSize) {
      throw new RelinkError(`${lib.path} differs from the one in the snapshot`);
    }
    modules.push([lib, wasm, metadata]);
  }
  try {
    if (table.length < first.tableBase) table.grow(first.tableBase - table.length);
    await linkAtTheirPlaces(module, table, modules);
  } catch (error) {
    if (error instanceof RelinkError) throw error;
    throw new RelinkError(`relinking failed: ${error && error.message ? error.message : error}`);
  }
  if (links.tableEnd !== undefined && table.length !== links.tableEnd) {
    throw new RelinkError(
      `relinked extensions left the table at ${table.length}, not ${links.tableEnd}`);
  }
  return new Set(libraries.map((lib) => lib.path));
}

// relinkLibraries' second half: each checked library instantiated at its recorded places.
async function linkAtTheirPlaces(module, table, modules) {
  const mainSymbols = module.LDSO.loadedLibsByName.__main__.exports;
  for (const [lib, wasm, metadata] of modules) {
    if (table.length !== lib.tableBase) {
      throw new RelinkError(
        `relinking ${lib.path}: table at ${table.length}, not ${lib.tableBase}`);
    }
    table.grow(lib.tableSize);
    let exports;
    const stubs = {};
    const env = new Proxy(stubs, {
      get(target, symbol) {
        if (symbol === "__memory_base") return lib.memoryBase;
        if (symbol === "__table_base") return lib.tableBase;
        const own = mainSymbols[symbol];
        if (own && !own.stub) return own;
        if (!(symbol in target)) {
          let resolved;
          target[symbol] = (...args) => {
            resolved ||= module.resolveGlobalSymbol(symbol).sym || exports[symbol];
            if (!resolved) throw new Error(`Dynamic linking error: cannot resolve ${symbol}`);
            return resolved(...args);
          };
        }
        return target[symbol];
      },
    });
    const got = new Proxy(metadata.weakImports, module.GOTHandler);
    const data = module.HEAPU8.slice(lib.memoryBase, lib.memoryBase + lib.memorySize);
    const instance = await WebAssembly.instantiate(wasm, {
      env, wasi_snapshot_preview1: env, "GOT.mem": got, "GOT.func": got,
    });
    module.HEAPU8.set(data, lib.memoryBase);
    module.updateTableMap(lib.tableBase, lib.tableSize);
    exports = module.relocateExports(instance.exports, lib.memoryBase);
    module.updateGOT(exports);
    module.reportUndefinedSymbols();
    const dso = { refcount: Infinity, name: lib.path, exports, global: false };
    module.LDSO.loadedLibsByName[lib.path] = dso;
    module.LDSO.loadedLibsByHandle[lib.handle] = dso;
  }
}

const BOOT = `
import importlib, os, runpy, sys
import flet_js

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # none used; the search is slow

if "__pypackages__" not in sys.path:
    sys.path.insert(0, "__pypackages__")
# After a snapshot restore: the files are new, and the snapshot's random state is the same
# on every phone, so draw a fresh seed (secrets and os.urandom never had state).
importlib.invalidate_caches()
if "random" in sys.modules:
    sys.modules["random"].seed()
import msgpack as _msgpack

def _send_python_output(text, is_stderr):
    # Framed as PyodideConnection.send_message: type byte 0, then msgpack [action, body].
    flet_js.receive_callback(
        bytes([0]) + _msgpack.packb([7, {"text": text, "is_stderr": bool(is_stderr)}])
    )

flet_js.send_python_output = _send_python_output
flet_js.userAppStarting()
try:
    runpy.run_module(python_module_name, run_name="__main__")
except SystemExit as _exit:
    if _exit.code not in (None, 0):
        raise
`;

// Pyodide restores a snapshot into the memory its wasm module starts with, which is smaller
// than the memory of a snapshot taken after imports: grow it right after instantiation,
// before Pyodide's JS takes its views of it. Undone once Pyodide is loaded.
function growMemoryForSnapshot(snapshot) {
  const originals = {
    instantiate: WebAssembly.instantiate,
    instantiateStreaming: WebAssembly.instantiateStreaming,
  };
  async function grow(result) {
    const memory = result && result.instance && result.instance.exports.memory;
    if (memory) {
      const bytes = await snapshot;
      const header = new Uint32Array(bytes.buffer, bytes.byteOffset, 2)[1];
      const pages = Math.ceil((bytes.byteLength - header) / 65536);
      const current = memory.buffer.byteLength / 65536;
      if (pages > current) memory.grow(pages - current);
    }
    return result;
  }
  WebAssembly.instantiate = async (...args) => grow(await originals.instantiate(...args));
  WebAssembly.instantiateStreaming = async (...args) =>
    grow(await originals.instantiateStreaming(...args));
  return () => Object.assign(WebAssembly, originals);
}

// Loads Pyodide, restored from `snapshot` (a promise of its bytes) when there is one, with
// the standard library from `stdLibURL` (the payload the worker fetched, as a blob URL).
async function bootPython(loadPyodide, snapshot, stdLibURL) {
  const restore = snapshot ? growMemoryForSnapshot(snapshot) : () => {};
  try {
    return await loadPyodide({
      stdLibURL,
      stdout: (text) => sendPythonOutput(text, false),
      stderr: (text) => sendPythonOutput(text, true),
      _loadSnapshot: snapshot,
    });
  } finally {
    restore();
  }
}

async function start(config) {
  // Every download starts now; none waits for another.
  if (!/\.(tar|tar\.gz|tgz)$/.test(new URL(config.appPackageUrl, self.location.href).pathname)) {
    throw new Error(`Unsupported app package URL: ${config.appPackageUrl} (expected .tar)`);
  }
  const archive = fetchPayload(config.appPackageUrl, "app package");
  archive.catch(() => {});  // reported below, when awaited
  const extensions = archive.then(compileExtensions);
  extensions.catch(() => {});
  // The build's memory snapshot: Pyodide with the app's modules imported.
  const snapshot = config.snapshotUrl
    ? fetchPayload(config.snapshotUrl, "Python snapshot")
    : undefined;
  if (snapshot) snapshot.catch(() => {});
  // Pyodide's standard library, stored uncompressed so that a host's brotli sees across its
  // members (pwa/bundle.py store_stdlib): fetched like the other payloads, handed over whole.
  const pyodideUrl = new URL(config.pyodideUrl, self.location.href);
  const stdlib = fetchPayload(new URL("python_stdlib.zip", pyodideUrl).href, "Python stdlib")
    .then((bytes) => URL.createObjectURL(new Blob([bytes], { type: "application/zip" })));
  stdlib.catch(() => {});
  const { loadPyodide } = await import(config.pyodideUrl);
  const stdLibURL = await stdlib;
  let pyodide = await bootPython(loadPyodide, snapshot, stdLibURL);
  let linked = new Set();
  if (snapshot) {
    try {
      if (!config.snapshotLinks) throw new RelinkError("the page gave no link table");
      linked = await relinkLibraries(
        pyodide, await extensions, config.snapshotLinks, pyodide.FS.cwd());
    } catch (error) {
      if (!(error instanceof RelinkError)) throw error;
      console.warn(`Python snapshot not usable (${error.message}): starting without it`);
      pyodide = await bootPython(loadPyodide, undefined, stdLibURL);
    }
  }
  self.pyodide = pyodide;
  const moduleName = config.pythonModuleName || "main";
  console.log("python_module_name:", moduleName);
  flet_js.args = config.args;
  flet_js.documentUrl = config.documentUrl;
  pyodide.registerJsModule("flet_js", flet_js);
  untar(pyodide.FS, await archive, pyodide.FS.cwd());
  await preloadExtensions(pyodide, await extensions, pyodide.FS.cwd(), linked);
  console.log("Adding __pypackages__ to sys.path");
  pyodide.globals.set("python_module_name", moduleName);
  await pyodide.runPythonAsync(BOOT);
  if (typeof flet_js.start_connection !== "function") {
    self.postMessage(
      "__flet_no_ui__:Script finished without starting a Flet UI.\n" +
      "Add ft.run(main) at the end of your script to display the app."
    );
    return;
  }
  await flet_js.start_connection(receiveCallback);
  console.log("Python app ready");
  self.postMessage("initialized");
}

self.onmessage = async (event) => {
  if (!initialized) {
    initialized = true;
    try {
      await start(event.data);
    } catch (error) {
      self.postMessage(String(error));
    }
  } else if (typeof flet_js.send === "function") {
    flet_js.send(event.data);
  } else {
    console.error("Flet: dropped a message for a Python app that never started.");
  }
};
