// Web Worker: runs the explainers from snippets/ (published at downloads/) in self-hosted Pyodide.
// Nothing here talks to any origin but the site's own; the pasted text never leaves this worker.
const siteRoot = new URL("../../", import.meta.url);
const pyodideRoot = new URL("../pyodide/", import.meta.url);
let t0 = performance.now(); // reset when the downloads start (start())
const progress = (stage, extra) => postMessage({ type: "progress", stage, ms: performance.now() - t0, ...extra });
const failed = (err) => postMessage({ type: "failed", message: String(err && err.message ? err.message : err) });

// ---- Downloads with real progress --------------------------------------------------------------
// The big files (the WebAssembly binary, the standard library the explainers use and Pyodide's
// JavaScript half) are fetched here, counted as they arrive, and handed to Pyodide. Their .xz
// twins are unpacked by the self-hosted xz decoder (assets/xz/, 12 KB of WebAssembly: browsers
// unpack neither xz nor brotli in DecompressionStream); where the decoder cannot run or a host
// lacks the .xz files, the .gz twins with DecompressionStream; where that is missing too, the
// files themselves. The same bytes on every host, whether it compresses or not.
const realFetch = globalThis.fetch.bind(globalThis);
const bytes = { loaded: 0, total: 0, last: 0 };
function tick(force) {
  const now = performance.now();
  if (force || now - bytes.last > 120) {
    bytes.last = now;
    progress("download", { loaded: bytes.loaded, total: bytes.total });
  }
}

