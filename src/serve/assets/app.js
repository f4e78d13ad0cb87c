// folio serve: the viewer. Reads /state.json (schema folio-serve/1), shows the pages as facing
// spreads (SVG from /pages/<n>.svg), draws every story's block and the preflight findings over
// them, and updates in place when /events says a rebuild finished — the page is never reloaded.
'use strict';

const SCHEMA = 'folio-serve/1';

// The page's words in the session's language, from the server's message catalogue
// (i18n/*.ftl, `ui-*`): `t('ui-built', { ms: 12 })` fills `{ms}` in.
const STRINGS = JSON.parse(document.getElementById('strings').textContent);
const t = (id, args = {}) => (STRINGS[id] ?? id).replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
const SEVERITY = { error: t('ui-severity-error'), warning: t('ui-severity-warning') };
const sev = (s) => SEVERITY[s] ?? s;
const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const pct = (v, of) => `${(100 * v / of).toFixed(4)}%`;
const fmt = (n) => n.toLocaleString('en-US').replace(/,/g, ' ');

let state = null;
let scale = null; // px per pt; null fits the widest spread to the window
let current = 0; // the spread shown in the navigation
let selected = null; // {kind: 'story'|'finding', page, index}
let layoutKey = '';
const slots = new Map(); // page index -> {slot, page, overlay, url}

async function refresh() {
  const res = await fetch('/state.json', { cache: 'no-store' });
  const next = await res.json();
  if (next.schema !== SCHEMA) throw new Error(t('ui-bad-schema', { got: next.schema, want: SCHEMA }));
  if (state && next.version <= state.version) return;
  state = next;
  render();
}

function render() {
  document.body.dataset.version = String(state.version);
  $('edition').textContent = state.edition;
  const status = $('status');
  if (state.errors.length) {
    status.textContent = state.pages.length ? t('ui-rebuild-failed') : t('ui-build-failed');
    status.className = 'failed';
  } else if (state.built) {
    const built = t('ui-built', { ms: Math.round(state.built.ms) });
    const pages = state.built.changed.map((n) => t('ui-page-short', { page: n })).join(', ');
    status.textContent = state.built.changed.length ? t('ui-changed', { built, pages }) : built;
    status.className = '';
  } else {
    status.textContent = t('ui-building');
  }
  renderSpreads();
  renderFindings();
  renderError();
  renderDetail();
}

function spreadsOf() {
  return state.spreads.length ? state.spreads : state.pages.map((p) => [null, p.index]);
}

function spreadWidth(sp) {
  const w = (i) => (i === null ? 0 : state.pages[i].width);
  const other = sp[0] ?? sp[1];
  return sp[0] === null || sp[1] === null ? 2 * w(other) : w(sp[0]) + w(sp[1]);
}

function fitScale() {
  const main = $('main');
  const widest = Math.max(1, ...spreadsOf().map(spreadWidth));
  const tallest = Math.max(1, ...state.pages.map((p) => p.height));
  const byW = (main.clientWidth - 48) / widest;
  const byH = (main.clientHeight - 64) / tallest;
  return Math.max(0.05, Math.min(byW, byH));
}

