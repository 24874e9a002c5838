// Build steps, run by Node with the build's own Pyodide (two runs, each from a fresh start):
//
//   node make_snapshot.mjs PYODIDE_DIR compile APP_DIR
//     compiles every module of the staged app folder to byte-code in its __pycache__
//     (unchecked-hash .pyc: no time stamps), since compiling in the browser is slow;
//   node make_snapshot.mjs PYODIDE_DIR snapshot APP_ARCHIVE OUT_FILE IMPORTS_JSON
//     unpacks the app archive where the browser's worker does, imports the modules the app
//     starts with and saves Pyodide's memory snapshot: the browser restores it instead of
//     initialising Python and importing those modules on every start.
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
importlib.invalidate_caches()  # the clock is fixed: directory mtimes cannot tell
for _name in json.loads(snapshot_imports):
    importlib.import_module(_name)
del _name
# A compiled extension is a separate wasm module whose code and memory a snapshot does not
# carry: restoring one that had it loaded crashes at the first call into it.
_compiled = sorted(
    name for name, module in sys.modules.items()
    if str(getattr(module, "__file__", None) or "").endswith(".so")
)
if _compiled:
    raise ImportError(
        "these snapshot imports load compiled extensions, which a Pyodide snapshot cannot "
        "hold: " + ", ".join(_compiled)
    )
del _compiled
importlib.invalidate_caches()
print(f"snapshot: {len(sys.modules)} modules imported")
`;

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
    pyodide.globals.set("snapshot_imports", importsJson);
    pyodide.runPython(PREPARE);
    pyodide.globals.delete("snapshot_imports");
    const snapshot = pyodide.makeMemorySnapshot();
    fs.writeFileSync(outFile, snapshot);
    console.log(`snapshot: ${snapshot.length} bytes`);
  }
} catch (error) {
  // Errors from inside Pyodide would print its whole minified source: only the message.
  console.error(`make_snapshot: ${error && error.message ? error.message : error}`);
  process.exit(1);
}
