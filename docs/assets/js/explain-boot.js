// Loaded in the <head> of explain/ (the page people open to paste): start the Pyodide worker at
// once and keep its messages, errors included, until assets/js/explain.js (at the end of the
// body) takes it over. Command pages start Python on the first sign of use instead (explain.js).
(() => {
  const meta = document.querySelector('meta[name="explain-tools"]');
  if (!meta || !window.Worker) return;
  const boot = { worker: null, messages: [] };
  window.__explainBoot = boot;
  try {
    boot.worker = new Worker(new URL("explain-worker.js", document.currentScript.src), { type: "module" });
  } catch (err) {
    boot.messages.push({ type: "failed", message: String(err && err.message ? err.message : err) });
    return;
  }
  boot.worker.onmessage = (event) => boot.messages.push(event.data);
  // A worker that cannot even start (script missing, blocked, a syntax error) fires "error"
  // before explain.js is there: keep it, or the page would say "loading" for ever.
  boot.worker.onerror = (event) => {
    boot.messages.push({ type: "failed", message: (event && event.message) || "" });
  };
  boot.worker.postMessage({ type: "warm", tools: meta.content.split(" ") });
})();