// Read a response as fast as the line delivers it (counting the bytes), whether or not Pyodide
// is reading yet: a plain pipe would wait for its reader and stall the download.
let downloading = 0; // responses still arriving (the big files and the decoder)
let registering = 0; // big files whose response has not come yet (counted() before eager())
function maybeStarting() {
  if (!downloading && !registering) {
    tick(true);
    progress("starting");
  }
}
function oneDownloaded() {
  downloading -= 1;
  maybeStarting();
}
function eager(body) {
  const reader = body.getReader();
  const queue = [];
  let finished = false;
  let failure = null;
  let wake = null;
  downloading += 1;
  (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        bytes.loaded += value.byteLength;
        tick(false);
        queue.push(value);
        if (wake) wake();
      }
      finished = true;
      oneDownloaded();
    } catch (err) {
      failure = err;
    }
    if (wake) wake();
  })();
  return new ReadableStream({
    async pull(controller) {
      while (!queue.length && !finished && !failure) await new Promise((resolve) => { wake = resolve; });
      if (queue.length) controller.enqueue(queue.shift());
      else if (failure) controller.error(failure);
      else controller.close();
    },
    cancel(reason) {
      queue.length = 0;
      return reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
}

const canUnpack = typeof DecompressionStream === "function";
// Set by start(), on the page's first request: a page may create this worker before anyone
// uses its box (assets/js/explain.js), and then nothing is downloaded until the first request.
let manifestPromise = null;
let decoderPromise = null;
let loaderPromise = null;
let modulePromise = null;
let runtime = null;

// The xz decoder (xz-embedded, compiled to WebAssembly by the npm package xz-decompress; see
// assets/xz/NOTICE.txt), loaded beside the downloads. Its exports, or null where it cannot run:
// the .gz twins then.
const loadDecoder = () => (async () => {
  downloading += 1; // its bytes count in the progress like the big files'
  try {
    const asked = realFetch(new URL("../xz/xz-decompress.wasm", import.meta.url)); // at once
    const manifest = await manifestPromise;
    if (!manifest.xz) return null; // a build without it: no .xz twins either
    bytes.total += manifest.xz.size;
    const response = await asked;
    if (!response.ok) throw new Error(`xz-decompress.wasm: HTTP ${response.status}`);
    const wasm = await response.arrayBuffer();
    bytes.loaded += wasm.byteLength;
    const { instance } = await WebAssembly.instantiate(wasm, {});
    return instance.exports;
  } finally {
    oneDownloaded();
  }
})().catch(() => null);

// An .xz stream unpacked by the decoder as Pyodide reads it (it reads all three as they arrive).
// The stream's own CRC-32 is checked by the decoder, the size against the build's. On any
// failure the rest comes from FALLBACK(): the same file from its .gz twin, the bytes already
// given skipped.
// The decoder's context (xz-decompress's src/native/xz-decompress.c) starts with seven 32-bit
// words: buffer size, then xz_buf's in, in_pos, in_size, out, out_pos, out_size; an input of
// size 0 means "no more input", and the decoder then ends the stream or reports it cut short.
const XZ_OK = 0;
const XZ_STREAM_END = 1;
function unxz(source, decoderLoaded, expected, fallback) {
  let xz = null;
  let ctx = 0;
  let reader = null;
  let input = new Uint8Array(0);
  let finishing = false;
  let given = 0;
  let rescue = null;
  let skip = 0;
  const words = () => new Uint32Array(xz.memory.buffer, ctx, 7); // memory may grow: a fresh view
  const release = () => {
    if (ctx) xz.destroy_context(ctx);
    ctx = 0;
  };
  return new ReadableStream({
    async pull(controller) {
      try {
        if (rescue) return await fromRescue(controller);
        if (!reader) {
          xz = await decoderLoaded;
          if (!xz) throw new Error("no xz decoder");
          ctx = xz.create_context();
          reader = source.getReader();
        }
        for (;;) {
          let w = words();
          if (!finishing && w[2] === w[3]) { // all input given: the next piece
            while (!input.length && !finishing) {
              const { value, done } = await reader.read();
              if (done) finishing = true;
              else input = value;
            }
            const n = Math.min(w[0], input.length); // 0 once the source has ended
            new Uint8Array(xz.memory.buffer, w[1], n).set(input.subarray(0, n));
            input = input.subarray(n);
            xz.supply_input(ctx, n);
          }
          const code = xz.get_next_output(ctx);
          if (code !== XZ_OK && code !== XZ_STREAM_END) throw new Error(`xz: error ${code}`);
          w = words();
          const out = new Uint8Array(xz.memory.buffer, w[4], w[5]).slice();
          w[5] = 0;
          if (given + out.length > expected.size) throw new Error("xz: too long");
          if (code === XZ_STREAM_END && given + out.length !== expected.size) throw new Error("xz: too short");
          given += out.length;
          if (out.length) controller.enqueue(out);
          if (code === XZ_STREAM_END) {
            release();
            controller.close();
            return;
          }
          if (out.length) return;
          if (finishing) throw new Error("xz: stream cut short");
        }
      } catch (err) {
        (reader || source).cancel().catch(() => {});
        if (xz) release();
        skip = given; // what went out already
        rescue = (await fallback()).getReader();
        return fromRescue(controller);
      }
    },
  }, { highWaterMark: 0 });

  async function fromRescue(controller) {
    for (;;) {
      const { value, done } = await rescue.read();
      if (done) return controller.close();
      if (skip >= value.length) {
        skip -= value.length;
        continue;
      }
      controller.enqueue(skip ? value.subarray(skip) : value);
      skip = 0;
      return;
    }
  }
}

// The .gz twin (or, where the host lacks it, the file itself as the host sends it), counted.
async function gzipOrPlain(name, manifest) {
  let url = new URL(canUnpack ? `${name}.gz` : name, pyodideRoot);
  let response = await realFetch(url);
  if (!response.ok && canUnpack) {
    url = new URL(name, pyodideRoot);
    response = await realFetch(url);
  }
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const size = manifest && manifest.sizes && manifest.sizes[name];
  if (size) bytes.total += url.pathname.endsWith(".gz") ? size.gz : size.size;
  tick(true);
  let body = eager(response.body);
  // A host that labels a .gz file "Content-Encoding: gzip" has had the browser unpack it already.
  if (url.pathname.endsWith(".gz") && !/gzip/i.test(response.headers.get("Content-Encoding") || "")) {
    body = body.pipeThrough(new DecompressionStream("gzip"));
  }
  return body;
}

async function counted(name, type) {
  registering += 1;
  try {
    // The .xz twin is asked for at once; the manifest (sizes) arrives meanwhile.
    const packed = realFetch(new URL(`${name}.xz`, pyodideRoot));
    const manifest = await manifestPromise.catch(() => null);
    const size = manifest && manifest.sizes && manifest.sizes[name];
    let body = null;
    const response = await packed.catch(() => null);
    if (response && response.ok && size && size.xz && manifest.xz) {
      bytes.total += size.xz;
      tick(true);
      body = unxz(eager(response.body), decoderPromise, size, () => gzipOrPlain(name, manifest));
    } else if (response && response.body) {
      response.body.cancel().catch(() => {});
    }
    if (!body) body = await gzipOrPlain(name, manifest);
    return new Response(body, { status: 200, headers: { "Content-Type": type } });
  } finally {
    registering -= 1;
    maybeStarting();
  }
}

const BIG = [
  ["pyodide.asm.wasm", "application/wasm"],
  ["python_stdlib.min.zip", "application/zip"],
];
const prefetched = new Map();

globalThis.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  const hit = prefetched.get(url);
  if (hit) {
    prefetched.delete(url);
    return hit;
  }
  return realFetch(input, init);
};

// ---- Python ------------------------------------------------------------------------------------
// The dispatcher: the highest detect() score picks the explainer when the page does not fix one.
// Modules are imported when needed (compiling them is the slow part): a command page is ready as
// soon as its own explainer is, explain/ imports the rest in the background after it is ready.
const DISPATCH = `
import importlib
import json
import sys

MODULES = {}
TOOLS = {}
MIN_SCORE = 0.2

def _setup(modules):
    if "/home/pyodide" not in sys.path:
        sys.path.insert(0, "/home/pyodide")
    TOOLS.clear()
    TOOLS.update(modules)

def _add_path(path):
    if path not in sys.path:
        sys.path.append(path)  # after /home/pyodide: a source written there comes first

def ensure(tools):
    for tool in tools:
        if tool in TOOLS and tool not in MODULES:
            MODULES[tool] = importlib.import_module(TOOLS[tool][:-3])

def run(text, tool, lang):
    scores = {}
    # Deciding which explainer reads the text needs only a sample of a long paste: every
    # detect() runs on it, and only the winner reads the whole text.
    probe = text if len(text) <= 24000 else text[:20000] + chr(10) + text[-4000:]
    if tool not in TOOLS and "session" in TOOLS:
        # A console window of several commands goes to the session reader, which hands each
        # command's part to its own explainer (so it comes before any one tool's score).
        ensure(["session"])
        if MODULES["session"].detect(text) >= 0.5:  # cheap: a look at each line's start
            tool = "session"
    if tool not in TOOLS:
        ensure(list(TOOLS))
        for name, mod in MODULES.items():
            try:
                scores[name] = float(mod.detect(probe))
            except Exception:
                scores[name] = 0.0
        best = max(scores, key=scores.get) if scores else None
        if best is None or scores[best] < MIN_SCORE:
            return json.dumps({"tool": None, "scores": scores, "report": None})
        tool = best
    ensure([tool])
    mod = MODULES[tool]
    if tool == "session":
        # A console window may hold any command: the session reader gets every explainer
        # (they may live in the bytecode zip, where it cannot list them itself).
        ensure(list(TOOLS))
        report = mod.explain(text, lang, {name: m for name, m in MODULES.items() if name != tool})
    else:
        report = mod.explain(text, lang)
    render = getattr(mod, "render_report", None) or mod.render_text  # a console session renders its parts too
    return json.dumps({"tool": tool, "scores": scores, "report": report,
                       "text": render(report, lang)}, ensure_ascii=False)

def redact(text, tool):
    ensure([tool])
    return MODULES[tool].redact_text(text)
`;

// Pyodide's JavaScript half (pyodide.asm.mjs, 1.25 MB; a sixth of that as .xz) comes the same
// way as the big files and runs from a blob: URL of the unpacked bytes. Where that fails (a
// policy without blob:, or no twin and no file), undefined: Pyodide imports the file from its
// URL then, and reports what goes wrong there.
async function pyodideModule() {
  let url = null;
  try {
    const response = await counted("pyodide.asm.mjs", "text/javascript");
    url = URL.createObjectURL(await response.blob());
    return (await import(url)).default;
  } catch {
    return undefined;
  } finally {
    if (url) URL.revokeObjectURL(url);
  }
}

const startRuntime = async () => {
  progress("runtime");
  const manifest = await manifestPromise;
  const { loadPyodide } = await loaderPromise;
  const pyodide = await loadPyodide({
    // Read by Pyodide's loadPyodide though not in its pyodide.d.ts: if a later version drops it,
    // Pyodide fetches the plain file (tests/test_offline.py, test_the_worker_takes_the_xz_twins).
    createPyodideModule: await modulePromise,
    indexURL: pyodideRoot.href,
    stdLibURL: new URL("python_stdlib.min.zip", pyodideRoot).href,
    lockFileContents: manifest.lock,
    packageBaseUrl: pyodideRoot.href,
    stdout: () => {},
    stderr: () => {},
  });
  progress("imports");
  const ns = pyodide.globals.get("dict")();
  pyodide.runPython(DISPATCH, { globals: ns });
  const modules = pyodide.toPy(manifest.modules);
  ns.get("_setup")(modules);
  modules.destroy();
  if (!manifest.sizes[BUNDLE]) releaseDecoder();
  return {
    pyodide, manifest, ensure: ns.get("ensure"), run: ns.get("run"), redact: ns.get("redact"), addPath: ns.get("_add_path"),
  };
};

// The downloads, then Python: once, on the first request from the page.
function start() {
  if (runtime) return runtime;
  t0 = performance.now();
  manifestPromise = fetch(new URL("assets/explainers.json", siteRoot)).then((r) => {
    if (!r.ok) throw new Error(`explainers.json: HTTP ${r.status}`);
    return r.json();
  });
  decoderPromise = loadDecoder();
  for (const [name, type] of BIG) {
    const promise = counted(name, type);
    promise.catch(() => {}); // reported where Pyodide awaits it
    prefetched.set(new URL(name, pyodideRoot).href, promise);
  }
  modulePromise = pyodideModule();
  // Pyodide's loader is imported only now: the downloads above are already on their way.
  loaderPromise = import("../pyodide/pyodide.mjs");
  runtime = startRuntime();
  runtime.catch(failed);
  return runtime;
}

// When everything is unpacked, the decoder can go with its memory (the dictionaries of the
// streams, about 17 MB, which a WebAssembly instance never gives back while it lives).
function releaseDecoder() {
  decoderPromise = null;
}

// All the explainers as bytecode in one zip (scripts/mkdocs_hooks.py, build_explainer_bundle:
// compiled at build time by Pyodide's own Python from the published files), put on sys.path:
// explain/ asks every explainer's detect(), and compiling them all from source would take about
// 0.7 s. Fetched at once on explain/, after the first answer on a command page. Resolves to true
// once Python can import from it, false where it cannot be had (the sources are used then).
const BUNDLE = "explainers.pyc.zip";
let bundle = null;
function installBundle(manifest) {
  if (bundle) return bundle;
  const size = manifest.sizes[BUNDLE];
  if (!size || !manifest.xz || !decoderPromise) return (bundle = Promise.resolve(false));
  const decoder = decoderPromise;
  bundle = (async () => {
    try {
      const response = await realFetch(new URL(`${BUNDLE}.xz`, pyodideRoot));
      if (!response.ok) throw new Error(`${BUNDLE}.xz: HTTP ${response.status}`);
      const unpacked = unxz(response.body, decoder, size, () => {
        throw new Error(`${BUNDLE}.xz: broken`);
      });
      const data = new Uint8Array(await new Response(unpacked).arrayBuffer());
      const { pyodide, addPath } = await runtime;
      pyodide.FS.writeFile(`/home/pyodide/${BUNDLE}`, data);
      addPath(`/home/pyodide/${BUNDLE}`);
      return true;
    } finally {
      runtime.finally(releaseDecoder).catch(() => {});
    }
  })().catch(() => false);
  return bundle;
}

// An explainer's source: its gzip twin (a fifth of the bytes on a host that compresses nothing),
// or the file itself where the browser cannot unpack it.
async function fetchSource(file) {
  if (canUnpack) {
    const packed = await realFetch(new URL(`downloads/${file}.gz`, siteRoot));
    if (packed.ok) return new Response(packed.body.pipeThrough(new DecompressionStream("gzip"))).text();
  }
  const response = await realFetch(new URL(`downloads/${file}`, siteRoot));
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return response.text();
}

// The explainers' sources, fetched once each, as a page needs them: the downloads start at once
// (while Python is still loading), the files are written once it is up.
const texts = new Map();
const written = new Map();
async function sources(tools) {
  const manifest = await manifestPromise;
  const wanted = tools.includes("auto") ? manifest.tools : tools.filter((t) => manifest.modules[t]);
  if (tools.includes("auto")) installBundle(manifest);
  if (bundle && await bundle) return wanted;
  for (const tool of wanted) {
    if (!texts.has(tool)) texts.set(tool, fetchSource(manifest.modules[tool]));
  }
  const { pyodide } = await runtime;
  await Promise.all(wanted.map((tool) => {
    if (!written.has(tool)) {
      const file = manifest.modules[tool];
      written.set(tool, texts.get(tool).then((text) => pyodide.FS.writeFile(`/home/pyodide/${file}`, text)));
    }
    return written.get(tool);
  }));
  return wanted;
}

function importNow(tools) {
  return runtime.then(({ pyodide, ensure }) => {
    const list = pyodide.toPy(tools);
    try {
      ensure(list);
    } finally {
      list.destroy();
    }
  });
}

// explain/ reads any tool: after "ready", import the others one per task, so that a paste that
// comes in meanwhile is answered between two imports.
let background = null;
function importInBackground(tools) {
  if (background) return background;
  background = (async () => {
    for (const tool of tools) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await importNow([tool]);
    }
    postMessage({ type: "warm-done", ms: performance.now() - t0 });
  })();
  return background;
}