function renderSpreads() {
  const root = $('spreads');
  const spreads = spreadsOf();
  const key = JSON.stringify(spreads) + '|' + state.pages.map((p) => `${p.number}:${p.width}x${p.height}`).join(',');
  if (key !== layoutKey) {
    layoutKey = key;
    root.replaceChildren();
    slots.clear();
    const go = $('goto');
    go.replaceChildren();
    spreads.forEach((sp, si) => {
      const row = el('div', 'spread');
      row.id = `spread-${si}`;
      const numbers = [];
      sp.forEach((pi, side) => {
        if (pi === null) {
          const other = sp[1 - side];
          const blank = el('div', 'slot empty');
          blank.dataset.w = other === null ? 0 : state.pages[other].width;
          blank.dataset.h = other === null ? 0 : state.pages[other].height;
          row.append(blank);
          return;
        }
        const p = state.pages[pi];
        numbers.push(p.number);
        const slot = el('div', 'slot');
        slot.dataset.w = p.width;
        slot.dataset.h = p.height;
        slot.dataset.page = p.number;
        const page = el('div', 'page');
        const overlay = el('div', 'overlay');
        page.append(overlay);
        slot.append(page, el('div', 'pageno', t('ui-page-label', { page: p.number, section: p.section || '' })));
        row.append(slot);
        slots.set(pi, { slot, page, overlay, url: '' });
      });
      root.append(row);
      const opt = el('option', '', t('ui-spread-option', { pages: numbers.join('–') }));
      opt.value = si;
      go.append(opt);
    });
    current = Math.min(current, Math.max(0, spreads.length - 1));
    go.value = current;
  }
  applyScale();
  for (const p of state.pages) {
    const s = slots.get(p.index);
    if (!s) continue;
    if (s.url !== p.svg) {
      // The new drawing loads under the old one, which goes once it is there: the page never
      // flashes blank.
      const url = p.svg;
      s.url = url;
      const img = el('img', 'drawing');
      img.alt = t('ui-page-alt', { page: p.number });
      img.draggable = false;
      img.addEventListener('load', () => {
        if (s.url !== url) { img.remove(); return; }
        for (const old of s.page.querySelectorAll('img.drawing')) if (old !== img) old.remove();
        s.page.dataset.drawn = url;
      });
      img.src = url;
      s.page.prepend(img);
    }
    drawOverlay(p, s.overlay);
  }
}

function applyScale() {
  const k = scale ?? fitScale();
  const percent = Math.round(k * 100 / (96 / 72));
  $('zoom-level').textContent = scale === null ? t('ui-zoom-fit-level', { percent }) : t('ui-zoom-level', { percent });
  for (const slot of document.querySelectorAll('.slot')) {
    slot.style.width = `${slot.dataset.w * k}px`;
    slot.style.height = `${slot.dataset.h * k}px`;
  }
}

function drawOverlay(p, overlay) {
  overlay.replaceChildren();
  p.stories.forEach((s, si) => {
    const [x, y, w, h] = s.rect;
    const b = el('div', 'block');
    if (s.auto) b.classList.add('auto');
    if (s.overset) b.classList.add('overset');
    else if (s.underset > 1) b.classList.add('underset');
    Object.assign(b.style, { left: pct(x, p.width), top: pct(y, p.height), width: pct(w, p.width), height: pct(h, p.height) });
    b.dataset.story = s.name;
    const tag = el('div', 'tag', `${s.auto ? `${t('ui-auto')} · ` : ''}${s.name} · ${capacity(s)}`);
    if (s.corner) {
      // An L-shaped block: its bottom-right corner belongs to the stories drawn there, and its
      // tag stands at the foot of its own part, left of the corner (not under the corner's).
      const cx = ((s.corner[0] - x) / w) * 100, cy = ((s.corner[1] - y) / h) * 100;
      b.style.clipPath = `polygon(0 0, 100% 0, 100% ${cy}%, ${cx}% ${cy}%, ${cx}% 100%, 0 100%)`;
      Object.assign(tag.style, { right: `${100 - cx}%`, maxWidth: `${cx}%` });
    }
    b.title = `${s.name}\n${s.file}:${s.line}\n${capacity(s)}`;
    b.append(tag);
    b.addEventListener('click', (e) => { e.stopPropagation(); select({ kind: 'story', page: p.index, index: si }); });
    if (isSelected('story', p.index, si)) b.classList.add('selected');
    overlay.append(b);
  });
  state.findings.forEach((f, fi) => {
    if (f.page !== p.index || !f.rect) return;
    const [x, y, w, h] = f.rect;
    const m = el('div', `mark ${f.severity}`);
    Object.assign(m.style, { left: pct(x, p.width), top: pct(y, p.height), width: pct(Math.max(w, 4), p.width), height: pct(Math.max(h, 4), p.height) });
    m.title = `${f.code}: ${f.message}`;
    m.addEventListener('click', (e) => { e.stopPropagation(); select({ kind: 'finding', page: p.index, index: fi }); });
    if (isSelected('finding', p.index, fi)) m.classList.add('selected');
    overlay.append(m);
  });
}

