/* Japanese search worker for Material for MkDocs (replaces its lunr worker; same messages).
 *
 * scripts/search_hooks.py points Material's __config at this file and writes the index it
 * reads, search/search_ja.json. The index is fetched on the first non-empty query, never at
 * page load. Nothing leaves the browser.
 *
 * Matching: both the pages and the query are normalized alike (NFKC, lower case, ヶ/ヵ, a
 * katakana word's final ー dropped). Japanese is matched by character bigrams (as Lucene's
 * CJK analyzer does), latin words and codes (0x800ccc0f, 5.7.26, 550) as whole words from
 * their start. Each query word loses its inflected ending (できない, ません, なかった, ...),
 * a word glued by a particle (メールが受信) is split there, and synonyms from
 * scripts/search_synonyms.yml give alternative queries. Score: BM25-like weights per unit,
 * fields weighted title > keywords > heading > body > code, times the share of the word that
 * was found, so a partial match ranks below a full one instead of disappearing.
 */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const VERSION = new URL(self.location.href).searchParams.get("v");
const INDEX_URL = new URL("../../search/search_ja.json" + (VERSION ? "?v=" + VERSION : ""), self.location.href);

/* Field weights: page title, keywords and description (front matter, first entry only),
   section heading, section text, code blocks. */
const FIELDS = ["pt", "kw", "ds", "st", "tx", "cd"];
const WEIGHT = { pt: 8, kw: 5, ds: 2, st: 4, tx: 1, cd: 0.25 };
const MAX_PAGES = 30;

let options = { suggest: false };
let loading = null;
let store = null;

/* ---------------------------------------------------------------------------------------
 * Normalization (the same for pages and queries)
 * ------------------------------------------------------------------------------------- */

const isKatakana = c => c >= 0x30a1 && c <= 0x30fa;
const isHiragana = c => c >= 0x3041 && c <= 0x309f;
const isKanji = c => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c === 0x3005 || (c >= 0xf900 && c <= 0xfaff);
const isCJK = c => isKatakana(c) || isHiragana(c) || isKanji(c) || c === 0x30fc;
const isAlnum = c => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/** Normalize S; with withMap, also return for each output char the index in S it came from
 *  (slower: used only for the text shown in results). */
function normalize(s, withMap) {
  if (!withMap)
    return s.normalize("NFKC").toLowerCase()
      .replace(/ヶ/g, "ケ").replace(/ヵ/g, "カ")
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/\s+/g, " ")
      .replace(/(?<=[\u30a1-\u30fa\u30fc][\u30a1-\u30fa])ー(?![\u30a1-\u30fa\u30fc])/g, "");
  return normalizeMapped(s);
}

function normalizeMapped(s) {
  const withMap = true;
  let out = [];
  const map = withMap ? [] : null;
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i);
    const len = cp > 0xffff ? 2 : 1;
    let t;
    if (cp < 0x80) t = String.fromCharCode(cp).toLowerCase();
    else if (isHiragana(cp) || isKanji(cp) || (isKatakana(cp) && cp !== 0x30f6 && cp !== 0x30f5) || cp === 0x30fc)
      t = String.fromCharCode(cp);
    else {
      t = s.substr(i, len).normalize("NFKC").toLowerCase();
      t = t.replace(/ヶ/g, "ケ").replace(/ヵ/g, "カ").replace(/[\u2010-\u2015\u2212\uff0d]/g, "-");
      /* A half-width voiced mark after its kana: compose (ｶﾞ -> ガ). */
      if ((t === "\u3099" || t === "\u309a") && out.length) {
        const prev = out[out.length - 1];
        const composed = (prev + t).normalize("NFC");
        if (composed.length === 1) { out[out.length - 1] = composed; i += len; continue; }
      }
      if (/^\s+$/.test(t)) t = " ";
    }
    for (const ch of t) {
      out.push(ch);
      if (map) map.push(i);
    }
    i += len;
  }
  /* Drop ー that ends a katakana word of two or more letters (サーバー = サーバ). */
  const res = [];
  const rmap = withMap ? [] : null;
  for (let j = 0; j < out.length; j++) {
    const ch = out[j];
    if (ch === "ー" && j >= 2) {
      const a = out[j - 1].charCodeAt(0), b = out[j - 2].charCodeAt(0);
      const next = j + 1 < out.length ? out[j + 1].charCodeAt(0) : 0;
      if (isKatakana(a) && (isKatakana(b) || b === 0x30fc) && !isKatakana(next) && next !== 0x30fc) continue;
    }
    res.push(ch);
    if (rmap) rmap.push(map[j]);
  }
  return { text: res.join(""), map: rmap };
}