async function warm(tools) {
  const wanted = await sources(tools);
  const { manifest } = await runtime;
  if (!tools.includes("auto")) await importNow(wanted);
  postMessage({ type: "ready", ms: performance.now() - t0, tools: manifest.tools });
  if (tools.includes("auto")) importInBackground(wanted);
  // A command page's reader may go on to explain/ or another command page: fetch the other
  // explainers' sources and import them in the background, one per task (a paste meanwhile is
  // answered between two imports), so that a paste there is quick: explain/ asks every
  // explainer's detect(), and compiling them all takes about a second.
  else setTimeout(() => sources(["auto"]).then(importInBackground).catch(() => {}), 500);
}

onmessage = async (event) => {
  const message = event.data;
  start();
  if (message.type === "warm") {
    try {
      await warm(message.tools);
    } catch (err) {
      failed(err);
    }
    return;
  }
  const { id, text, tool, lang } = message;
  if (message.type === "redact") {
    try {
      const { redact } = await runtime;
      await sources([tool]);
      postMessage({ type: "result", id, redacted: redact(text, tool) });
    } catch (err) {
      postMessage({ type: "error", id, message: String(err && err.message ? err.message : err) });
    }
    return;
  }
  try {
    const { run } = await runtime;
    await sources([tool || "auto"]);
    const started = performance.now();
    const out = JSON.parse(run(text, tool || "auto", lang || "ja"));
    postMessage({ type: "result", id, ...out, ms: performance.now() - started });
  } catch (err) {
    postMessage({ type: "error", id, message: String(err && err.message ? err.message : err) });
  }
};
