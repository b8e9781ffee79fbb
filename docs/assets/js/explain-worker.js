// Web Worker: runs the explainers from snippets/ (published at downloads/) in self-hosted Pyodide.
// Nothing here talks to any origin but the site's own; the pasted text never leaves this worker.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const siteRoot = new URL("../../", import.meta.url);
const t0 = performance.now();
const progress = (stage) => postMessage({ type: "progress", stage, ms: performance.now() - t0 });

// The dispatcher: the highest detect() score picks the explainer when the page does not fix one.
// Modules are imported when a page first needs them (compiling them is the slow part), so a
// command page is ready as soon as its own explainer is.
const DISPATCH = `
import importlib
import json
import sys

MODULES = {}
TOOLS = []
MIN_SCORE = 0.2

def _setup(tools):
    if "/home/pyodide" not in sys.path:
        sys.path.insert(0, "/home/pyodide")
    TOOLS[:] = list(tools)

def ensure(tools):
    for tool in (TOOLS if "auto" in tools else tools):
        if tool in TOOLS and tool not in MODULES:
            MODULES[tool] = importlib.import_module("explain_" + tool)

def run(text, tool, lang):
    ensure([tool])
    scores = {}
    if tool not in MODULES:
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

const runtime = (async () => {
  progress("runtime");
  // The explainers' sources download while Pyodide starts.
  const manifestPromise = fetch(new URL("assets/explainers.json", siteRoot)).then((r) => r.json());
  const sourcesPromise = manifestPromise.then((manifest) =>
    Promise.all(
      manifest.files.map(async (file) => {
        const response = await fetch(new URL(`downloads/${file}`, siteRoot));
        if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
        return [file, await response.text()];
      }),
    ),
  );
  const pyodide = await loadPyodide({
    indexURL: new URL("../pyodide/", import.meta.url).href,
    stdout: () => {},
    stderr: () => {},
  });
  progress("explainers");
  const manifest = await manifestPromise;
  for (const [file, source] of await sourcesPromise) pyodide.FS.writeFile(`/home/pyodide/${file}`, source);
  const ns = pyodide.globals.get("dict")();
  pyodide.runPython(DISPATCH, { globals: ns });
  ns.get("_setup")(pyodide.toPy(manifest.tools));
  return { pyodide, ensure: ns.get("ensure"), run: ns.get("run"), tools: manifest.tools };
})();

runtime.catch((err) => postMessage({ type: "failed", message: String(err && err.message ? err.message : err) }));

onmessage = async (event) => {
  const message = event.data;
  if (message.type === "warm") {
    // A page with paste boxes for these tools is on screen: get them ready.
    try {
      const { pyodide, ensure, tools } = await runtime;
      progress("imports");
      const wanted = pyodide.toPy(message.tools);
      ensure(wanted);
      wanted.destroy();
      postMessage({ type: "ready", ms: performance.now() - t0, tools });
    } catch (err) {
      postMessage({ type: "failed", message: String(err && err.message ? err.message : err) });
    }
    return;
  }
  const { id, text, tool, lang } = message;
  try {
    const { run } = await runtime;
    const started = performance.now();
    const out = JSON.parse(run(text, tool || "auto", lang || "ja"));
    postMessage({ type: "result", id, ...out, ms: performance.now() - started });
  } catch (err) {
    postMessage({ type: "error", id, message: String(err && err.message ? err.message : err) });
  }
};
