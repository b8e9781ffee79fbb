// Runs every explainer on given fixtures under real Pyodide (the npm package, in Node.js, offline),
// the way the browser worker does (decode, detect, explain, render_text), and reports which
// files of the standard-library zip Python used.
// argv[2] (optional): the standard-library zip to start Pyodide with (default: Pyodide's full one).
// stdin: JSON {"modules": ["explain_ipconfig", ...], "jobs": [{"module", "file", "lang"}, ...],
//              "imports": ["argparse", ...]}   (imports: modules to import as well, e.g. lazy ones)
// stdout: JSON {"python": "3.x.y", "reports": [{"detect", "report", "text"}, ...],
//               "stdlib_files": ["json/__init__.py", ...],   (a .pyc counts as its .py)
//               "compiled_from_source": [...]}   (modules Python compiled from the zip's source)
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const input = JSON.parse(readFileSync(0, "utf8"));
const options = { stdout: () => {}, stderr: () => {} };
if (process.argv[2]) options.stdLibURL = process.argv[2];
const pyodide = await loadPyodide(options);
pyodide.FS.mkdirTree("/work/snippets");
pyodide.FS.mkdirTree("/work/input");
for (const module of input.modules) {
  pyodide.FS.writeFile(`/work/snippets/${module}.py`, readFileSync(join(root, "snippets", `${module}.py`)));
}
input.jobs.forEach((job, i) => pyodide.FS.writeFile(`/work/input/${i}`, readFileSync(job.file)));
pyodide.globals.set("input_json", JSON.stringify(input));
const out = pyodide.runPython(`
import importlib, json, sys
sys.path.insert(0, "/work/snippets")
spec = json.loads(input_json)
for name in spec["modules"]:
    importlib.import_module(name)
reports = []
for i, job in enumerate(spec["jobs"]):
    mod = importlib.import_module(job["module"])
    with open(f"/work/input/{i}", "rb") as handle:
        text = mod.decode_bytes(handle.read())
    report = mod.explain(text, job.get("lang", "ja"))
    reports.append({"detect": mod.detect(text), "report": report, "text": mod.render_text(report, job.get("lang", "ja"))})
for name in spec.get("imports", []):
    try:
        importlib.import_module(name)
    except ImportError:
        pass
files = set()
from_source = set()
for mod in list(sys.modules.values()):
    path = getattr(mod, "__file__", None) or ""
    if ".zip/" in path:
        name = path.split(".zip/", 1)[1]
        files.add(name.removesuffix("c"))  # json/__init__.pyc is json/__init__.py compiled
        spec = getattr(mod, "__spec__", None)
        if name.endswith(".py") and getattr(spec, "origin", None) != "frozen":
            from_source.add(name)
json.dumps({"python": sys.version.split()[0], "reports": reports, "stdlib_files": sorted(files),
            "compiled_from_source": sorted(from_source)}, ensure_ascii=False)
`);
process.stdout.write(out);
