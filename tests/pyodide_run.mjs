// Runs explainers under real Pyodide (the npm package, in Node.js, offline) for the parity test.
// stdin: JSON [{"module": "explain_ipconfig", "file": "/abs/path/fixture.txt", "lang": "ja"}, ...]
// stdout: JSON {"python": "3.x.y", "reports": [report, ...]} in the same order.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const jobs = JSON.parse(readFileSync(0, "utf8"));
const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
pyodide.FS.mkdirTree("/work/snippets");
pyodide.FS.mkdirTree("/work/input");
for (const module of new Set(jobs.map((j) => j.module))) {
  const path = join(root, "snippets", `${module}.py`);
  pyodide.FS.writeFile(`/work/snippets/${basename(path)}`, readFileSync(path));
}
jobs.forEach((job, i) => pyodide.FS.writeFile(`/work/input/${i}`, readFileSync(job.file)));
pyodide.globals.set("jobs_json", JSON.stringify(jobs));
const out = pyodide.runPython(`
import importlib, json, sys
sys.path.insert(0, "/work/snippets")
reports = []
for i, job in enumerate(json.loads(jobs_json)):
    mod = importlib.import_module(job["module"])
    with open(f"/work/input/{i}", "rb") as handle:
        text = mod.decode_bytes(handle.read())
    reports.append({"detect": mod.detect(text), "report": mod.explain(text, job.get("lang", "ja"))})
json.dumps({"python": sys.version.split()[0], "reports": reports}, ensure_ascii=False)
`);
process.stdout.write(out);
