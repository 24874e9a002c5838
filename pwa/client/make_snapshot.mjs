// Build steps, run by Node with the build's own Pyodide (two runs, each from a fresh start):
//
//   node make_snapshot.mjs PYODIDE_DIR compile APP_DIR
//     compiles every module of the staged app folder to byte-code in its __pycache__
//     (unchecked-hash .pyc: no time stamps), since compiling in the browser is slow;
//   node make_snapshot.mjs PYODIDE_DIR snapshot APP_ARCHIVE OUT_FILE IMPORTS_JSON
//     unpacks the app archive where the browser's worker does, imports the modules the app
//     starts with and saves Pyodide's memory snapshot: the browser restores it instead of
//     initialising Python and importing those modules on every start. OUT_FILE.json lists
//     the compiled extensions (pydantic-core) those imports loaded, with the memory and
//     function-table places they got: the worker links each back at the same place.
//
// Reproducible: the random bytes and clocks Python sees are fixed, and the snapshot's imports
// run from an in-memory copy (the host folder's inodes and times would differ per build), so
// the same inputs give the same bytes. The worker reseeds `random` after the restore.
import nodeCrypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, mode, ...rest] = process.argv.slice(2);
if (!((mode === "compile" && rest.length === 1) || (mode === "snapshot" && rest.length === 3))) {
  console.error("usage: node make_snapshot.mjs PYODIDE_DIR compile APP_DIR");
  console.error("       node make_snapshot.mjs PYODIDE_DIR snapshot APP_ARCHIVE OUT IMPORTS_JSON");
  process.exit(2);
}

// A fixed xorshift stream instead of the system's random bytes (Emscripten reads them from
// node:crypto), and clocks that do not move.
let state = 0x9e3779b9;
function fill(view) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    state ^= state << 13; state ^= state >>> 17; state ^= state << 5; state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return view;
}
nodeCrypto.randomFillSync = fill;
globalThis.crypto.getRandomValues = fill;
Math.random = () => fill(new Uint32Array(1))[0] / 2 ** 32;
const FIXED_MS = Date.UTC(2020, 0, 1);
Date.now = () => FIXED_MS;
performance.now = () => 0;

const COMPILE = `
import compileall, py_compile
if not compileall.compile_dir(
    "/mnt/app", quiet=1, workers=1,
    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
):
    raise SyntaxError("some modules of the app folder do not compile (see above)")
`;

const PREPARE = `
import importlib, json, os, shutil, sys
shutil.unpack_archive("/tmp/app-archive", os.getcwd(), format="gztar")
os.remove("/tmp/app-archive")
sys.path.insert(0, "__pypackages__")
# The app uses no pydantic plugins; looking for them scans every distribution on sys.path.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
importlib.invalidate_caches()  # the clock is fixed: directory mtimes cannot tell
`;

// After the imports: drop what holds a file of this run open (a restored snapshot has none of
// its file descriptors), and freeze what is left, so the collector never visits the snapshot's
// objects before the worker has linked the compiled extensions back (see relinkLibraries in
// python-worker.js).
const SETTLE = `
import gc, importlib, importlib.metadata
importlib.metadata.FastPath.__new__.cache_clear()
importlib.invalidate_caches()
gc.collect()
gc.freeze()
print(f"snapshot: {len(sys.modules)} modules imported")
`;

// What the worker needs to link a compiled extension loaded here back into a restored
// snapshot at the very place it had (Emscripten writes these into the library's handle).
function libraryRecord(module, handle) {
  const dso = module.LDSO.loadedLibsByHandle[handle];
  const h = Number(handle);
  return {
    path: dso.name,
    handle: h,
    memoryBase: module.HEAPU32[(h + 12) >> 2],
    memorySize: module.HEAP32[(h + 16) >> 2],
    tableBase: module.HEAPU32[(h + 20) >> 2],
    tableSize: module.HEAP32[(h + 24) >> 2],
  };
}

// Empty function-table slots left before the first extension: a browser's Pyodide adds a
// function or two to the table that Node's does not, and the extension's slots must still
// be free there (measured: one, in Chromium).
const TABLE_SLACK = 256;

// Imports each module; returns the compiled extensions that got loaded, in load order, and
// the function table's length after the last one (the worker checks it ends up the same).
function importAll(pyodide, names) {
  const module = pyodide._module;
  module.wasmTable.grow(TABLE_SLACK);
  const libraries = [];
  let tableEnd = module.wasmTable.length;
  for (const name of names) {
    const before = new Set(Object.keys(module.LDSO.loadedLibsByHandle));
    // "module:Name" looks Name up in module, for what a module imports on first access.
    const [moduleName, attribute] = name.split(":");
    pyodide.globals.set("_snapshot_import", moduleName);
    pyodide.globals.set("_snapshot_attribute", attribute || null);
    pyodide.runPython(`
_module = importlib.import_module(_snapshot_import)
if _snapshot_attribute:
    getattr(_module, _snapshot_attribute)
del _module, _snapshot_import, _snapshot_attribute
`);
    const added = Object.keys(module.LDSO.loadedLibsByHandle).filter((h) => !before.has(h));
    if (added.length) {
      libraries.push(...added.map((h) => libraryRecord(module, h)));
      tableEnd = module.wasmTable.length;
    }
  }
  libraries.sort((a, b) => a.tableBase - b.tableBase);
  return { libraries, tableEnd };
}

try {
  const url = pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href;
  const { loadPyodide } = await import(url);
  const pyodide = await loadPyodide({
    indexURL: pyodideDir + path.sep,
    _makeSnapshot: mode === "snapshot",
    stdout: (text) => console.log(text),
    stderr: (text) => console.error(text),
  });
  if (mode === "compile") {
    pyodide.FS.mkdirTree("/mnt/app");
    pyodide.mountNodeFS("/mnt/app", path.resolve(rest[0]));
    pyodide.runPython(COMPILE);
  } else {
    const [archivePath, outFile, importsJson] = rest;
    pyodide.FS.writeFile("/tmp/app-archive", fs.readFileSync(archivePath));
    pyodide.runPython(PREPARE);
    const linked = importAll(pyodide, JSON.parse(importsJson));
    pyodide.runPython(SETTLE);
    const snapshot = pyodide.makeMemorySnapshot();
    fs.writeFileSync(outFile, snapshot);
    fs.writeFileSync(outFile + ".json", JSON.stringify(linked));
    console.log(`snapshot: ${snapshot.length} bytes, ${linked.libraries.length} compiled extensions`);
  }
} catch (error) {
  // Errors from inside Pyodide would print its whole minified source: only the message.
  console.error(`make_snapshot: ${error && error.message ? error.message : error}`);
  process.exit(1);
}