function capacity(s) {
  const diff = s.holds - s.chars;
  let fit = '';
  if (s.overset) fit = ` · ${t('ui-lines-over', { lines: s.overset })}`;
  else if (s.underset > 1) fit = ` · ${t('ui-lines-short', { lines: s.underset })}`;
  const sign = diff >= 0 ? t('ui-to-spare', { chars: fmt(diff) }) : t('ui-over', { chars: fmt(-diff) });
  return t('ui-capacity', { holds: fmt(s.holds), chars: fmt(s.chars), sign, fit });
}

function isSelected(kind, page, index) {
  return selected && selected.kind === kind && selected.page === page && selected.index === index;
}

function select(what) {
  selected = what;
  renderSpreads();
  renderFindings();
  renderDetail();
}

function source(file, line, column, editor) {
  const box = el('div', 'src');
  const where = `${file}:${line}${column ? `:${column}` : ''}`;
  const code = el('code', '', where);
  const copy = el('button', '', t('ui-copy'));
  copy.title = t('ui-copy-title');
  copy.addEventListener('click', () => {
    navigator.clipboard?.writeText(where).then(() => { copy.textContent = t('ui-copied'); }, () => {});
  });
  box.append(code, copy);
  if (editor) {
    const a = el('a', '', t('ui-open-editor'));
    a.href = editor;
    box.append(a);
  }
  return box;
}

function renderDetail() {
  const d = $('detail');
  d.replaceChildren();
  if (!selected) {
    d.append(el('p', 'hint', t('ui-click-hint')));
    return;
  }
  if (selected.kind === 'story') {
    const p = state.pages[selected.page];
    const s = p && p.stories[selected.index];
    if (!s) { selected = null; return renderDetail(); }
    d.append(el('h3', '', s.name));
    const dl = el('dl');
    const row = (k, v) => dl.append(el('dt', '', k), el('dd', '', v));
    row(t('ui-detail-page'), `${p.number}`);
    row(t('ui-detail-block'), s.auto ? t('ui-detail-block-auto') : t('ui-detail-block-hand'));
    row(t('ui-detail-copy'), t('ui-detail-copy-value', { chars: fmt(s.chars), lines: s.lines }));
    row(t('ui-detail-holds'), t('ui-detail-holds-value', { holds: fmt(s.holds) }));
    row(t('ui-detail-fit'), s.overset ? t('ui-detail-overset', { lines: s.overset }) : s.underset ? t('ui-detail-underset', { lines: s.underset }) : t('ui-detail-level'));
    if (s.copyfit) row(t('ui-detail-copyfit'), s.copyfit);
    d.append(dl, source(s.file, s.line, null, s.editor));
  } else {
    const f = state.findings[selected.index];
    if (!f) { selected = null; return renderDetail(); }
    d.append(finding(f, false));
  }
}

function finding(f, compact) {
  const box = el('div');
  const head = el('div');
  head.append(el('span', `sev ${f.severity}`, sev(f.severity)), el('span', 'code', f.code));
  box.append(head, el('div', '', f.message));
  if (!compact) details(box, f);
  return box;
}

// A finding's or an error's source line, hints and file link, appended to `box`.
function details(box, f) {
  if (f.excerpt) box.append(el('pre', '', f.excerpt));
  if (f.hints.length) {
    const ul = el('ul');
    f.hints.forEach((h) => ul.append(el('li', '', h)));
    box.append(ul);
  }
  if (f.file) box.append(source(f.file, f.line ?? 1, f.column, f.editor));
}

function renderFindings() {
  const list = $('findings');
  list.replaceChildren();
  $('count').textContent = state.findings.length ? `(${state.findings.length})` : t('ui-none');
  state.findings.forEach((f, fi) => {
    const li = el('li');
    li.append(finding(f, true));
    if (f.page !== null && f.page !== undefined && state.pages[f.page]) li.append(el('div', 'code', `${t('ui-finding-page', { page: state.pages[f.page].number })}${f.file ? ` · ${f.file}:${f.line ?? 1}` : ''}`));
    if (isSelected('finding', f.page, fi)) li.classList.add('selected');
    li.addEventListener('click', () => {
      select({ kind: 'finding', page: f.page, index: fi });
      if (f.page !== null && f.page !== undefined) showPage(f.page);
    });
    list.append(li);
  });
}

