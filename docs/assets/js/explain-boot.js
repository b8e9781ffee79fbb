// Loaded in the <head> of pages with a paste box: start the Pyodide worker at once and keep its
// messages until assets/js/explain.js (at the end of the body) takes it over.
(() => {
  const meta = document.querySelector('meta[name="explain-tools"]');
  if (!meta || !window.Worker) return;
  const worker = new Worker(new URL("explain-worker.js", document.currentScript.src), { type: "module" });
  const boot = { worker, messages: [] };
  worker.onmessage = (event) => boot.messages.push(event.data);
  worker.postMessage({ type: "warm", tools: meta.content.split(" ") });
  window.__explainBoot = boot;
})();
