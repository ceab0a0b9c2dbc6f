// cairn search: the browser half of DESIGN §7. The tokenizer repeats src/search/tokenize.rs
// rule for rule (tests/it/search.rs runs both over the same strings); the rest fetches
// only the index shards of the query's terms and shows results. No third-party code, and
// nothing from the index is ever inserted as HTML: every string goes in as text.
(() => {
  'use strict';

  // ---- Tokenizer (same rules as tokenize.rs) ----
  let fold = new Map(), foldPairs = null, chars = new Map(), runs = new Map();
  const setFold = (pairs) => {
    // Every search passes the same fold.json: the map is built once.
    if (pairs === foldPairs) return;
    foldPairs = pairs;
    chars = new Map();
    runs = new Map();
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
  // A character as the result marks read it: its normalized lower case `f` and its
  // class `k` (2 CJK, 1 word, 0 neither, judged on the first unit of `f`). Memoized,
  // since an excerpt's text repeats a few hundred characters thousands of times and
  // NFKC per character was most of the time from a keystroke to the list.
  const charOf = (c) => {
    let m = chars.get(c);
    if (!m) {
      const f = normalize(c.toLowerCase()), h = f[0] || ' ';
      m = { f, k: isCjk(h) ? 2 : isWord(h) ? 1 : 0 };
      chars.set(c, m);
    }
    return m;
  };

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
  // The terms of a run of word characters as written (the result marks ask for every
  // word of an excerpt's text; the same words recur, and stemming each was slow).
  const wordTerms = (raw) => {
    let ts = runs.get(raw);
    if (!ts) {
      ts = [];
      wordRun(Array.from(normalize(raw)), (t) => ts.push(t));
      runs.set(raw, ts);
    }
    return ts;
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

  // ---- Typos ----
  // Edits from one word to another (a letter changed, added or dropped, or two
  // neighbours swapped: optimal string alignment), or max + 1 once it is over max.
  const edits = (a, b, max) => {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let before = null, prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      let low = i;
      for (let j = 1; j <= b.length; j++) {
        let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        cur.push(d);
        low = Math.min(low, d);
      }
      if (low > max) return max + 1;
      before = prev;
      prev = cur;
    }
    return Math.min(prev[b.length], max + 1);
  };
  // How many edits a word of this length forgives: none under 5 letters, one up to 8.
  const allowedEdits = (word) => {
    const n = Array.from(word).length;
    return n < 5 ? 0 : n <= 8 ? 1 : 2;
  };

  const api = { normalize, tokenize, stem, setFold, edits, allowedEdits };
  if (typeof document === 'undefined') {
    globalThis.cairnSearch = api;
    return;
  }

