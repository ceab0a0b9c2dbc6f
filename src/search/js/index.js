  // ---- Index access (joined after tokenize.js; docs/SEARCH.md) ----
  const form = document.querySelector('[data-cairn-search]');
  if (!form) return;
  const D = form.dataset;
  const SHARDS = Number(D.shards);
  const PAGE = 10;
  // Milliseconds after a key before searching: long enough to take an IME's commit or
  // a fast typist's burst as one query, short enough that a keystroke to the updated
  // list stays under 100 ms once the files are cached (docs/BENCHMARKS.md).
  const PAUSE = 40;
  // Fragment files sit in folders of this many, each holding the fragments of this many
  // pages in a row; index/mod.rs FRAGMENTS_PER_FOLDER and FRAGMENTS_PER_FILE (a test
  // checks).
  const FRAGMENTS_PER_FOLDER = 256;
  const FRAGMENTS_PER_FILE = 3;
  const files = new Map();
  // A `.gz` file is stored gzipped (index/files.rs `put`): unpacked here, unless the
  // host already did (it sent it with `Content-Encoding: gzip`, and fetch unpacked it:
  // no gzip magic bytes then).
  const unpack = async (r) => {
    const bytes = new Uint8Array(await r.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
    const plain = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return JSON.parse(await new Response(plain).text());
  };
  const get = (path) => {
    if (!files.has(path)) {
      files.set(path, fetch(`${D.base}search/${path}?v=${D.version}`).then((r) => {
        if (!r.ok) throw new Error(`${path}: ${r.status}`);
        return path.endsWith('.gz') ? unpack(r) : r.json();
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
      lists.set(term, get(`s/${fnv(term) % SHARDS}.json.gz`).then((shard) => {
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
    // The shard's overflow file of this depth holds every one of its terms' chunks.
    const a = (await get(`o/${l.ov - 1}-${l.chunks}.json.gz`))[l.term].slice();
    for (let i = 2; i < a.length; i += 2) a[i] += a[i - 2]; // values are stored as deltas
    add(l, a, 0);
    return true;
  };

  // ---- The dictionary: words as members typed them, sorted, in blocks ----
  // The entries { w: word, t: term, df } of every word from `from` (inclusive) to `to`
  // (exclusive), from the blocks that can hold them. `d.json` lists each block's first
  // word. (JS compares UTF-16 units and Rust bytes: they differ only for characters
  // above U+FFFF against U+E000–U+FFFF, which no word of a community archive mixes.)
  const words = async (from, to) => {
    const firsts = await get('d.json');
    const blocks = [];
    for (let i = 0; i < firsts.length; i++) {
      if (i + 1 < firsts.length && firsts[i + 1] <= from) continue;
      if (firsts[i] >= to) break;
      blocks.push(get(`d/${i}.json.gz`));
    }
    const out = [];
    for (const b of await Promise.all(blocks)) {
      for (let j = 0; j + 2 < b.length; j += 3) {
        if (b[j] >= from && b[j] < to) out.push({ w: b[j], t: b[j + 1] || b[j], df: b[j + 2] });
      }
    }
    return out;
  };
  // The most frequent terms of some entries, each once, best first.
  const topTerms = (entries, n) => {
    const best = new Map();
    for (const e of entries) if (!best.has(e.t) || best.get(e.t).df < e.df) best.set(e.t, e);
    return [...best.values()].sort((a, b) => (a.d || 0) - (b.d || 0) || b.df - a.df).slice(0, n);
  };
  // Prefix expansions and typo corrections a query fetches at most, per word: each
  // costs a shard (docs/SEARCH.md, budgets).
  const PREFIX_TERMS = 8, TYPO_TERMS = 4;
  // Weights against a whole-word match: prefixes rank above corrections.
  const PREFIX_WEIGHT = 0.5, TYPO_WEIGHT = 0.3;

  // ---- Query ----
  // A query is slots: each word or Chinese run, and each filter. A slot matches a page
  // when every one of its sets does, and a set when any of its alternatives (a term
  // with a weight) does. A word typed whole is one set of one term; a half-typed or
  // mistyped word adds alternatives; a Chinese run is one set per pair plus its phrase.
  const parse = (q) => {
    const slots = [];
    eachRun(normalize(q), (cs, cjk) => {
      const label = cs.join('');
      if (cjk) {
        const terms = cs.length === 1 ? [cs[0]] : cs.slice(1).map((c, i) => cs[i] + c);
        slots.push({ label, sets: [...new Set(terms)].map((t) => [{ term: t, w: 1 }]), phrase: cs.length > 1 ? label : '' });
        return;
      }
      const terms = [];
      wordRun(cs, (t) => terms.includes(t) || terms.push(t));
      if (terms.length) slots.push({ label, sets: terms.map((t) => [{ term: t, w: 1 }]), phrase: '', word: terms.length === 1 });
    });
    return slots;
  };
  // Alternatives for simple words: the last word, unless a space ends the query, as a
  // prefix (from 2 letters); a word with neither a whole nor a prefix match, corrected.
  // Returns the corrections made, { label, to }.
  const expand = async (slots, typing) => {
    const corrected = [];
    await Promise.all(slots.map(async (slot, i) => {
      if (!slot.word || !/^\p{L}/u.test(slot.label)) return;
      const lower = slot.label.toLowerCase(), exact = slot.sets[0][0].term;
      const set = slot.sets[0];
      let known = false;
      const cs = Array.from(lower);
      if (typing && i === slots.length - 1 && cs.length >= 2) {
        // Words that begin with it, and words it begins with, down to 3 letters less
        // (4 at least): `exporti` finds `export` even where no page writes `exporting`.
        const short = cs.slice(0, Math.max(4, cs.length - 3)).join('');
        const found = (await words(short < lower ? short : lower, `${lower}\uffff`))
          .filter((e) => e.w.startsWith(lower) || (lower.startsWith(e.w) && e.w.length >= short.length));
        known = found.length > 0;
        for (const e of topTerms(found.filter((e) => e.t !== exact), PREFIX_TERMS)) {
          set.push({ term: e.t, w: PREFIX_WEIGHT, prefix: true });
        }
      }
      const max = allowedEdits(lower);
      if (known || !max || (await list(exact))) return;
      const head = Array.from(lower).slice(0, 2).join('');
      const near = await words(head, `${head}\uffff`);
      if (near.some((e) => e.w === lower || e.t === exact)) return;
      const fixes = near.map((e) => ({ ...e, d: edits(lower, e.w, max) })).filter((e) => e.d <= max);
      const top = topTerms(fixes, TYPO_TERMS);
      for (const e of top) set.push({ term: e.t, w: TYPO_WEIGHT, typo: true });
      if (top.length) corrected.push({ label: slot.label, to: top[0].w });
    }));
    return corrected;
  };
  // Loads every alternative's list; alternatives absent from the index drop out.
  const load = async (slots) => {
    await Promise.all(slots.flatMap((s) => s.sets.flat()).map(async (a) => { a.l = await list(a.term); }));
    for (const s of slots) s.sets = s.sets.map((set) => set.filter((a) => a.l));
    return slots;
  };
  const setDf = (set) => set.reduce((n, a) => n + a.l.df, 0);
  const rarest = (slot) => slot.sets.reduce((a, b) => (setDf(b) < setDf(a) ? b : a));
  const alive = (slot) => slot.sets.length > 0 && slot.sets.every((set) => set.length);
  // A slot's score for page value v, with the sets still to be confirmed on its
  // fragment (their lists are only partly loaded); null when it cannot match.
  const slotScore = (slot, v) => {
    let s = 0;
    const check = [];
    for (const set of slot.sets) {
      let best = -1, open = -1;
      for (const a of set) {
        const x = a.l.scores.get(v);
        if (x !== undefined) best = Math.max(best, x * a.w);
        else if (!complete(a.l)) open = Math.max(open, a.l.floor * a.w);
      }
      if (best >= 0) s += best;
      else if (open >= 0) { s += open; check.push(set); } else return null;
    }
    return { s, check };
  };
