// Web Worker: runs the explainers from snippets/ (published at downloads/) in self-hosted Pyodide.
// Nothing here talks to any origin but the site's own; the pasted text never leaves this worker.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const siteRoot = new URL("../../", import.meta.url);
const t0 = performance.now();
const progress = (stage) => postMessage({ type: "progress", stage, ms: performance.now() - t0 });

// The dispatcher: the highest detect() score picks the explainer when the page does not fix one.
const DISPATCH = `
import json

MODULES = {}
MIN_SCORE = 0.2

def _register(names):
    import importlib
    for name in names:
        mod = importlib.import_module(name)
        MODULES[mod.TOOL] = mod

def run(text, tool, lang):
    scores = {}
    if tool == "auto" or tool not in MODULES:
        for name, mod in MODULES.items():
            try:
                scores[name] = float(mod.detect(text))
            except Exception:
                scores[name] = 0.0
        best = max(scores, key=scores.get) if scores else None
        if best is None or scores[best] < MIN_SCORE:
            return json.dumps({"tool": None, "scores": scores, "report": None})
        tool = best
    mod = MODULES[tool]
    report = mod.explain(text, lang)
    return json.dumps({"tool": tool, "scores": scores, "report": report,
                       "text": mod.render_text(report, lang)}, ensure_ascii=False)
`;

const ready = (async () => {
  progress("runtime");
  const pyodide = await loadPyodide({
    indexURL: new URL("../pyodide/", import.meta.url).href,
    stdout: () => {},
    stderr: () => {},
  });
  progress("explainers");
  const manifest = await (await fetch(new URL("assets/explainers.json", siteRoot))).json();
  const names = [];
  await Promise.all(
    manifest.files.map(async (file) => {
      const response = await fetch(new URL(`downloads/${file}`, siteRoot));
      if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
      pyodide.FS.writeFile(`/home/pyodide/${file}`, await response.text());
      names.push(file.replace(/\.py$/, ""));
    }),
  );
  pyodide.runPython(`import sys\nif "/home/pyodide" not in sys.path: sys.path.insert(0, "/home/pyodide")`);
  const ns = pyodide.globals.get("dict")();
  pyodide.runPython(DISPATCH, { globals: ns });
  ns.get("_register")(pyodide.toPy(names.sort()));
  const run = ns.get("run");
  postMessage({ type: "ready", ms: performance.now() - t0, tools: manifest.tools });
  return run;
})();

ready.catch((err) => postMessage({ type: "failed", message: String(err && err.message ? err.message : err) }));

onmessage = async (event) => {
  const { id, text, tool, lang } = event.data;
  try {
    const run = await ready;
    const started = performance.now();
    const out = JSON.parse(run(text, tool || "auto", lang || "ja"));
    postMessage({ type: "result", id, ...out, ms: performance.now() - started });
  } catch (err) {
    postMessage({ type: "error", id, message: String(err && err.message ? err.message : err) });
  }
};
