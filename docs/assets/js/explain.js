// Paste-and-explain widget (CONTRACT.md section 4), the on-demand script sources, and the
// service worker's registration. The text someone pastes is handed to a Web Worker on this page
// and nowhere else; results are built with textContent, never innerHTML.
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
  // How each tool is named to a reader (tools without an entry show their own name).
  const TOOL_NAMES = {
    ipconfig: "ipconfig /all",
    netstat: "netstat -ano",
    route: "route print",
    ping: "ping",
    tracert: "tracert",
    bounce: "エラーメール",
    arp: "arp -a",
    nslookup: "nslookup",
    tasklist: "tasklist",
    nbtstat: "nbtstat",
    netview: "net view",
    testnetconnection: "Test-NetConnection",
    headers: "メールのヘッダー",
    session: "コマンドプロンプトの画面をまとめてコピーしたもの",
  };
  // The command line's limit (common block: MAX_INPUT_BYTES), counted in UTF-8 bytes the same way.
  const MAX_INPUT_BYTES = 16 * 1024 * 1024;
  // A run still busy after this long is stopped by restarting the worker when a newer paste comes.
  const CANCEL_AFTER_MS = 400;
  // Evidence shown line by line up to this many lines; longer input shows the lines around the
  // findings (a 15 MB paste must not become a million DOM nodes).
  const EVIDENCE_MAX_LINES = 2000;
  const EVIDENCE_CONTEXT = 3;

  const READY_TEXT = "準備ができました。出力を貼り付けてください。";
  const STAGE = {
    start: "診断の準備を始めています…",
    runtime: "Python (Pyodide) を読み込んでいます…",
    starting: "起動しています…",
    imports: "診断プログラムを準備しています…",
  };
  let knownTools = [];

  // ---- The worker: one for the whole visit (instant navigation keeps this script alive) --------
  let worker = null;
  let idle = null; // a worker created before use: see createIdleWorker
  let readyState = "none"; // none | loading | ready | failed
  let failure = "";
  let statusText = "";
  let nextId = 1;
  const pending = new Map(); // id -> { resolve, reject, started }
  const warmed = new Set(); // tools asked for with "warm" on this worker
  const statusListeners = new Set();

  function setStatus(text) {
    statusText = text;
    for (const fn of statusListeners) fn(text);
  }

  function megabytes(n) {
    return (n / 1e6).toFixed(1);
  }

  function fail(message) {
    readyState = "failed";
    failure = message || "診断プログラムを起動できませんでした";
    setStatus("診断プログラムを読み込めませんでした (" + failure + ")。もう一度「診断する」を押すと、読み込み直します。");
    for (const job of pending.values()) job.reject(new Error(failure));
    pending.clear();
  }

  function onMessage(data) {
    if (data.type === "progress") {
      (window.__explainStages = window.__explainStages || []).push([data.stage, Math.round(data.ms), Math.round(performance.now()), data.loaded, data.total]);
      if (readyState === "ready") return;
      if (data.stage === "download" && data.loaded !== undefined) {
        const of = data.total ? ` ${megabytes(data.loaded)} / ${megabytes(data.total)} MB` : ` ${megabytes(data.loaded)} MB`;
        setStatus(STAGE.runtime + of);
      } else {
        setStatus(STAGE[data.stage] || STAGE.start);
      }
    } else if (data.type === "ready") {
      readyState = "ready";
      knownTools = data.tools || knownTools;
      if (window.__explainReadyAt === undefined) {
        window.__explainReadyMs = data.ms; // worker start to ready
        window.__explainReadyAt = performance.now(); // page open to ready (read by the benchmark)
      }
      setStatus(READY_TEXT);
      cacheRuntimeForOffline();
    } else if (data.type === "warm-done") {
      if (window.__explainWarmAt === undefined) window.__explainWarmAt = performance.now();
    } else if (data.type === "failed") {
      fail(data.message);
    } else if (data.type === "result" || data.type === "error") {
      const job = pending.get(data.id);
      if (!job) return; // a cancelled run
      pending.delete(data.id);
      if (data.type === "result") job.resolve(data);
      else job.reject(new Error(data.message));
    }
  }

  function startWorker() {
    if (worker) return;
    readyState = "loading";
    failure = "";
    warmed.clear();
    setStatus(STAGE.start);
    // explain/'s <head> may have started the worker already (assets/js/explain-boot.js), or a
    // command page created it idle as it opened (createIdleWorker).
    const boot = window.__explainBoot;
    window.__explainBoot = undefined;
    let early = [];
    if (boot) {
      worker = boot.worker;
      early = boot.messages;
      for (const tool of ((document.querySelector('meta[name="explain-tools"]') || {}).content || "").split(" ")) {
        if (tool) warmed.add(tool);
      }
    } else if (idle) {
      worker = idle.worker;
      early = idle.messages;
    }
    idle = null;
    if (!worker) {
      try {
        worker = new Worker(workerURL, { type: "module" });
      } catch (err) {
        worker = null;
        early.push({ type: "failed", message: String(err && err.message ? err.message : err) });
      }
    }
    if (worker) {
      worker.onmessage = ({ data }) => onMessage(data);
      worker.onerror = (event) => {
        event.preventDefault();
        onMessage({ type: "failed", message: event.message || "" });
      };
    }
    for (const data of early) onMessage(data);
  }

  function stopWorker() {
    if (worker) worker.terminate();
    worker = null;
    readyState = "none";
    for (const job of pending.values()) job.reject(Object.assign(new Error("cancelled"), { cancelled: true }));
    pending.clear();
  }

  // Ask the worker to get these tools ready (fetch and import their explainers).
  function warm(tools) {
    if (readyState === "failed") return;
    startWorker();
    const todo = tools.filter((t) => !warmed.has(t));
    if (!todo.length || !worker) return;
    todo.forEach((t) => warmed.add(t));
    worker.postMessage({ type: "warm", tools: todo });
  }

  function explain(text, tool) {
    if (readyState === "failed") stopWorker(); // try again from the start
    // A run that is still busy with an older paste: stop it rather than wait for it.
    const now = performance.now();
    if (readyState === "ready" && [...pending.values()].some((job) => now - job.started > CANCEL_AFTER_MS)) {
      stopWorker();
      window.__explainRestarts = (window.__explainRestarts || 0) + 1;
    }
    return post({ text, tool, lang: "ja" }, tool, now);
  }

  // One request to the worker, answered by a "result" (or "error") message with the same id.
  function post(message, tool, now) {
    warm([tool]);
    if (readyState === "failed") return Promise.reject(new Error(failure));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, started: now });
      worker.postMessage({ id, ...message });
    });
  }

  // The copy to show a helper (bounce and header readers): computed by the same Python file.
  function redact(text, tool) {
    return post({ type: "redact", text, tool }, tool, performance.now());
  }

  function utf8Length(text) {
    if (text.length * 3 <= MAX_INPUT_BYTES) return text.length; // cannot be over the limit
    return new Blob([text]).size;
  }

  // ---- Rendering -------------------------------------------------------------------------------
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

  // Python's str.splitlines(): the explainers count their `lines` this way.
  const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
  function splitLines(text) {
    const lines = text.split(LINE_BREAK);
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    return lines;
  }

  // Which line numbers to show: all of them for ordinary pastes; for huge ones the first lines
  // and a few lines around every marked line, with gaps between.
  function visibleLines(count, marked) {
    if (count <= EVIDENCE_MAX_LINES) return null; // all
    const show = new Set();
    for (let n = 1; n <= Math.min(count, 50); n++) show.add(n);
    const hits = [...marked].filter((n) => n >= 1 && n <= count).sort((a, b) => a - b);
    for (const hit of hits) {
      if (show.size >= EVIDENCE_MAX_LINES) break;
      for (let n = Math.max(1, hit - EVIDENCE_CONTEXT); n <= Math.min(count, hit + EVIDENCE_CONTEXT); n++) show.add(n);
    }
    return [...show].sort((a, b) => a - b);
  }

  function renderEvidence(text, lines) {
    const marked = new Set(lines.map(Number));
    const pre = el("pre", { class: "paste-evidence", "data-testid": "explain-evidence" });
    const all = splitLines(text);
    const width = String(all.length).length;
    const row = (number) => {
      const line = el("span", {
        class: marked.has(number) ? "evidence-line evidence-line--hit" : "evidence-line",
        "data-line": String(number),
      });
      line.append(el("span", { class: "evidence-number", text: String(number).padStart(width, " ") + "  " }));
      line.append(document.createTextNode(all[number - 1] + "\n"));
      return line;
    };
    const shown = visibleLines(all.length, marked);
    if (!shown) {
      for (let n = 1; n <= all.length; n++) pre.append(row(n));
      return pre;
    }
    pre.dataset.truncated = "1";
    let previous = 0;
    for (const n of shown) {
      if (n > previous + 1) pre.append(el("span", { class: "evidence-gap", text: `… ${n - previous - 1} 行を省略 …\n` }));
      pre.append(row(n));
      previous = n;
    }
    if (previous < all.length) pre.append(el("span", { class: "evidence-gap", text: `… ${all.length - previous} 行を省略 …\n` }));
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

  function renderUnrecognized(result, data) {
    result.dataset.state = "unrecognized";
    const summary = data.report ? data.report.summary : "";
    const names = knownTools.map((t) => TOOL_NAMES[t] || t).join("、");
    result.append(
      el("p", {
        class: "paste-unrecognized",
        text: summary || `この内容は読み取れませんでした。読み取れるのは ${names} です。最初の行から最後の行まで、そのまま全部貼り付けてください。`,
      }),
    );
    if (data.report) result.append(el("p", {}, "判定したコマンド: ", el("code", { "data-testid": "explain-tool", text: data.tool || "" })));
  }

  const ORDER = ["error", "warning", "info", "ok"];
  function sortFindings(findings) {
    return [...(findings || [])].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
  }

  function renderFindings(findings, result) {
    const list = el("ol", { class: "findings" });
    for (const finding of findings) list.append(renderFinding(finding, result));
    return list;
  }

  // One command of a console session: its prompt line as a heading, its own summary and findings.
  function renderSection(section, result) {
    const block = el("section", { class: "paste-section", "data-testid": "explain-section", "data-tool": section.tool || "" });
    block.append(el("h3", { class: "paste-section-title" },
      el("code", { text: section.command || "?" }),
      el("span", { class: "paste-section-lines", text: ` (${section.start_line}〜${section.end_line} 行目)` })));
    const report = section.report;
    if (report && report.recognized) {
      block.append(el("p", { class: "paste-section-summary", text: report.summary || "" }));
      block.append(renderFindings(sortFindings(report.findings), result));
    } else {
      block.append(el("p", { class: "paste-unrecognized", text: "このコマンドの出力は読み取れませんでした。" }));
    }
    return block;
  }

  // Mail (bounce, headers): a copy with addresses, host names and IP addresses replaced, made in
  // this browser by the explainer's own redact code, to paste into a forum or send to a helper.
  const REDACT_TOOLS = ["bounce", "headers"];
  function redactButton(box, getText, tool) {
    const button = el("button", { type: "button", class: "md-button paste-redact", "data-testid": "redact-button", text: "相談用の写しを作る" });
    button.addEventListener("click", async () => {
      const text = getText();
      const old = box.querySelector(".paste-redacted");
      if (old) old.remove();
      if (!text.trim()) return;
      button.disabled = true;
      try {
        const data = await redact(text, tool);
        const output = el("textarea", { class: "paste-redacted-text", "data-testid": "redact-output", rows: "10", readonly: "", spellcheck: "false" });
        output.value = data.redacted || "";
        const copyButton = el("button", { type: "button", class: "md-button", text: "写しをコピー" });
        copyButton.addEventListener("click", async () => {
          try {
            await navigator.clipboard.writeText(output.value);
            copyButton.textContent = "コピーしました";
          } catch {
            output.select();
          }
        });
        box.append(el("div", { class: "paste-redacted" },
          el("p", { text: "メールアドレス、ホスト名、IP アドレス、名前と件名を置き換えた写しです (同じものには同じ置き換えを使っています)。送る前に、残っている個人的な内容がないか目で確かめてください。この写しもブラウザーの中だけで作りました。" }),
          output, copyButton));
      } catch (err) {
        if (!err.cancelled) box.append(el("p", { class: "paste-redacted", text: "写しを作れませんでした: " + err.message }));
      } finally {
        button.disabled = false;
      }
    });
    return button;
  }

  function renderResult(box, result, data, text) {
    result.replaceChildren();
    if (!data.report || !data.report.recognized) {
      renderUnrecognized(result, data);
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
    if (REDACT_TOOLS.includes(report.tool) && !box.querySelector('[data-testid="redact-button"]')) {
      header.append(redactButton(box, () => text, report.tool));
    }
    result.append(header);
    const findings = sortFindings(report.findings);
    result.append(renderFindings(findings, result));
    const sections = report.tool === "session" ? (report.data && report.data.sections) || [] : [];
    for (const section of sections) result.append(renderSection(section, result));
    const lines = findings.concat(...sections.map((s) => (s.report && s.report.findings) || [])).flatMap((f) => f.lines || []);
    const details = el("details", { class: "paste-evidence-box" }, el("summary", { text: "貼り付けた内容 (該当する行に色を付けています)" }));
    details.open = lines.length > 0;
    details.append(renderEvidence(text, lines));
    result.append(details);
    result.dataset.ms = String(Math.round(data.ms));
  }

  // ---- Paste boxes -----------------------------------------------------------------------------
  function bind(box) {
    if (box.dataset.bound) return;
    box.dataset.bound = "1";
    const input = box.querySelector('[data-testid="paste-input"]');
    const button = box.querySelector('[data-testid="explain-button"]');
    const result = box.querySelector('[data-testid="explain-result"]');
    const status = box.querySelector('[data-testid="explain-status"]');
    const tool = box.dataset.tool || "auto";
    let generation = 0;
    const showStatus = (text) => {
      if (!status.isConnected) return;
      status.textContent = text;
      const waiting = result.querySelector(".paste-waiting");
      if (waiting && result.dataset.state === "loading") waiting.textContent = text;
    };
    statusListeners.add(showStatus);
    if (readyState !== "none") showStatus(statusText);

    // Start Python on the first sign that someone is about to use this box.
    const intent = () => warm([tool]);
    for (const type of ["focusin", "pointerenter", "touchstart", "dragenter", "paste"]) {
      box.addEventListener(type, intent, { passive: true });
    }

    async function run() {
      const text = input.value;
      const mine = ++generation;
      if (!text.trim()) {
        result.dataset.state = "idle";
        result.replaceChildren(el("p", { text: "まだ何も貼り付けられていません。" }));
        return;
      }
      const size = utf8Length(text);
      if (size > MAX_INPUT_BYTES) {
        result.dataset.state = "error";
        result.replaceChildren(el("p", {
          class: "paste-too-large",
          "data-testid": "explain-too-large",
          text: `貼り付けた内容が大きすぎます (${megabytes(size)} MB)。診断できるのは 16 MB (${MAX_INPUT_BYTES.toLocaleString("ja-JP")} バイト) までです。コマンドの出力の、問題のありそうな部分だけを貼り付けてください。`,
        }));
        return;
      }
      result.dataset.state = "loading";
      const waitText = readyState === "ready" ? "診断しています…" : "診断プログラムの準備ができるまでお待ちください…";
      result.replaceChildren(el("p", { class: readyState === "ready" ? "" : "paste-waiting", text: readyState === "ready" ? waitText : statusText || waitText }));
      const clicked = performance.now();
      try {
        const data = await explain(text, tool);
        if (mine !== generation) return; // a newer paste renders its own result
        renderResult(box, result, data, text);
        result.dataset.renderMs = (performance.now() - clicked).toFixed(1);
      } catch (err) {
        if (err.cancelled || mine !== generation) return;
        result.dataset.state = "error";
        result.replaceChildren(el("p", { text: "診断中に問題が起きました: " + err.message }));
      }
    }
    button.addEventListener("click", run);
    input.addEventListener("paste", () => setTimeout(run, 0));
    if (REDACT_TOOLS.includes(tool)) button.after(redactButton(box, () => input.value, tool));
  }

  // ---- Script sources, loaded when a reader opens them ------------------------------------------
  function bindSource(holder) {
    if (holder.dataset.bound) return;
    holder.dataset.bound = "1";
    const details = holder.querySelector("details");
    const body = holder.querySelector("[data-source-body]");
    if (!details || !body) return;
    const load = async () => {
      if (!details.open || holder.dataset.loaded) return;
      holder.dataset.loaded = "loading";
      try {
        const response = await fetch(new URL(`assets/source/${holder.dataset.source}.html`, siteRoot));
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        // Our own build's highlighted code (scripts/mkdocs_hooks.py), never anything pasted.
        const doc = new DOMParser().parseFromString(await response.text(), "text/html");
        body.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
        holder.dataset.loaded = "1";
      } catch (err) {
        holder.dataset.loaded = "";
        body.querySelector("[data-source-status]")?.replaceChildren(
          document.createTextNode("読み込めませんでした (" + err.message + ")。下のリンクからファイルを開けます。"));
      }
    };
    details.addEventListener("toggle", load);
    load();
  }

  // ---- Offline: the service worker --------------------------------------------------------------
  let swRegistration = null;
  let updateAccepted = false;

  function showUpdateNotice(waiting) {
    if (document.querySelector('[data-testid="update-notice"]')) return;
    const reload = el("button", { type: "button", class: "md-button md-button--primary", text: "再読み込み" });
    const later = el("button", { type: "button", class: "md-button", text: "あとで" });
    const notice = el("div", { class: "update-notice", role: "status", "data-testid": "update-notice" },
      el("span", { text: "このサイトの新しい版があります。再読み込みすると切り替わります。" }), reload, later);
    reload.addEventListener("click", () => {
      updateAccepted = true;
      waiting.postMessage({ type: "skip-waiting" });
    });
    later.addEventListener("click", () => notice.remove());
    document.body.append(notice);
  }

  function registerServiceWorker() {
    if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker.register(new URL("sw.js", siteRoot), { scope: siteRoot.pathname }).then((registration) => {
      if (!registration) return; // blocked (e.g. by the browser's settings)
      swRegistration = registration;
      if (registration.waiting && navigator.serviceWorker.controller) showUpdateNotice(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const installing = registration.installing;
        if (!installing) return;
        installing.addEventListener("statechange", () => {
          if (installing.state === "installed" && navigator.serviceWorker.controller) showUpdateNotice(installing);
        });
      });
      if (readyState === "ready") cacheRuntimeForOffline();
    }, () => {});
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (updateAccepted) location.reload();
    });
    navigator.serviceWorker.addEventListener("message", ({ data }) => {
      if (data && data.type === "runtime-cached") window.__explainOffline = data.ok;
    });
  }

  // After a paste box has been used, keep Python for offline use as well.
  let runtimeCacheAsked = false;
  function cacheRuntimeForOffline() {
    if (runtimeCacheAsked || !swRegistration) return;
    navigator.serviceWorker.ready.then((registration) => {
      if (runtimeCacheAsked || !registration.active) return;
      runtimeCacheAsked = true;
      registration.active.postMessage({ type: "cache-runtime" });
    });
  }

  // Register once the page (and Python, when it is loading) no longer needs the line.
  function registerWhenIdle() {
    const later = () => {
      if (readyState === "loading") setTimeout(later, 1000);
      else registerServiceWorker();
    };
    if (document.readyState === "complete") setTimeout(later, 1000);
    else window.addEventListener("load", () => setTimeout(later, 1000), { once: true });
  }

  // A command page creates the worker as it opens: only its own script (a few KB) is loaded, and
  // the worker downloads nothing before the first request (warm), so that the first sign of use
  // starts the downloads at once. Its messages (a script that cannot load) are kept until then.
  function createIdleWorker() {
    if (worker || idle || !window.Worker) return;
    const waiting = { worker: null, messages: [] };
    try {
      waiting.worker = new Worker(workerURL, { type: "module" });
    } catch (err) {
      return; // startWorker tries again and reports it
    }
    waiting.worker.onmessage = (event) => waiting.messages.push(event.data);
    waiting.worker.onerror = (event) => {
      waiting.messages.push({ type: "failed", message: (event && event.message) || "" });
    };
    idle = waiting;
  }

  // ---- Page set-up (runs again after every instant navigation) ----------------------------------
  function init() {
    for (const fn of [...statusListeners]) statusListeners.delete(fn);
    const boxes = [...document.querySelectorAll("[data-paste-box]")];
    boxes.forEach(bind);
    // explain/ is opened to paste: Python starts at once. A command page waits for a sign of
    // use, unless Python is running already (then getting its explainer ready is cheap).
    const tools = [...new Set(boxes.map((b) => b.dataset.tool || "auto"))];
    if (tools.includes("auto") || (worker && readyState !== "failed")) warm(tools);
    else if (boxes.length) createIdleWorker();
    document.querySelectorAll(".snippet-source[data-source]").forEach(bindSource);
  }

  // explain/'s head started the worker: take it over now (before Material has set the page up).
  // A command page (this script comes after its content) creates its idle worker now as well.
  if (window.__explainBoot) startWorker();
  else if (document.querySelector("[data-paste-box]")) createIdleWorker();
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
  registerWhenIdle();
})();
