// The result grid: virtualised, so 100k rows cost 100k arrays, not 100k DOM rows. Only the rows
// in view (plus a margin) exist as elements; a spacer as tall as all rows gives the scroll bar.
// Sort (click a header), filter (substring), select rows (click, Shift+click), copy as TSV,
// export CSV (RFC 4180) or JSON. Every value is written with textContent: log data is never markup.

import { sortPositions } from './sort-order.js';

const ROW_H = 22;
const MARGIN = 15;

export function cellText(v) {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
const csvField = (s) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function createGrid(root) {
  const scroll = el('div', 'grid-scroll');
  const head = el('div', 'grid-head');
  const canvas = el('div', 'grid-canvas');
  const body = el('div', 'grid-rows');
  canvas.appendChild(body);
  scroll.append(head, canvas);
  root.replaceChildren(scroll);

  let columns = [];
  let rows = [];
  let widths = [];
  let order = new Int32Array(0); // positions in `rows` shown, in order
  let sort; // { col, desc }
  let filter = '';
  let anchor = -1;
  let lead = -1;
  let frame = 0;
  const listeners = new Set();

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function setResult(result) {
    columns = result.columns;
    rows = result.rows;
    sort = undefined;
    anchor = lead = -1;
    widths = columns.map((c, j) => {
      let chars = c.ColumnName.length + 2;
      for (let i = 0; i < Math.min(rows.length, 200); i++) chars = Math.max(chars, Math.min(cellText(rows[i][j]).length, 60));
      return Math.max(48, Math.min(chars * 7.5 + 14, 460));
    });
    drawHead();
    recompute();
  }

  function drawHead() {
    const cells = columns.map((c, j) => {
      const h = el('div', 'cell head', c.ColumnName);
      h.title = `${c.ColumnName}: ${c.ColumnType} (click to sort)`;
      h.style.width = `${widths[j]}px`;
      h.dataset.col = String(j);
      if (sort?.col === j) h.classList.add(sort.desc ? 'desc' : 'asc');
      return h;
    });
    head.replaceChildren(...cells);
    const total = widths.reduce((a, b) => a + b, 0);
    head.style.width = canvas.style.width = `${total}px`;
  }

  /** Filter, then sort, into `order`. */
  function recompute() {
    let idx = [];
    const needle = filter.toLowerCase();
    for (let i = 0; i < rows.length; i++) {
      if (needle === '' || rows[i].some((v) => cellText(v).toLowerCase().includes(needle))) idx.push(i);
    }
    // The order of the server's own `sort by` (sort-order.js).
    if (sort) sortPositions(idx, rows.map((r) => r[sort.col]), columns[sort.col].ColumnType, sort.desc);
    order = Int32Array.from(idx);
    anchor = lead = -1;
    canvas.style.height = `${order.length * ROW_H}px`;
    scroll.scrollTop = 0;
    draw();
    for (const f of listeners) f();
  }

  function draw() {
    frame = 0;
    const first = Math.max(0, Math.floor(scroll.scrollTop / ROW_H) - MARGIN);
    const last = Math.min(order.length, Math.ceil((scroll.scrollTop + scroll.clientHeight) / ROW_H) + MARGIN);
    const [lo, hi] = anchor < 0 ? [-1, -1] : [Math.min(anchor, lead), Math.max(anchor, lead)];
    const out = [];
    for (let p = first; p < last; p++) {
      const r = el('div', p >= lo && p <= hi ? 'row selected' : 'row');
      r.dataset.pos = String(p);
      const row = rows[order[p]];
      for (let j = 0; j < columns.length; j++) {
        const v = row[j];
        const c = el('div', v === null ? 'cell null' : 'cell', cellText(v));
        c.style.width = `${widths[j]}px`;
        r.appendChild(c);
      }
      out.push(r);
    }
    body.style.transform = `translateY(${first * ROW_H}px)`;
    body.replaceChildren(...out);
  }

  scroll.addEventListener('scroll', () => {
    if (!frame) frame = requestAnimationFrame(draw);
  });
  head.addEventListener('click', (e) => {
    const j = Number(e.target.dataset?.col);
    if (!Number.isInteger(j)) return;
    sort = sort?.col === j ? { col: j, desc: !sort.desc } : { col: j, desc: false };
    drawHead();
    recompute();
  });
  body.addEventListener('click', (e) => {
    const r = e.target.closest('.row');
    if (!r) return;
    const p = Number(r.dataset.pos);
    if (e.shiftKey && anchor >= 0) lead = p;
    else anchor = lead = p;
    draw();
  });

  /** The shown rows' positions in `rows`: the selection if any, else all (filtered, sorted). */
  function chosen(selectionOnly) {
    if (selectionOnly && anchor >= 0) return order.slice(Math.min(anchor, lead), Math.max(anchor, lead) + 1);
    return order;
  }

  return {
    setResult,
    setFilter(text) {
      filter = text;
      recompute();
    },
    onChange: (f) => listeners.add(f),
    shown: () => order.length,
    total: () => rows.length,
    /** Tab-separated text of the selected rows (or all shown), with a header line. */
    tsv() {
      const lines = [columns.map((c) => c.ColumnName).join('\t')];
      for (const i of chosen(true)) lines.push(rows[i].map((v) => cellText(v).replace(/[\t\r\n]/g, ' ')).join('\t'));
      return lines.join('\n');
    },
    csv() {
      const lines = [columns.map((c) => csvField(c.ColumnName)).join(',')];
      for (const i of chosen(false)) lines.push(rows[i].map((v) => csvField(cellText(v))).join(','));
      return lines.join('\r\n') + '\r\n';
    },
    json() {
      const out = [];
      for (const i of chosen(false)) out.push(Object.fromEntries(columns.map((c, j) => [c.ColumnName, rows[i][j]])));
      return JSON.stringify(out, null, 1);
    },
  };
}
