// Compiles the site's standard-library zip to bytecode with Pyodide's own Python (the npm
// package, in Node.js, offline), so that the browser unmarshals the modules instead of compiling
// their source: compiling is most of Python's start-up in WebAssembly (measured in Chromium:
// 2.4 s with sources, 1.2 s with bytecode), while unmarshalling takes a few milliseconds.
//
//   node scripts/stdlib_pyc.mjs SOURCE.zip OUT.zip
//
// Every .py of SOURCE.zip becomes a .pyc at the same place (PEP 552 unchecked-hash header: no
// source to compare with), compiled by the very Python that runs it: the magic number always
// matches. Modules Python has frozen into the binary (os, site, codecs, importlib's bootstrap...)
// are never loaded from the zip, so they stay as source there (smaller, never compiled). Column
// positions are left out (PYTHONNODEBUGRANGES, CPython's -X no_debug_ranges): line numbers stay,
// only the ^^^ markers under a traceback line go; a third of the bytecode's size.
// Prints one line to stderr: how many modules were compiled and kept.
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [source, out] = process.argv.slice(2);
if (!source || !out) {
  console.error("usage: node scripts/stdlib_pyc.mjs SOURCE.zip OUT.zip");
  process.exit(2);
}
const pyodide = await loadPyodide({
  stdLibURL: source,
  env: { PYTHONNODEBUGRANGES: "1" },
  stdout: () => {},
  stderr: (line) => console.error(line),
});
pyodide.FS.writeFile("/tmp/source.zip", readFileSync(source));
const summary = pyodide.runPython(`
import _imp
import importlib.util
import io
import marshal
import sys
import zipfile

ZIP_PATH = next(p for p in sys.path if p.endswith(".zip"))  # where Pyodide mounts the zip

def module_name(path):
    name = path[:-3].replace("/", ".")
    return name[: -len(".__init__")] if name.endswith(".__init__") else name

def frozen(name):
    # _imp.is_frozen knows the frozen names; importlib._bootstrap(_external) are frozen under
    # other names (_frozen_importlib...), and imported by the time this runs.
    spec = getattr(sys.modules.get(name), "__spec__", None)
    return _imp.is_frozen(name) or getattr(spec, "origin", None) == "frozen"

compiled = kept = 0
buffer = io.BytesIO()
with zipfile.ZipFile("/tmp/source.zip") as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as dst:
    for info in src.infolist():
        data = src.read(info.filename)
        name = info.filename
        if name.endswith(".py") and not frozen(module_name(name)):
            code = compile(data, f"{ZIP_PATH}/{name}", "exec", dont_inherit=True)
            # PEP 552: magic, flags (0b01: hash-based, not checked), source hash, code.
            data = (importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little")
                    + importlib.util.source_hash(data) + marshal.dumps(code))
            name = name[:-3] + ".pyc"
            compiled += 1
        elif name.endswith(".py"):
            kept += 1
        dst.writestr(zipfile.ZipInfo(name, info.date_time), data)
with open("/tmp/out.zip", "wb") as handle:
    handle.write(buffer.getvalue())
f"{compiled} modules compiled, {kept} frozen ones kept as source (Python {sys.version.split()[0]})"
`);
writeFileSync(out, pyodide.FS.readFile("/tmp/out.zip"));
console.error(summary);
