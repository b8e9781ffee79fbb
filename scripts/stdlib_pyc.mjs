// Compiles the site's standard-library zip to bytecode with Pyodide's own Python (the npm
// package, in Node.js, offline), so that the browser unmarshals the modules instead of compiling
// their source: compiling is most of Python's start-up in WebAssembly (measured in Chromium:
// 2.4 s with sources, 1.2 s with bytecode), while unmarshalling takes a few milliseconds.
//
//   node scripts/stdlib_pyc.mjs SOURCE.zip OUT.zip [--exact-lines --prefix DIR]
//
// Every .py of SOURCE.zip becomes a .pyc at the same place (PEP 552 unchecked-hash header: no
// source to compare with), compiled by the very Python that runs it: the magic number always
// matches. Modules Python has frozen into its binary (os, site, codecs, importlib's bootstrap...)
// are never read from the zip: they are left out.
// Line numbers are kept per function, not per line: every instruction carries its function's
// first line (a traceback through the standard library names the function and where it starts;
// the explainers themselves keep exact lines: see --exact-lines below). Exact line tables would
// add an eighth to the zip on the line (83 of 690 KB as brotli), and they would point into the
// stripped sources (comments and docstrings out, re-formatted), which the site does not publish.
// The explainers' bundle (explain/ imports all of them at once) is compiled the same way with
// --exact-lines (their line tables kept whole) and --prefix, the directory their tracebacks name.
// Prints one line to stderr: how many modules were compiled and left out.
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const args = process.argv.slice(2);
const exactLines = args.includes("--exact-lines");
const at = args.indexOf("--prefix");
const prefix = at >= 0 ? args[at + 1] : "";
const [source, out] = args.filter((a, i) => !a.startsWith("--") && (at < 0 || i !== at + 1));
if (!source || !out || (at >= 0 && !prefix)) {
  console.error("usage: node scripts/stdlib_pyc.mjs SOURCE.zip OUT.zip [--exact-lines --prefix DIR]");
  process.exit(2);
}
const pyodide = await loadPyodide({
  ...(prefix ? {} : { stdLibURL: source }), // the explainers run on the whole standard library
  stdout: () => {},
  stderr: (line) => console.error(line),
});
pyodide.FS.writeFile("/tmp/source.zip", readFileSync(source));
pyodide.globals.set("EXACT_LINES", exactLines);
pyodide.globals.set("PREFIX", prefix);
const summary = pyodide.runPython(`
import _imp
import importlib.util
import io
import marshal
import sys
import types
import zipfile

ZIP_PATH = PREFIX or next(p for p in sys.path if p.endswith(".zip"))  # where Pyodide mounts the zip

def module_name(path):
    name = path[:-3].replace("/", ".")
    return name[: -len(".__init__")] if name.endswith(".__init__") else name

def frozen(name):
    # _imp.is_frozen knows the frozen names; importlib._bootstrap(_external) are frozen under
    # other names (_frozen_importlib...), and imported by the time this runs.
    spec = getattr(sys.modules.get(name), "__spec__", None)
    return _imp.is_frozen(name) or getattr(spec, "origin", None) == "frozen"

def one_line_per_function(code):
    """CODE with every instruction on its first line (co_firstlineno), nested code too: a line
    table (Objects/locations.md) of entries of up to 8 code units in the "no columns" form
    (code 13) with a line delta of 0."""
    consts = tuple(one_line_per_function(c) if isinstance(c, types.CodeType) else c for c in code.co_consts)
    units = len(code.co_code) // 2
    table = bytearray()
    while units > 0:
        n = min(8, units)
        table += bytes((0x80 | (13 << 3) | (n - 1), 0))
        units -= n
    return code.replace(co_linetable=bytes(table), co_consts=consts)

compiled = left_out = 0
buffer = io.BytesIO()
with zipfile.ZipFile("/tmp/source.zip") as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as dst:
    for info in src.infolist():
        data = src.read(info.filename)
        name = info.filename
        if name.endswith(".py") and frozen(module_name(name)):
            left_out += 1
            continue
        if name.endswith(".py"):
            code = compile(data, f"{ZIP_PATH}/{name}", "exec", dont_inherit=True)
            if not EXACT_LINES:
                code = one_line_per_function(code)
            # PEP 552: magic, flags (0b01: hash-based, not checked), source hash, code.
            data = (importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little")
                    + importlib.util.source_hash(data) + marshal.dumps(code))
            name = name[:-3] + ".pyc"
            compiled += 1
        dst.writestr(zipfile.ZipInfo(name, info.date_time), data)
with open("/tmp/out.zip", "wb") as handle:
    handle.write(buffer.getvalue())
f"{compiled} modules compiled, {left_out} frozen ones left out (Python {sys.version.split()[0]})"
`);
writeFileSync(out, pyodide.FS.readFile("/tmp/out.zip"));
console.error(summary);