function renderError() {
  const box = $('error');
  box.replaceChildren();
  const errors = state.errors;
  box.hidden = errors.length === 0;
  if (!errors.length) return;
  const n = errors.filter((e) => e.severity === 'error').length;
  const why = state.pages.length ? t('ui-errors-last-good') : t('ui-errors-nothing');
  box.append(el('h2', '', n === 1 ? t('ui-errors-one', { why }) : t('ui-errors-many', { n, why })));
  for (const e of errors) {
    const item = el('div', 'item');
    const where = e.file ? `${e.file}${e.line ? `:${e.line}:${e.column}` : ''}` : '';
    item.append(el('div', '', ''));
    item.firstChild.append(el('span', `sev ${e.severity}`, sev(e.severity)), el('span', 'where', where));
    item.append(el('div', 'message', e.message));
    details(item, e);
    box.append(item);
  }
}

function showPage(pi) {
  const s = slots.get(pi);
  if (!s) return;
  const spread = s.slot.closest('.spread');
  current = Number(spread.id.replace('spread-', ''));
  $('goto').value = current;
  spread.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

function go(delta) {
  const n = spreadsOf().length;
  if (!n) return;
  current = Math.max(0, Math.min(n - 1, current + delta));
  $('goto').value = current;
  $(`spread-${current}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

function zoom(factor) {
  if (!state) return;
  const k = scale ?? fitScale();
  scale = factor === null ? null : Math.max(0.05, Math.min(8, k * factor));
  applyScale();
}

$('prev').addEventListener('click', () => go(-1));
$('next').addEventListener('click', () => go(1));
$('goto').addEventListener('change', (e) => { current = Number(e.target.value); go(0); });
$('zoom-in').addEventListener('click', () => zoom(1.25));
$('zoom-out').addEventListener('click', () => zoom(0.8));
$('zoom-fit').addEventListener('click', () => zoom(null));
$('show-blocks').addEventListener('change', (e) => document.body.classList.toggle('no-blocks', !e.target.checked));
$('show-findings').addEventListener('change', (e) => document.body.classList.toggle('no-findings', !e.target.checked));
$('main').addEventListener('click', () => { if (selected) select(null); });
window.addEventListener('resize', () => { if (state && scale === null) applyScale(); });
window.addEventListener('keydown', (e) => {
  if (e.target.closest('input, select, textarea')) return;
  if (e.key === 'ArrowLeft') go(-1);
  else if (e.key === 'ArrowRight') go(1);
  else if (e.key === '+' || e.key === '=') zoom(1.25);
  else if (e.key === '-') zoom(0.8);
  else if (e.key === '0') zoom(null);
});

// Live updates: the server sends the version after every rebuild; the state is fetched again
// only when it is newer than the one shown. EventSource reconnects by itself if the server
// restarts.
const events = new EventSource('/events');
events.addEventListener('version', (e) => {
  if (!state || Number(e.data) !== state.version) refresh().catch(showFailure);
});
events.addEventListener('error', () => {
  if (events.readyState !== EventSource.OPEN) {
    $('status').textContent = t('ui-disconnected');
    $('status').className = 'failed';
  }
});
events.addEventListener('open', () => { if (state) refresh().catch(showFailure); });

function showFailure(err) {
  $('status').textContent = String(err);
  $('status').className = 'failed';
}

refresh().catch(showFailure);

// The project's CJK font (app.css, `folio-ui-cjk`) may arrive after text drawn without it, which
// a browser does not always draw again: the page labels and block tags are set anew then.
document.fonts.addEventListener('loadingdone', () => {
  for (const n of document.querySelectorAll('.pageno, .tag')) n.textContent = n.textContent;
});
