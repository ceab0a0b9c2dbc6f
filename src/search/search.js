// cairn search: the browser half of DESIGN §7. The tokenizer repeats src/search/tokenize.rs
// rule for rule (tests/it/search.rs runs both over the same strings); the rest fetches
// only the index shards of the query's terms and shows results. No third-party code, and
// nothing from the index is ever inserted as HTML: every string goes in as text.
(() => {
  'use strict';

  // ---- Tokenizer (same rules as tokenize.rs) ----
  let fold = new Map();
  const setFold = (pairs) => {
    fold = new Map();
    const cs = Array.from(pairs);
    for (let i = 0; i + 1 < cs.length; i += 2) fold.set(cs[i], cs[i + 1]);
  };
  const normalize = (s) => Array.from(s.normalize('NFKC'), (c) => fold.get(c) || c).join('');
  const isCjk = (c) => {
    const p = c.codePointAt(0);
    return (p >= 0x1100 && p <= 0x11ff) || (p >= 0x3005 && p <= 0x3007) ||
      (p >= 0x3040 && p <= 0x30ff) || (p >= 0x3130 && p <= 0x318f) ||
      (p >= 0x31f0 && p <= 0x31ff) || (p >= 0x3400 && p <= 0x4dbf) ||
      (p >= 0x4e00 && p <= 0x9fff) || (p >= 0xac00 && p <= 0xd7af) ||
      (p >= 0xf900 && p <= 0xfaff) || (p >= 0x20000 && p <= 0x3134f);
  };
  const ALNUM = /[\p{Alphabetic}\p{N}]/u, ALPHA = /\p{Alphabetic}/u, NUM = /\p{N}/u;
  const LOWER = /\p{Lowercase}/u, UPPER = /\p{Uppercase}/u;
  const isWord = (c) => c === '_' || (ALNUM.test(c) && !isCjk(c));
  const MAX_WORD = 40;

  // Calls run(chars, isCjkRun) for every run of normalized text.
  const eachRun = (text, run) => {
    const cs = Array.from(text);
    let i = 0;
    while (i < cs.length) {
      const start = i;
      if (isCjk(cs[i])) {
        while (i < cs.length && isCjk(cs[i])) i++;
        run(cs.slice(start, i), true, start);
      } else if (isWord(cs[i])) {
        while (i < cs.length && isWord(cs[i])) i++;
        run(cs.slice(start, i), false, start);
      } else i++;
    }
  };
  const cjkRun = (cs, emit) => {
    for (let i = 0; i < cs.length; i++) {
      emit(cs[i]);
      if (i + 1 < cs.length) emit(cs[i] + cs[i + 1]);
    }
  };
  const boundary = (p, c, n) =>
    (ALPHA.test(p) !== ALPHA.test(c) && (NUM.test(p) || NUM.test(c))) ||
    (LOWER.test(p) && UPPER.test(c)) ||
    (UPPER.test(p) && UPPER.test(c) && n !== undefined && LOWER.test(n));
  const wordParts = (cs) => {
    const parts = [];
    let start = 0;
    for (let i = 0; i < cs.length; i++) {
      if (cs[i] === '_') {
        if (i > start) parts.push(cs.slice(start, i));
        start = i + 1;
      } else if (i > start && boundary(cs[i - 1], cs[i], cs[i + 1])) {
        parts.push(cs.slice(start, i));
        start = i;
      }
    }
    if (start < cs.length) parts.push(cs.slice(start));
    return parts;
  };
  const emitWord = (w, emit) => {
    const lower = w.toLowerCase();
    if (Array.from(lower).length > MAX_WORD) return;
    emit(/^[a-z]+$/.test(lower) ? stem(lower) : lower);
  };
  const wordRun = (cs, emit) => {
    const whole = cs.filter((c) => c !== '_').join('');
    if (!whole) return;
    emitWord(whole, emit);
    const parts = wordParts(cs);
    if (parts.length > 1) for (const p of parts) emitWord(p.join(''), emit);
  };
  const tokenize = (text) => {
    const out = [];
    eachRun(normalize(text), (cs, cjk) => (cjk ? cjkRun : wordRun)(cs, (t) => out.push(t)));
    return out;
  };

  // ---- Snowball English (Porter2), as rust-stemmers 1.2 runs it ----
  const isV = (c) => 'aeiouy'.includes(c);
  const EX1 = {
    skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl',
    gently: 'gentl', ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl', sky: 'sky',
    news: 'news', howe: 'howe', atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes',
  };
  const EX2 = ['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed'];
  const STEP2 = [['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'],
    ['iveness', 'ive'], ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'],
    ['ation', 'ate'], ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'],
    ['fulli', 'ful'], ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'],
    ['ator', 'ate'], ['alli', 'al'], ['bli', 'ble'], ['ogi', 'og'], ['li', '']];
  const STEP3 = [['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'],
    ['iciti', 'ic'], ['ative', ''], ['ical', 'ic'], ['ness', ''], ['ful', '']];
  const STEP4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate',
    'iti', 'ous', 'ive', 'ize', 'ion', 'al', 'er', 'ic'];
  // A short syllable ending `w` (Snowball's `shortv`, read backwards from the end).
  const shortv = (w) => {
    const n = w.length;
    if (n >= 3 && !isV(w[n - 1]) && !'wxY'.includes(w[n - 1]) && isV(w[n - 2]) && !isV(w[n - 3])) return true;
    return n === 2 && !isV(w[1]) && isV(w[0]);
  };
  const longest = (w, list) => list.find((e) => w.endsWith(typeof e === 'string' ? e : e[0]));
  function stem(word) {
    if (EX1[word] !== undefined) return EX1[word];
    if (word.length < 3) return word;
    let w = word.replace(/^y/, 'Y').replace(/([aeiouy])y/g, '$1Y');
    while (/[aeiouy]y/.test(w)) w = w.replace(/([aeiouy])y/, '$1Y');
    const n = w.length;
    let p1 = n, p2 = n;
    const m = /^(gener|commun|arsen)/.exec(w) || /^[^aeiouy]*[aeiouy]+[^aeiouy]/.exec(w);
    if (m) {
      p1 = m[0].length;
      const m2 = /^[^aeiouy]*[aeiouy]+[^aeiouy]/.exec(w.slice(p1));
      if (m2) p2 = p1 + m2[0].length;
    }
    // Step 1a
    if (w.endsWith('sses')) w = w.slice(0, -2);
    else if (w.endsWith('ied') || w.endsWith('ies')) w = w.slice(0, -3) + (w.length > 4 ? 'i' : 'ie');
    else if (w.endsWith('us') || w.endsWith('ss')) { /* unchanged */ }
    else if (w.endsWith('s') && /[aeiouy]/.test(w.slice(0, -2))) w = w.slice(0, -1);
    if (!EX2.includes(w)) {
      w = step1b(w, p1);
      if (/[yY]$/.test(w) && w.length > 2 && !isV(w[w.length - 2])) w = w.slice(0, -1) + 'i';
      const s2 = longest(w, STEP2);
      if (s2 && w.length - s2[0].length >= p1) {
        const pre = w.slice(0, -s2[0].length);
        if (s2[0] === 'ogi') { if (pre.endsWith('l')) w = pre + 'og'; }
        else if (s2[0] === 'li') { if ('cdeghkmnrt'.includes(pre.slice(-1)) && pre) w = pre; }
        else w = pre + s2[1];
      }
      const s3 = longest(w, STEP3);
      if (s3 && w.length - s3[0].length >= p1) {
        if (s3[0] !== 'ative' || w.length - 5 >= p2) w = w.slice(0, -s3[0].length) + s3[1];
      }
      const s4 = longest(w, STEP4);
      if (s4 && w.length - s4.length >= p2) {
        const pre = w.slice(0, -s4.length);
        if (s4 !== 'ion' || /[st]$/.test(pre)) w = pre;
      }
      if (w.endsWith('e')) {
        const pre = w.slice(0, -1);
        if (pre.length >= p2 || (pre.length >= p1 && !shortv(pre))) w = pre;
      } else if (w.endsWith('ll') && w.length - 1 >= p2) w = w.slice(0, -1);
    }
    return w.replace(/Y/g, 'y');
  }
  function step1b(w, p1) {
    const suf = longest(w, ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed']);
    if (!suf) return w;
    const pre = w.slice(0, -suf.length);
    if (suf === 'eed' || suf === 'eedly') return pre.length >= p1 ? pre + 'ee' : w;
    if (!/[aeiouy]/.test(pre)) return w;
    if (/(at|bl|iz)$/.test(pre)) return pre + 'e';
    if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(pre)) return pre.slice(0, -1);
    return pre.length === p1 && shortv(pre) ? pre + 'e' : pre;
  }

  const api = { normalize, tokenize, stem, setFold };
  if (typeof document === 'undefined') {
    globalThis.cairnSearch = api;
    return;
  }

  // ---- Index access ----
  const form = document.querySelector('[data-cairn-search]');
  if (!form) return;
  const D = form.dataset;
  const SHARDS = Number(D.shards);
  const PAGE = 10;
  // Fragments sit in folders of this many; index.rs FRAGMENTS_PER_FOLDER (a test checks).
  const FRAGMENTS_PER_FOLDER = 256;
  const files = new Map();
  const get = (path) => {
    if (!files.has(path)) {
      files.set(path, fetch(`${D.base}search/${path}?v=${D.version}`).then((r) => {
        if (!r.ok) throw new Error(`${path}: ${r.status}`);
        return r.json();
      }));
    }
    return files.get(path);
  };
  const fnv = (s) => {
    let h = 0x811c9dc5;
    for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    return h;
  };
  const lists = new Map();
  // A term's postings as far as loaded: value (id×8+kind) → score, best first.
  const list = (term) => {
    if (!lists.has(term)) {
      lists.set(term, get(`s/${fnv(term) % SHARDS}.json`).then((shard) => {
        const e = Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : null;
        if (!e) return null;
        const l = { term, df: e[0], ov: e[1], chunks: 0, scores: new Map(), order: [], floor: 0 };
        add(l, e, 2);
        return l;
      }));
    }
    return lists.get(term);
  };
  const add = (l, a, from) => {
    for (let i = from; i + 1 < a.length; i += 2) {
      l.scores.set(a[i], a[i + 1]);
      l.order.push(a[i]);
      l.floor = a[i + 1];
    }
  };
  const complete = (l) => l.scores.size >= l.df;
  const deeper = async (l) => {
    if (complete(l)) return false;
    l.chunks += 1;
    const a = (await get(`o/${l.ov}-${l.chunks}.json`)).slice();
    for (let i = 2; i < a.length; i += 2) a[i] += a[i - 2]; // values are stored as deltas
    add(l, a, 0);
    return true;
  };

  // ---- Query ----
  const parse = (q) => {
    const terms = new Set(), phrases = [];
    eachRun(normalize(q), (cs, cjk) => {
      if (!cjk) return wordRun(cs, (t) => terms.add(t));
      if (cs.length === 1) terms.add(cs[0]);
      for (let i = 0; i + 1 < cs.length; i++) terms.add(cs[i] + cs[i + 1]);
      if (cs.length > 1) phrases.push(cs.join(''));
    });
    return { terms: [...terms], phrases };
  };
  const KINDS = ['qa', 'solution', 'talk', 'page', 'member'];
  // Candidates from the rarest list; terms a candidate lacks in a list not yet fully
  // loaded are checked against its fragment later.
  const rank = (driver, all, kind, newest) => {
    const out = [];
    for (const v of driver.order) {
      if (kind >= 0 && (v & 7) !== kind) continue;
      let score = 0, ok = true;
      const check = [];
      for (const l of all) {
        const s = l.scores.get(v);
        if (s !== undefined) score += s;
        else if (complete(l)) { ok = false; break; } else { score += l.floor; check.push(l.term); }
      }
      if (ok) out.push({ v, score, check });
    }
    return out.sort(newest ? (a, b) => a.v - b.v : (a, b) => b.score - a.score || a.v - b.v);
  };
  // Everything the index saw of a page, as text: title, tags, people (names and handles)
  // and body.
  const haystack = (f) =>
    normalize([f.t, ...f.g.map((g) => g[0]), ...f.p.map((p) => `${p[0]} ${p[1] || ''}`), f.x].join('\n'));
  // Whether a page really holds the query: Chinese phrases adjacent, every term present.
  const verify = (f, c, phrases) => {
    const hay = haystack(f);
    if (!phrases.every((p) => hay.includes(p))) return false;
    let tokens = null;
    return c.check.every((t) => {
      if (t.startsWith('t:')) return f.g.some((g) => g[1] === t.slice(2));
      if (t.startsWith('m:')) return f.p.some((p) => p[1] === t.slice(2));
      tokens = tokens || new Set(tokenize(hay));
      return tokens.has(t);
    });
  };
  async function search(query, want, isCurrent) {
    const { terms, phrases } = parse(query.q);
    const filters = [];
    if (query.tag) filters.push(`t:${query.tag}`);
    if (query.member) filters.push(`m:${query.member}`);
    const all = await Promise.all([...terms, ...filters].map(list));
    if (!all.length || all.some((l) => !l)) return { hits: [] };
    const driver = all.reduce((a, b) => (b.df < a.df ? b : a));
    const hits = [], seen = new Set();
    for (;;) {
      const queue = rank(driver, all, KINDS.indexOf(query.kind), query.sort === 'newest')
        .filter((c) => !seen.has(c.v));
      while (queue.length && hits.length < want) {
        const batch = queue.splice(0, PAGE);
        const frags = await Promise.all(batch.map((c) => get(`f/${Math.floor((c.v >> 3) / FRAGMENTS_PER_FOLDER)}/${c.v >> 3}.json`)));
        if (!isCurrent()) return null;
        batch.forEach((c, i) => {
          seen.add(c.v);
          if (hits.length < want && verify(frags[i], c, phrases)) hits.push(frags[i]);
        });
      }
      if (hits.length >= want || !(await deeper(driver))) return { hits };
    }
  }

  // ---- Showing results: text nodes and <mark>, never HTML ----
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // Character ranges of `text` that match the query, found on folded text.
  const marks = (text, q) => {
    const cs = Array.from(text);
    const folded = cs.map((c) => normalize(c.toLowerCase()));
    const hit = new Uint8Array(cs.length);
    const runs = [];
    let i = 0;
    while (i < cs.length) {
      const cjk = isCjk(folded[i][0] || ' '), word = !cjk && isWord(folded[i][0] || ' ');
      const s = i;
      if (cjk) while (i < cs.length && isCjk(folded[i][0] || ' ')) i++;
      else if (word) while (i < cs.length && isWord(folded[i][0] || ' ')) i++;
      else { i++; continue; }
      runs.push([s, i, cjk]);
    }
    const cjkParts = q.terms.filter((t) => isCjk(t[0]));
    for (const [s, e, cjk] of runs) {
      if (cjk) {
        const str = folded.slice(s, e).join('');
        for (const t of cjkParts) {
          for (let at = str.indexOf(t); at >= 0; at = str.indexOf(t, at + 1)) hit.fill(1, s + at, s + at + Array.from(t).length);
        }
      } else {
        const found = [];
        wordRun(Array.from(normalize(cs.slice(s, e).join(''))), (t) => found.push(t));
        if (found.some((t) => q.terms.includes(t))) hit.fill(1, s, e);
      }
    }
    return { cs, hit };
  };
  const render = (parent, cs, hit, from, to) => {
    let i = from;
    while (i < to) {
      const on = hit[i];
      let j = i;
      while (j < to && hit[j] === on) j++;
      const chunk = cs.slice(i, j).join('');
      parent.append(on ? el('mark', '', chunk) : document.createTextNode(chunk));
      i = j;
    }
  };
  const excerpt = (text, q) => {
    const { cs, hit } = marks(text.replace(/\s+/g, ' '), q);
    const first = Math.max(0, hit.indexOf(1));
    const from = Math.max(0, first - 60), to = Math.min(cs.length, from + 180);
    const p = el('p', 'search-excerpt');
    if (from > 0) p.append('…');
    render(p, cs, hit, from, to);
    if (to < cs.length) p.append('…');
    return p;
  };
  const kindLabel = (k) => {
    const o = form.querySelector(`select[name="kind"] option[value="${k}"]`);
    return o ? o.textContent : k;
  };
  const result = (f, q) => {
    const li = el('li', 'search-result');
    const a = el('a', 'search-title');
    a.href = f.u;
    const t = marks(f.t, q);
    render(a, t.cs, t.hit, 0, t.cs.length);
    const h = el('h2');
    h.append(a);
    const meta = el('p', 'search-meta');
    meta.append(el('span', 'kind', kindLabel(f.k)));
    if (f.d) meta.append(' · ', el('time', '', f.d));
    if (f.g.length) meta.append(' · ', f.g.map((g) => `#${g[0]}`).join(' '));
    if (f.p.length && f.k !== 'member') meta.append(' · ', f.p.map((p) => p[0]).join(', '));
    li.append(h, meta, excerpt(f.x, q));
    return li;
  };

  // ---- The page ----
  const input = form.querySelector('input[name="q"]');
  const list_ = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const moreBtn = document.getElementById('search-more');
  let generation = 0, want = PAGE, timer = 0;
  const query = () => {
    const q = {};
    for (const [k, v] of new FormData(form)) q[k] = String(v).trim();
    return q;
  };
  const say = (key, n, q) => {
    status.textContent = (D[key] || '').replace('{n}', String(n)).replace('{q}', q);
  };
  async function run(keepWant) {
    const my = ++generation;
    if (!keepWant) want = PAGE;
    const q = query();
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v && !(k === 'sort' && v === 'relevance')) params.set(k, v);
    history.replaceState(null, '', params.toString() ? `?${params}` : location.pathname);
    if (!q.q && !q.tag && !q.member) {
      list_.replaceChildren();
      moreBtn.hidden = true;
      say('tHint', 0, '');
      return;
    }
    say('tLoading', 0, q.q);
    list_.setAttribute('aria-busy', 'true');
    try {
      setFold(await get('fold.json'));
      // One more than shown: whether there is a next page is then known, not guessed.
      const found = await search(q, want + 1, () => my === generation);
      if (!found || my !== generation) return;
      const parsed = parse(q.q);
      const hits = found.hits.slice(0, want), more = found.hits.length > want;
      list_.replaceChildren(...hits.map((f) => result(f, parsed)));
      moreBtn.hidden = !more;
      say(hits.length ? (more ? 'tMany' : 'tCount') : 'tNone', hits.length, q.q);
    } catch (e) {
      if (my === generation) say('tError', 0, q.q);
    }
    if (my === generation) {
      list_.setAttribute('aria-busy', 'false');
      list_.dataset.query = new URLSearchParams(location.search).toString();
    }
  }
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(false), 120);
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); run(false); });
  input.addEventListener('input', soon);
  form.addEventListener('change', (e) => { if (e.target !== input) run(false); });
  moreBtn.addEventListener('click', () => { want += PAGE; run(true); });
  // Arrow keys move between the box and the results; Escape goes back to the box.
  form.addEventListener('keydown', (e) => {
    if (e.target === input && e.key === 'ArrowDown') {
      const first = list_.querySelector('a');
      if (first) { e.preventDefault(); first.focus(); }
    }
  });
  list_.addEventListener('keydown', (e) => {
    const links = [...list_.querySelectorAll('a')];
    const at = links.indexOf(document.activeElement);
    if (e.key === 'Escape') { e.preventDefault(); input.focus(); return; }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const next = at + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) input.focus(); else if (next < links.length) links[next].focus();
  });
  const params = new URLSearchParams(location.search);
  for (const name of ['q', 'kind', 'tag', 'member', 'sort']) {
    const field = form.elements.namedItem(name);
    if (field && params.has(name)) field.value = params.get(name);
  }
  run(false);
})();
