  // ---- Ranking (joined after index.js): every word first, then most words ----
  const KINDS = ['qa', 'solution', 'talk', 'page', 'member'];
  // The pages a slot can match are all in its rarest set's lists.
  const values = (slot) => {
    const out = new Set();
    for (const a of rarest(slot)) for (const v of a.l.order) out.add(v);
    return out;
  };
  const deeperSet = async (set) => {
    for (const a of set) if (await deeper(a.l)) return true;
    return false;
  };
  // Candidate v against every slot: { v, score, found: [[slot, sets to check]], missing }.
  // Without `partial` every slot must match; with it, filters must and words may not,
  // but at least one word must.
  const judge = (slots, v, partial) => {
    let score = 0;
    const found = [], missing = [];
    for (const slot of slots) {
      const r = alive(slot) ? slotScore(slot, v) : null;
      if (r) {
        score += r.s;
        found.push([slot, r.check]);
      } else if (partial && !slot.filter) missing.push(slot);
      else return null;
    }
    if (partial && !found.some(([s]) => !s.filter)) return null;
    return { v, score, found, missing };
  };
  // More words matched first, then the better score (or the newer page).
  const rank = (candidates, slots, query, partial) => {
    const kind = KINDS.indexOf(query.kind), newest = query.sort === 'newest';
    const out = [];
    for (const v of candidates) {
      if (kind >= 0 && (v & 7) !== kind) continue;
      const c = judge(slots, v, partial);
      if (c) out.push(c);
    }
    return out.sort((a, b) => b.found.length - a.found.length ||
      (newest ? a.v - b.v : b.score - a.score || a.v - b.v));
  };
  // Everything the index saw of a page, as text: title, tags, people (names and
  // handles), headings and body.
  const haystack = (f) => normalize([f.t, ...f.g.map((g) => g[0]),
    ...f.p.map((p) => `${p[0]} ${p[1] || ''}`), ...(f.h || []), f.x].join('\n'));
  // Whether page f really holds a slot: its Chinese phrase adjacent, and for every set
  // whose lists were only partly loaded, one of its terms present.
  const holds = (f, slot, check, ctx) => {
    if (slot.phrase && !ctx.hay.includes(slot.phrase)) return false;
    return check.every((set) => set.some(({ term }) => {
      if (term.startsWith('t:')) return f.g.some((g) => g[1] === term.slice(2));
      if (term.startsWith('m:')) return f.p.some((p) => p[1] === term.slice(2));
      ctx.tokens = ctx.tokens || new Set(tokenize(ctx.hay));
      return ctx.tokens.has(term);
    }));
  };
  // Page id's fragment, from the file it shares with its neighbours (fetched once).
  const fragment = (v) => {
    const id = v >> 3, file = Math.floor(id / FRAGMENTS_PER_FILE);
    return get(`f/${Math.floor(file / FRAGMENTS_PER_FOLDER)}/${file}.json.gz`)
      .then((pages) => pages[id % FRAGMENTS_PER_FILE]);
  };
  // Fetches the candidates' fragments best first, as many at a time as hits are still
  // wanted (the page asks for one more than it shows, to know whether there are more:
  // fetching ten for that one cost a first query ten fragment files), and keeps those
  // that hold what they matched (in partial mode, a slot that fails counts as
  // missing). Returns false when a newer search has started.
  const collect = async (queue, hits, seen, want, isCurrent, partial) => {
    queue = queue.filter((c) => !seen.has(c.v));
    while (queue.length && hits.length < want) {
      const batch = queue.splice(0, want - hits.length);
      const frags = await Promise.all(batch.map((c) => fragment(c.v)));
      if (!isCurrent()) return false;
      batch.forEach((c, i) => {
        seen.add(c.v);
        const f = frags[i], ctx = { hay: haystack(f), tokens: null };
        const kept = c.found.filter(([slot, check]) => holds(f, slot, check, ctx));
        const lost = c.found.filter((x) => !kept.includes(x)).map(([s]) => s);
        if (hits.length >= want || (!partial && lost.length)) return;
        if (lost.some((s) => s.filter) || (partial && !kept.some(([s]) => !s.filter))) return;
        hits.push({ f, slots: kept.map(([s]) => s), missing: [...c.missing, ...lost] });
      });
    }
    return true;
  };
  // A Chinese run of four characters or more, as runs of two (the last of three when
  // the count is odd): no page holds 防止广告, but pages with 防止 or 广告 are worth
  // showing.
  const splitRun = (slot) => {
    const cs = Array.from(slot.label);
    if (!slot.phrase || cs.length < 4) return [slot];
    const out = [];
    for (let i = 0; i < cs.length; i += 2) {
      const end = cs.length - i === 3 ? cs.length : i + 2;
      out.push(...parse(cs.slice(i, end).join('')));
      i = end - 2;
    }
    return out;
  };
  // The first `want` hits: pages with every word, or when there are none, pages with
  // most of them. Null when a newer search has started.
  async function search(query, want, isCurrent) {
    const slots = parse(query.q);
    const typing = query.q !== '' && !/[\s\p{P}]$/u.test(query.q);
    const corrected = await expand(slots, typing);
    const filter = (term) => ({ label: term, sets: [[{ term, w: 1 }]], phrase: '', filter: true });
    if (query.tag) slots.push(filter(`t:${query.tag}`));
    if (query.member) slots.push(filter(`m:${query.member}`));
    await load(slots);
    const hits = [];
    if (!slots.length) return { hits, corrected };
    if (slots.every(alive)) {
      const driver = slots.reduce((a, b) => (setDf(rarest(b)) < setDf(rarest(a)) ? b : a));
      const seen = new Set();
      for (;;) {
        if (!(await collect(rank(values(driver), slots, query, false), hits, seen, want, isCurrent))) return null;
        if (hits.length >= want || !(await deeperSet(rarest(driver)))) break;
      }
    }
    if (hits.length) return { hits, corrected };
    const split = await load(slots.flatMap(splitRun));
    const words = split.filter((s) => !s.filter);
    if (words.length < 2 || !split.filter((s) => s.filter).every(alive)) return { hits, corrected };
    const candidates = new Set();
    for (const s of words.filter(alive)) for (const v of values(s)) candidates.add(v);
    const queue = rank(candidates, split, query, true);
    if (!(await collect(queue, hits, new Set(), want, isCurrent, true))) return null;
    return { hits, corrected };
  }
