  // ---- Showing results (joined last): text nodes and <mark>, never HTML ----
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  // Character ranges of `text` that match any of `terms` (the terms a hit matched,
  // prefixes and corrections included), found on folded text.
  const marks = (text, terms) => {
    const cs = Array.from(text);
    const info = cs.map(charOf);
    const hit = new Uint8Array(cs.length);
    const runs = [];
    let i = 0;
    while (i < cs.length) {
      const k = info[i].k, cjk = k === 2;
      const s = i;
      if (k) while (i < cs.length && info[i].k === k) i++;
      else { i++; continue; }
      runs.push([s, i, cjk]);
    }
    const cjkParts = [...terms].filter((t) => isCjk(t[0]));
    for (const [s, e, cjk] of runs) {
      if (cjk) {
        const str = info.slice(s, e).map((x) => x.f).join('');
        for (const t of cjkParts) {
          for (let at = str.indexOf(t); at >= 0; at = str.indexOf(t, at + 1)) hit.fill(1, s + at, s + at + Array.from(t).length);
        }
      } else {
        if (wordTerms(cs.slice(s, e).join('')).some((t) => terms.has(t))) hit.fill(1, s, e);
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
  // Lines of the text (headings, paragraphs, list items) stay apart with a separator.
  const flatten = (text) => text.trim().replace(/\s*\n\s*/g, ' · ').replace(/\s+/g, ' ');
  // The excerpt around the first match, or null when `text` has none and `always` is off.
  const excerpt = (text, terms, always) => {
    const { cs, hit } = marks(flatten(text), terms);
    if (!always && hit.indexOf(1) < 0) return null;
    const first = Math.max(0, hit.indexOf(1));
    const from = Math.max(0, first - 60), to = Math.min(cs.length, from + 180);
    const p = el('p', 'search-excerpt');
    if (from > 0) p.append('…');
    render(p, cs, hit, from, to);
    if (to < cs.length) p.append('…');
    return p;
  };
  const hasMark = (text, terms) => marks(text, terms).hit.indexOf(1) >= 0;
  // The answers of a Q&A page that hold a match, each linking to its anchor, naming
  // its author, with an excerpt of its own; and the page's text outside them.
  const answers = (f, terms) => {
    const items = [];
    let rest = f.x;
    for (const [anchor, author, accepted, start, end, heading] of [...(f.a || [])].reverse()) {
      const text = f.x.slice(start, end);
      rest = rest.slice(0, start) + '\n' + rest.slice(end);
      if (!hasMark(text, terms) && !hasMark(heading, terms)) continue;
      const li = el('li', 'search-answer');
      const a = el('a', 'search-answer-link', author);
      a.href = `${f.u}#${anchor}`;
      li.append(a);
      if (accepted) li.append(' ', el('span', 'search-accepted', D.tAccepted || ''));
      if (heading) li.append(' · ', el('span', 'search-answer-heading', heading));
      li.append(excerpt(text, terms, true));
      items.unshift(li);
    }
    return { items, rest };
  };
  // A page that matched only by a tag says which, rather than showing an opening
  // with nothing marked.
  const tagged = (f, terms) => {
    const names = f.g.map((g) => g[0]).filter((name) => hasMark(name, terms));
    return names.length ? el('p', 'search-tagged', (D.tTagged || '').replace('{w}', names.join(' '))) : null;
  };
  const kindLabel = (k) => {
    const o = form.querySelector(`select[name="kind"] option[value="${k}"]`);
    return o ? o.textContent : k;
  };
  // The terms a hit matched: every loaded alternative of the slots it holds.
  const matched = (hit) => new Set(hit.slots.flatMap((s) => s.sets.flat().map((a) => a.term)));
  const result = (hit) => {
    const f = hit.f, terms = matched(hit);
    const li = el('li', 'search-result');
    const a = el('a', 'search-title');
    a.href = f.u;
    const t = marks(f.t, terms);
    render(a, t.cs, t.hit, 0, t.cs.length);
    const h = el('h2');
    h.append(a);
    const meta = el('p', 'search-meta');
    meta.append(el('span', 'kind', kindLabel(f.k)));
    if (f.d) meta.append(' · ', el('time', '', f.d));
    if (f.g.length) meta.append(' · ', f.g.map((g) => `#${g[0]}`).join(' '));
    if (f.p.length && f.k !== 'member') meta.append(' · ', f.p.map((p) => p[0]).join(', '));
    li.append(h, meta);
    const { items, rest } = answers(f, terms);
    const body = excerpt(rest, terms, false);
    const tag = body || items.length || hasMark(f.t, terms) ? null : tagged(f, terms);
    if (body) li.append(body);
    else if (tag) li.append(tag);
    else if (!items.length) li.append(excerpt(rest, terms, true));
    if (items.length) {
      const list = el('ul', 'search-answers');
      list.append(...items);
      li.append(list);
    }
    if (hit.missing.length) {
      const words = [...new Set(hit.missing.map((s) => s.label))].join(' ');
      li.append(el('p', 'search-missing', (D.tMissing || '').replace('{w}', words)));
    }
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
    // The query keeps a space at its end: it says the last word is whole, not typed.
    for (const [k, v] of new FormData(form)) q[k] = k === 'q' ? String(v).trimStart() : String(v).trim();
    return q;
  };
  // "Showing results for …": the query with each corrected word replaced.
  const corrected = el('p', 'search-corrected');
  corrected.id = 'search-corrected';
  corrected.hidden = true;
  list_.before(corrected);
  const showCorrected = (fixes, q) => {
    let text = normalize(q);
    for (const { label, to } of fixes) text = text.replace(label, to);
    corrected.textContent = (D.tCorrected || '').replace('{q}', text);
    corrected.hidden = !fixes.length;
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
    if (!(q.q || '').trim() && !q.tag && !q.member) {
      list_.replaceChildren();
      showCorrected([], '');
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
      const hits = found.hits.slice(0, want), more = found.hits.length > want;
      list_.replaceChildren(...hits.map(result));
      moreBtn.hidden = !more;
      say(hits.length ? (more ? 'tMany' : 'tCount') : 'tNone', hits.length, q.q);
      showCorrected(hits.length ? found.corrected : [], q.q);
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
    timer = setTimeout(() => run(false), PAUSE);
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
