// Paste-and-explain widget (CONTRACT.md section 4). The text someone pastes is handed to a Web
// Worker on this page and nowhere else; results are built with textContent, never innerHTML.
(() => {
  const script = document.currentScript;
  const siteRoot = new URL("../../", script ? script.src : location.href);
  const workerURL = new URL("explain-worker.js", script ? script.src : location.href);

  const SEVERITY = {
    error: { icon: "✖", label: "エラー" },
    warning: { icon: "⚠", label: "注意" },
    info: { icon: "ℹ", label: "情報" },
    ok: { icon: "✔", label: "正常" },
  };
  const TOOL_NAMES = { ipconfig: "ipconfig /all", netstat: "netstat -ano", route: "route print", ping: "ping", tracert: "tracert", bounce: "エラーメール" };
  let knownTools = [];
  const STAGE = {
    start: "診断の準備を始めています…",
    runtime: "Python (Pyodide) を読み込んでいます…",
    explainers: "診断プログラムを読み込んでいます…",
    imports: "診断プログラムを準備しています…",
  };

  // One worker for the whole visit: instant navigation keeps this script (and Python) alive.
  let worker = null;
  let readyState = "none"; // none | loading | ready | failed
  let failure = "";
  let nextId = 1;
  const pending = new Map();
  const statusListeners = new Set();

  function setStatus(text) {
    for (const fn of statusListeners) fn(text);
  }

  function startWorker() {
    if (worker) return;
    readyState = "loading";
    setStatus(STAGE.start);
    // The page's <head> may have started the worker already (assets/js/explain-boot.js).
    const boot = window.__explainBoot;
    worker = boot ? boot.worker : new Worker(workerURL, { type: "module" });
    const early = boot ? boot.messages : [];
    window.__explainBoot = undefined;
    worker.onmessage = ({ data }) => {
      if (data.type === "progress") {
        (window.__explainStages = window.__explainStages || []).push([data.stage, Math.round(data.ms), Math.round(performance.now())]);
        setStatus(STAGE[data.stage] || STAGE.start);
      } else if (data.type === "ready") {
        readyState = "ready";
        knownTools = data.tools || [];
        if (window.__explainReadyAt === undefined) {
          window.__explainReadyMs = data.ms; // worker start to ready
          window.__explainReadyAt = performance.now(); // page open to ready (read by the benchmark)
        }
        setStatus("準備ができました。出力を貼り付けてください。");
      } else if (data.type === "failed") {
        readyState = "failed";
        failure = data.message;
        setStatus("診断プログラムを読み込めませんでした: " + data.message);
        for (const job of pending.values()) job.reject(new Error(data.message));
        pending.clear();
      } else if (data.type === "result" || data.type === "error") {
        const job = pending.get(data.id);
        if (!job) return;
        pending.delete(data.id);
        if (data.type === "result") job.resolve(data);
        else job.reject(new Error(data.message));
      }
    };
    for (const data of early) worker.onmessage({ data });
    worker.onerror = (event) => {
      readyState = "failed";
      failure = event.message || "worker error";
      setStatus("診断プログラムを読み込めませんでした: " + failure);
    };
  }
  function explain(text, tool) {
    startWorker();
    if (readyState === "failed") return Promise.reject(new Error(failure));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, tool, lang: "ja" });
    });
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function renderEvidence(text, lines) {
    const marked = new Set(lines);
    const pre = el("pre", { class: "paste-evidence", "data-testid": "explain-evidence" });
    const all = text.replace(/\r\n?/g, "\n").split("\n");
    const width = String(all.length).length;
    all.forEach((line, index) => {
      const number = index + 1;
      const row = el("span", {
        class: marked.has(number) ? "evidence-line evidence-line--hit" : "evidence-line",
        "data-line": String(number),
      });
      row.append(el("span", { class: "evidence-number", text: String(number).padStart(width, " ") + "  " }));
      row.append(document.createTextNode(line + "\n"));
      pre.append(row);
    });
    return pre;
  }

  function renderFinding(finding, box) {
    const sev = SEVERITY[finding.severity] || SEVERITY.info;
    const item = el("li", {
      class: `finding finding--${finding.severity}`,
      "data-finding-id": finding.id,
      "data-severity": finding.severity,
    });
    const head = el("div", { class: "finding-head" },
      el("span", { class: "finding-icon", "aria-hidden": "true", text: sev.icon }),
      el("span", { class: "finding-severity", text: sev.label }),
      el("strong", { class: "finding-title", text: finding.title || finding.id }));
    if (finding.subject) head.append(el("span", { class: "finding-subject", text: finding.subject }));
    item.append(head);
    if (finding.detail) item.append(el("p", { class: "finding-detail", text: finding.detail }));
    if (finding.next_steps && finding.next_steps.length) {
      const steps = el("ol", { class: "finding-steps" });
      for (const step of finding.next_steps) steps.append(el("li", { text: step }));
      item.append(el("div", { class: "finding-steps-label", text: "次にすること" }), steps);
    }
    const foot = el("div", { class: "finding-foot" });
    if (finding.lines && finding.lines.length) {
      const button = el("button", { type: "button", class: "finding-lines", text: `該当する行: ${finding.lines.join(", ")}` });
      button.addEventListener("click", () => {
        const target = box.querySelector(`.evidence-line[data-line="${Number(finding.lines[0])}"]`);
        if (target) target.scrollIntoView({ block: "center", behavior: "smooth" });
      });
      foot.append(button);
    }
    if (finding.page) {
      foot.append(el("a", { class: "finding-page", href: new URL(finding.page, siteRoot).href, text: "詳しい説明を読む" }));
    }
    if (foot.childNodes.length) item.append(foot);
    return item;
  }

  function renderResult(box, result, data, text) {
    result.replaceChildren();
    if (!data.report || !data.report.recognized) {
      result.dataset.state = "unrecognized";
      const summary = data.report ? data.report.summary : "";
      result.append(
        el("p", {
          class: "paste-unrecognized",
          text: summary || `この内容は読み取れませんでした。読み取れるのは ${knownTools.map((t) => TOOL_NAMES[t] || t).join("、")} です。最初の行から最後の行まで、そのまま全部貼り付けてください。`,
        }),
      );
      if (data.report) result.append(el("p", {}, "判定したコマンド: ", el("code", { "data-testid": "explain-tool", text: data.tool || "" })));
      return;
    }
    const report = data.report;
    result.dataset.state = "done";
    const header = el("div", { class: "paste-summary" },
      el("span", { class: "paste-tool-label", text: "コマンド: " }),
      el("code", { "data-testid": "explain-tool", text: report.tool }),
      el("p", { class: "paste-summary-text", "data-testid": "explain-summary", text: report.summary || "" }));
    const copy = el("button", { type: "button", class: "md-button paste-copy", "data-testid": "explain-copy", text: "結果をテキストでコピー" });
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(data.text || "");
        copy.textContent = "コピーしました";
      } catch {
        copy.textContent = "コピーできませんでした";
      }
      setTimeout(() => { copy.textContent = "結果をテキストでコピー"; }, 2000);
    });
    header.append(copy);
    result.append(header);
    const list = el("ol", { class: "findings" });
    const order = ["error", "warning", "info", "ok"];
    const findings = [...(report.findings || [])].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
    for (const finding of findings) list.append(renderFinding(finding, result));
    result.append(list);
    const lines = findings.flatMap((f) => f.lines || []);
    const details = el("details", { class: "paste-evidence-box" }, el("summary", { text: "貼り付けた内容 (該当する行に色を付けています)" }));
    details.open = lines.length > 0;
    details.append(renderEvidence(text, lines));
    result.append(details);
    result.dataset.ms = String(Math.round(data.ms));
  }

  function bind(box) {
    if (box.dataset.bound) return;
    box.dataset.bound = "1";
    const input = box.querySelector('[data-testid="paste-input"]');
    const button = box.querySelector('[data-testid="explain-button"]');
    const result = box.querySelector('[data-testid="explain-result"]');
    const status = box.querySelector('[data-testid="explain-status"]');
    const tool = box.dataset.tool || "auto";
    const showStatus = (text) => { if (status.isConnected) status.textContent = text; };
    statusListeners.add(showStatus);
    if (readyState === "ready") showStatus("準備ができました。出力を貼り付けてください。");
    else if (readyState === "failed") showStatus("診断プログラムを読み込めませんでした: " + failure);

    async function run() {
      const text = input.value;
      if (!text.trim()) {
        result.dataset.state = "idle";
        result.replaceChildren(el("p", { text: "まだ何も貼り付けられていません。" }));
        return;
      }
      result.dataset.state = "loading";
      result.replaceChildren(el("p", { text: readyState === "ready" ? "診断しています…" : "診断プログラムの準備ができるまでお待ちください…" }));
      const clicked = performance.now();
      try {
        const data = await explain(text, tool);
        if (input.value !== text) return; // a newer paste will render its own result
        renderResult(box, result, data, text);
        result.dataset.renderMs = (performance.now() - clicked).toFixed(1);
      } catch (err) {
        result.dataset.state = "error";
        result.replaceChildren(el("p", { text: "診断中に問題が起きました: " + err.message }));
      }
    }
    button.addEventListener("click", run);
    input.addEventListener("paste", () => setTimeout(run, 0));
  }

  // Ask the worker to get the explainers of this page's paste boxes ready.
  function warm() {
    const boxes = document.querySelectorAll("[data-paste-box]");
    if (!boxes.length) return boxes;
    startWorker();
    worker.postMessage({ type: "warm", tools: [...new Set([...boxes].map((b) => b.dataset.tool || "auto"))] });
    return boxes;
  }

  function init() {
    for (const fn of [...statusListeners]) statusListeners.delete(fn);
    warm().forEach(bind);
  }

  // This script runs at the end of the body, before Material has set up the page: start Python
  // now (it takes seconds), and bind the boxes once document$ says the page is ready.
  warm();
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