/** A title without spaces and brackets, to find a typed phrase in it. */
const squeeze = s => s.replace(/[\s「」『』()\[\]（）【】・、。,:;!?"']/g, "");

/* ---------------------------------------------------------------------------------------
 * Index
 * ------------------------------------------------------------------------------------- */

function escapeHTML(s) {
  return s.replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

/** Concatenate one field of every section into one string, to search all sections with one
 *  indexOf loop per unit; starts[i] is where section i begins. */
function column(values) {
  const starts = new Int32Array(values.length + 1);
  let parts = [], pos = 0;
  values.forEach((v, i) => { starts[i] = pos; parts.push(v); pos += v.length + 1; });
  starts[values.length] = pos;
  return { text: parts.join("\u0000"), starts };
}

function buildStore(data) {
  const sections = [];
  for (const page of data.pages) {
    const pt = normalize(page.t || "");
    const kw = normalize(page.k || "");
    const ds = normalize(page.d || "");
    page.s.forEach((s, i) => {
      sections.push({
        page, index: i,
        location: page.l + s[0],
        title: i === 0 ? page.t : s[1],
        text: s[2] || "",
        code: s[3] || "",
        pt, kw: i === 0 ? kw : "", ds: i === 0 ? ds : "",
        st: i === 0 ? "" : normalize(s[1] || ""),
        tx: normalize(s[2] || ""),
        cd: normalize(s[3] || ""),
      });
    });
  }
  for (const s of sections) s.sq = [s.pt, s.kw, s.ds, s.st].filter(Boolean).map(squeeze);
  const cols = {};
  for (const f of FIELDS) cols[f] = column(sections.map(s => s[f]));
  /* BM25's k1 (1.2) with length normalization (b = 0.6) for the long fields: a long
     output example does not outweigh a short paragraph that is about the words. */
  const norm = {};
  for (const f of FIELDS) {
    const lengths = sections.map(s => s[f].length);
    const avg = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.filter(Boolean).length) || 1;
    const b = f === "tx" || f === "cd" ? 0.6 : 0;
    norm[f] = Float32Array.from(lengths, len => 1.2 * (1 - b + b * len / avg));
  }
  /* Synonyms: normalized, each spelling pointing at its group. */
  const syn = new Map();
  for (const group of data.syn || []) {
    const norm = [...new Set(group.map(w => normalize(w).trim()).filter(Boolean))];
    for (const w of norm) syn.set(w, norm);
  }
  const synKeys = [...syn.keys()].sort((a, b) => b.length - a.length);
  /* Words in titles and headings, for suggestions. */
  const words = new Map();
  for (const s of sections)
    for (const w of (s.pt + " " + s.st).match(/[a-z0-9][a-z0-9._-]+/g) || [])
      words.set(w, (words.get(w) || 0) + 1);
  return { sections, cols, norm, syn, synKeys, words, present: new Map() };
}

function load() {
  if (!loading)
    loading = fetch(INDEX_URL, { credentials: "same-origin" })
      .then(r => { if (!r.ok) throw new Error("search index: HTTP " + r.status); return r.json(); })
      .then(data => (store = buildStore(data)))
      .catch(err => { loading = null; throw err; });
  return loading;
}

/* ---------------------------------------------------------------------------------------
 * Query analysis
 * ------------------------------------------------------------------------------------- */

const ENDINGS = [
  "できませんでした", "できなかった", "できません", "できないです", "できない", "できなく", "できず",
  "されませんでした", "されなかった", "されません", "されない", "されなく",
  "られませんでした", "られなかった", "られません", "られない",
  "れませんでした", "れなかった", "れません", "れない",
  "ていませんでした", "ていません", "ていない", "てません", "てない",
  "ませんでした", "ません", "なかった", "ないです", "ない", "なく",
  "しています", "している", "してる", "しました", "します", "したい", "した", "して", "する",
  "ています", "ている", "てる", "ました", "ます", "たい", "えた", "った", "いた", "んだ",
];
const A_ROW = new Set([..."かがさたなばまらわ"]);
const PARTICLE_SPLIT = /(?<=[\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3005a-z0-9])[がをはにでのへともや](?=[\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3005a-z0-9])/g;

const CONJUNCTIONS = ["のに", "ので", "けど", "から", "って", "と", "が", "ても", "ては"];
/* A particle run left at the end of a word after kanji, katakana or latin (メールが, パソコンからの). */
const TRAILING_PARTICLES = /(?<=[\u30a1-\u30fa\u30fc\u4e00-\u9fff\u3005a-z0-9])(?:なのに|のに|ので|から|まで|より|とは|には|では|への|での|との|にも|でも|など|[がをはにでのへともや])+$/;

/* Where hiragana meets kanji or katakana a new phrase usually starts (届かないと|言われた). */
const CHUNK_SPLIT = /(?<=[\u3041-\u309f])(?=[\u30a1-\u30fa\u4e00-\u9fff\u3005])/;

/** Drop an inflected ending (and a conjunction after it: 届かないと -> 届) from a word. */
function stem(word) {
  const s = stemEnding(word);
  if (s !== word) return s;
  for (const c of CONJUNCTIONS)
    if (word.length > c.length + 1 && word.endsWith(c)) {
      const inner = word.slice(0, -c.length);
      const t = stemEnding(inner);
      if (t !== inner) return t;
    }
  return word.replace(TRAILING_PARTICLES, "") || word;
}

/** Drop an inflected ending from a Japanese word; '' when nothing but the ending was there. */
function stemEnding(word) {
  const last = word.charCodeAt(word.length - 1);
  if (!isHiragana(last)) return word;
  for (const e of ENDINGS) {
    if (word.length > e.length && word.endsWith(e)) {
      let s = word.slice(0, -e.length);
      /* 届か(ない) -> 届, つながら(ない) -> つなが: the a-row kana before ない goes too. */
      if (s.length >= 2 && A_ROW.has(s[s.length - 1]) && /ない|なかった|なく|ず$/.test(e)) s = s.slice(0, -1);
      return s;
    }
    if (word === e) return "";
  }
  return word;
}

const script = c => (isKatakana(c) || c === 0x30fc ? 1 : isHiragana(c) ? 2 : 3);

/** Units of one (normalized, stemmed) word: latin words/codes and CJK bigrams (or a single
 *  CJK char when that is all there is). */
function units(word) {
  const out = [];
  const re = /[a-z0-9]+(?:[._\-@][a-z0-9]+)*|[\u3041-\u309f\u30a1-\u30fa\u30fc\u3400-\u9fff\uf900-\ufaff\u3005]+/g;
  let m;
  while ((m = re.exec(word))) {
    const seg = m[0];
    if (isAlnum(seg.charCodeAt(0))) out.push({ u: seg, latin: true, w: 1 });
    else if (seg.length === 1) out.push({ u: seg, latin: false, w: 1 });
    else for (let i = 0; i + 1 < seg.length; i++) {
      /* A bigram across a change of script (ル送 in メール送信) is mostly glue between two
         words: it counts a fifth as much as one inside a word. */
      const glue = script(seg.charCodeAt(i)) !== script(seg.charCodeAt(i + 1));
      out.push({ u: seg.substr(i, 2), latin: false, w: glue ? 0.2 : 1 });
    }
  }
  return out;
}

function present(st, word) {
  let p = st.present.get(word);
  if (p === undefined) st.present.set(word, p = FIELDS.some(f => st.cols[f].text.includes(word)));
  return p;
}

/** Alternative spellings of the query from the synonym table (the typed query first). */
function variants(q, st) {
  const hits = [];
  let i = 0;
  while (i < q.length) {
    let found = null;
    for (const k of st.synKeys) if (q.startsWith(k, i)) {
      /* A latin spelling must be a whole word (not 'pop' inside 'pop3'). */
      const before = i ? q.charCodeAt(i - 1) : 0, after = q.charCodeAt(i + k.length) || 0;
      if (isAlnum(k.charCodeAt(0)) && isAlnum(before)) continue;
      if (isAlnum(k.charCodeAt(k.length - 1)) && isAlnum(after)) continue;
      found = k; break;
    }
    if (found) { hits.push({ at: i, key: found }); i += found.length; } else i++;
  }
  let out = [{ q, w: 1 }];
  for (const h of hits.reverse()) {
    const next = [];
    /* Only spellings the site uses: ジーメール for gmail would match just its メール. */
    const alts = st.syn.get(h.key).filter(alt => alt === h.key || present(st, alt));
    for (const v of out) for (const alt of alts) {
      const left = v.q.slice(0, h.at), right = v.q.slice(h.at + h.key.length);
      /* Spaces only where latin letters would otherwise run together. */
      const gapL = left && isAlnum(left.charCodeAt(left.length - 1)) && isAlnum(alt.charCodeAt(0)) ? " " : "";
      const gapR = right && isAlnum(right.charCodeAt(0)) && isAlnum(alt.charCodeAt(alt.length - 1)) ? " " : "";
      const q2 = alt === h.key ? v.q : left + gapL + alt + gapR + right;
      next.push({ q: q2, w: alt === h.key ? v.w : v.w * 0.8 });
    }
    out = next.slice(0, 24);
  }
  return out;
}

/** Words of one query variant, each with its units. */
function analyse(q) {
  const words = [];
  for (let raw of q.split(/[\s"'`!?,;:()\[\]{}<>「」『』【】（）、。・=*+~^|\\/]+/)) {
    raw = raw.replace(/^[-.]+|[-.]+$/g, "");
    if (!raw) continue;
    for (const part of raw.split(PARTICLE_SPLIT).flatMap(p => p.split(CHUNK_SPLIT))) {
      const s = stem(part);
      if (!s) continue;
      const u = units(s);
      if (u.length) words.push({ word: s, typed: part, units: u });
    }
  }
  return words;
}

/* ---------------------------------------------------------------------------------------
 * Matching
 * ------------------------------------------------------------------------------------- */

/** Per section, how often UNIT occurs in each field (capped); cached per query. */
function occurrences(st, unit, cache) {
  const key = (unit.latin ? "L" : "C") + unit.u;
  let hit = cache.get(key);
  if (hit) return hit;
  const n = st.sections.length;
  hit = { df: 0, tf: {} };
  const any = new Uint8Array(n);
  for (const f of FIELDS) {
    const { text, starts } = st.cols[f];
    let counts = null;
    let sec = 0;
    for (let p = text.indexOf(unit.u); p !== -1; p = text.indexOf(unit.u, p + 1)) {
      let value = 1;
      if (unit.latin) {
        const before = p ? text.charCodeAt(p - 1) : 0;
        if (isAlnum(before)) continue;
        const after = text.charCodeAt(p + unit.u.length) || 0;
        if (isAlnum(after)) {
          /* A number matches only whole (550 is not 5500); a word also by its start. */
          if (/[0-9]$/.test(unit.u) && after >= 0x30 && after <= 0x39) continue;
          value = 0.5;
        }
      }
      while (starts[sec + 1] <= p) sec++;
      if (!counts) counts = new Float32Array(n);
      if (counts[sec] < 8) counts[sec] += value;
      any[sec] = 1;
    }
    if (counts) hit.tf[f] = counts;
  }
  for (let i = 0; i < n; i++) hit.df += any[i];
  /* BM25's idf plus a floor, so a word on every page still counts where it is a title. */
  hit.idf = 0.5 + Math.log(1 + (n - hit.df + 0.5) / (hit.df + 0.5));
  cache.set(key, hit);
  return hit;
}

function scoreVariant(st, words, cache, scores, weight, detail) {
  const n = st.sections.length;
  const total = new Float64Array(n);
  const matchedWords = new Float64Array(n);
  const counted = words.filter(w => w.units.some(u => occurrences(st, u, cache).df > 0));
  for (const w of counted) {
    const occ = w.units.map(u => occurrences(st, u, cache));
    let idfSum = 0;
    occ.forEach((o, j) => { if (o.df > 0) idfSum += o.idf * w.units[j].w; });
    const phrase = w.word.length >= 2 && !/\s/.test(w.word) ? w.word : null;
    for (let i = 0; i < n; i++) {
      let s = 0, covered = 0;
      for (let j = 0; j < occ.length; j++) {
        const o = occ[j];
        if (!o.df) continue;
        let unitScore = 0;
        for (const f of FIELDS) {
          const c = o.tf[f];
          if (c && c[i]) unitScore += WEIGHT[f] * c[i] / (c[i] + st.norm[f][i]);
        }
        if (unitScore) { covered += o.idf * w.units[j].w; s += o.idf * w.units[j].w * unitScore; }
      }
      if (!covered) continue;
      const coverage = covered / idfSum;
      s *= coverage * coverage;
      /* The whole word, as typed (after normalization), in one field. */
      if (phrase && occ.length > 1 && coverage > 0.99) {
        const sec = st.sections[i];
        for (const f of FIELDS)
          if (sec[f].includes(phrase) || (f !== "tx" && f !== "cd" && sec[f].replace(/ /g, "").includes(phrase))) {
            s += idfSum * WEIGHT[f] * 0.5;
            break;
          }
      }
      /* The word with its ending, as typed, in a title (受信できない in メールが受信できない). */
      if (w.typed !== w.word && w.typed.length >= 3 && coverage > 0.99) {
        const sec = st.sections[i];
        for (const f of ["pt", "kw", "st"]) if (sec[f].includes(w.typed)) { s += idfSum * WEIGHT[f] * 0.5; break; }
      }
      total[i] += s;
      matchedWords[i] += coverage;
    }
  }
  const k = counted.length || 1;
  for (let i = 0; i < n; i++) {
    if (!total[i]) continue;
    const all = matchedWords[i] / k;
    const value = weight * total[i] * (0.25 + 0.75 * all * all);
    if (value > scores[i]) { scores[i] = value; detail[i] = counted; }
  }
}

/* ---------------------------------------------------------------------------------------
 * Result rendering (Material's SearchResult shape)
 * ------------------------------------------------------------------------------------- */

/** Marked HTML of S for the units in WORDS (at most LIMIT chars around the first match, or
 *  all of S), and the marked words as the page writes them (for Material's on-page marks). */
function mark(s, words, limit, windowed) {
  if (!s) return { html: "", surfaces: [] };
  let offset = 0;
  if (limit && !windowed && s.length > limit + 400) {
    /* Normalize only a window around the first match: normalization keeps lengths nearly
       the same, so the first match in the normalized text is close to the same place. */
    const whole = normalize(s);
    let first = whole.length;
    for (const w of words) for (const u of w.units) {
      const p = whole.indexOf(u.u);
      if (p !== -1 && p < first) first = p;
    }
    if (first === whole.length) first = 0;
    offset = Math.max(0, first - 120);
    const end = Math.min(s.length, offset + limit + 240);
    const inner = mark(s.slice(offset, end), words, limit, true);
    return {
      html: (offset ? "…" : "") + inner.html.replace(/^…/, "") + (end < s.length && !inner.html.endsWith("…") ? "…" : ""),
      surfaces: inner.surfaces,
    };
  }
  const { text, map } = normalize(s, true);
  const on = new Uint8Array(text.length);
  for (const w of words) for (const u of w.units) {
    for (let p = text.indexOf(u.u); p !== -1; p = text.indexOf(u.u, p + 1)) {
      if (u.latin && p && isAlnum(text.charCodeAt(p - 1))) continue;
      on.fill(1, p, p + u.u.length);
    }
  }
  /* Ranges in the original string. */
  const ranges = [];
  for (let j = 0; j < text.length; j++) {
    if (!on[j]) continue;
    let e = j;
    while (e + 1 < text.length && on[e + 1]) e++;
    const a = map[j], b = e + 1 < map.length ? map[e + 1] : s.length;
    ranges.push([a, b]);
    j = e;
  }
  let from = 0, to = s.length;
  if (limit && s.length > limit) {
    const first = ranges.length ? ranges[0][0] : 0;
    from = Math.max(0, first - 40);
    to = Math.min(s.length, from + limit);
  }
  let html = from ? "…" : "", pos = from;
  const surfaces = [];
  for (const [a, b] of ranges) {
    if (b <= from || a >= to) continue;
    const a2 = Math.max(a, from), b2 = Math.min(b, to);
    html += escapeHTML(s.slice(pos, a2)) + "<mark>" + escapeHTML(s.slice(a2, b2)) + "</mark>";
    pos = b2;
    const surface = s.slice(a, b).trim();
    if (surface.length >= 2) surfaces.push(surface);
  }
  html += escapeHTML(s.slice(pos, to)) + (to < s.length ? "…" : "");
  return { html, surfaces };
}

function item(st, i, score, words) {
  const sec = st.sections[i];
  const title = mark(sec.title, words, 0);
  const body = mark(sec.text || sec.code, words, 220);
  const terms = {};
  for (const t of [...title.surfaces, ...body.surfaces].slice(0, 8)) terms[t] = true;
  return {
    location: sec.location,
    title: title.html,
    text: body.html ? "<p>" + body.html + "</p>" : "",
    score,
    terms,
  };
}

const MAX_QUERY = 200;

function search(raw) {
  const st = store;
  /* A pasted page of text is not a query: its start is matched, in bounded time. */
  raw = raw.slice(0, MAX_QUERY);
  const q = normalize(raw).trim();
  if (!q) return { items: [] };
  const cache = new Map();
  const n = st.sections.length;
  const scores = new Float64Array(n);
  const detail = new Array(n);
  for (const v of variants(q, st)) scoreVariant(st, analyse(v.q), cache, scores, v.w, detail);

  /* A section holding the whole query as typed (an error message, a title) goes up. */
  const phrase = squeeze(q);
  if (phrase.length >= 4)
    for (let i = 0; i < n; i++) {
      if (!scores[i]) continue;
      const sec = st.sections[i];
      if (sec.sq.some(f => f.includes(phrase))) scores[i] *= 1 + Math.min(phrase.length, 12) / 6;
      /* In the text it counts a little less, but a long exact phrase (an error message as the
         reader saw it) is strong evidence wherever it is. */
      else if (sec.tx.includes(q) || sec.cd.includes(q)) scores[i] *= 1 + Math.min(phrase.length, 12) / 8;
    }

  /* Pages ranked by their best section; a page's own boost multiplies. */
  const pages = new Map();
  for (let i = 0; i < n; i++) {
    if (!scores[i]) continue;
    const sec = st.sections[i];
    const s = scores[i] * (sec.page.b || 1);
    let p = pages.get(sec.page);
    if (!p) pages.set(sec.page, p = { best: 0, items: [] });
    p.best = Math.max(p.best, s);
    p.items.push([i, s]);
  }
  /* Partial matches stay, below the full ones; pages far below the best are only noise. */
  const top = Math.max(0, ...[...pages.values()].map(p => p.best));
  const ranked = [...pages.entries()]
    .filter(([, p]) => p.best >= top * 0.04)
    .sort((a, b) => b[1].best - a[1].best)
    .slice(0, MAX_PAGES);
  const items = ranked.map(([page, p]) => {
    p.items.sort((a, b) => b[1] - a[1]);
    const group = p.items.slice(0, 8).map(([i, s]) => item(st, i, s, detail[i] || []));
    if (!group.some(g => g.location === page.l))
      group.push({ location: page.l, title: escapeHTML(page.t), text: "", score: 0, terms: {} });
    return group;
  });

  let suggest;
  if (options.suggest) {
    suggest = [];
    const last = raw.split(/[\s-]+/).pop();
    if (last && /^[a-z0-9]{2,}$/.test(last)) {
      let best = null, count = 0;
      for (const [w, c] of st.words) if (w.length > last.length && w.startsWith(last) && c > count) { best = w; count = c; }
      if (best) suggest.push(best);
    }
  }
  return suggest ? { items, suggest } : { items };
}

/* ---------------------------------------------------------------------------------------
 * Messages
 * ------------------------------------------------------------------------------------- */

addEventListener("message", async ev => {
  const message = ev.data || {};
  if (message.type === SETUP) {
    options = (message.data && message.data.options) || options;
    postMessage({ type: READY });
    return;
  }
  if (message.type === QUERY) {
    const value = String(message.data || "");
    if (!value.trim()) {
      postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    try {
      await load();
      postMessage({ type: RESULT, data: search(value) });
    } catch (err) {
      console.warn("search:", err);
      postMessage({ type: RESULT, data: { items: [] } });
    }
  }
});
