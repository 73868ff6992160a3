// Draws a query's `render` (the v2 QueryProperties visualization) as SVG built with DOM calls:
// timechart, linechart, areachart, scatterchart, columnchart, barchart, piechart. Columns are
// chosen as the render-operator doc says: xcolumn (default: the first column), ycolumns
// (default: the numeric columns), series (default: the other columns, whose values split the
// rows into series). A make-series result (arrays in the cells) gives one series per row.
// Any other visualization shows a note; the grid always shows the table.

const NS = 'http://www.w3.org/2000/svg';
const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
const LINES = new Set(['timechart', 'linechart', 'areachart', 'scatterchart']);
const BARS = new Set(['columnchart', 'barchart']);
const H = 320;
const PAD = { left: 60, right: 150, top: 28, bottom: 36 };
const MAX_SERIES = 50;

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const names = (s) => (s ? String(s).split(',').map((x) => x.trim()).filter(Boolean) : undefined);
const toNumber = (v) => (v === null || v === undefined || v === '' ? NaN : typeof v === 'number' ? v : Number(v));

/** The series to draw: [{ name, points: [[x, y]] }], x as number (time, number) or category index. */
function seriesOf(vis, { columns, rows }) {
  const idx = (n) => columns.findIndex((c) => c.ColumnName === n);
  const x = vis.XColumn ? idx(vis.XColumn) : 0;
  if (x < 0) throw new Error(`render: no column ${vis.XColumn}`);
  const isArrays = columns[x].ColumnType === 'dynamic' && rows.some((r) => Array.isArray(r[x]));
  const arrayish = (j) => columns[j].ColumnType === 'dynamic' && rows.some((r) => Array.isArray(r[j]) && r[j].some((v) => typeof v === 'number'));
  let ys = names(vis.YColumns)?.map(idx) ?? columns.map((_, j) => j).filter((j) => j !== x && (NUMERIC.has(columns[j].ColumnType) || (isArrays && arrayish(j))));
  if (ys.some((j) => j < 0)) throw new Error(`render: no column among ycolumns ${vis.YColumns}`);
  const seriesCols = names(vis.Series)?.map(idx) ?? columns.map((_, j) => j).filter((j) => j !== x && !ys.includes(j) && !(isArrays && columns[j].ColumnType === 'dynamic'));
  const xType = isArrays ? 'datetime-or-number' : columns[x].ColumnType;
  const xIsTime = columns[x].ColumnType === 'datetime' || (isArrays && typeof rows.find((r) => Array.isArray(r[x]))?.[x]?.[0] === 'string');
  const xIsNumber = !xIsTime && (NUMERIC.has(xType) || isArrays);
  const categories = new Map();
  const xValue = (v) => {
    if (xIsTime) return Date.parse(v);
    if (xIsNumber) return toNumber(v);
    const key = v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (!categories.has(key)) categories.set(key, categories.size);
    return categories.get(key);
  };
  const out = new Map();
  const add = (name, px, py) => {
    if (!out.has(name)) out.set(name, { name, points: [] });
    out.get(name).points.push([px, py]);
  };
  for (const row of rows) {
    const key = seriesCols.map((j) => (row[j] === null ? '' : String(row[j]))).join(', ');
    for (const y of ys) {
      const name = [key, ys.length > 1 || !key ? columns[y].ColumnName : ''].filter(Boolean).join(':');
      if (isArrays) {
        const xs = row[x] ?? [];
        (row[y] ?? []).forEach((v, i) => add(name, xValue(xs[i]), toNumber(v)));
      } else add(name, xValue(row[x]), toNumber(row[y]));
    }
  }
  const series = [...out.values()].slice(0, MAX_SERIES);
  for (const s of series) s.points = s.points.filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py));
  return { series, xIsTime, categories: [...categories.keys()], xName: columns[x].ColumnName };
}

function niceTicks(lo, hi, n = 5) {
  if (lo === hi) return [lo];
  const step0 = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step / 1e6; v += step) out.push(+v.toPrecision(12));
  return out;
}

const TIME_STEPS = [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 7 * 86400, 30 * 86400].map((s) => s * 1000);

/** Time ticks on round instants (whole minutes, hours, days in UTC), about n of them. */
function timeTicks(lo, hi, n = 6) {
  const step = TIME_STEPS.find((s) => (hi - lo) / s <= n) ?? TIME_STEPS.at(-1);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(t);
  return out;
}

function xLabel(v, { xIsTime, categories }) {
  if (xIsTime) return new Date(v).toISOString().replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, '');
  if (categories.length) return categories[v] ?? '';
  return String(+v.toPrecision(6));
}

function legend(root, series, width) {
  series.forEach((s, i) => {
    const y = PAD.top + i * 16;
    if (y > H - 10) return;
    root.append(svg('rect', { x: width - PAD.right + 12, y: y - 9, width: 10, height: 10, fill: COLORS[i % COLORS.length] }));
    root.append(svg('text', { x: width - PAD.right + 26, y, class: 'legend' }, s.name.slice(0, 22)));
  });
}

function drawXY(root, kind, data, width) {
  const { series } = data;
  const bars = BARS.has(kind);
  const pts = series.flatMap((s) => s.points);
  let [x0, x1] = [Math.min(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[0]))];
  let [y0, y1] = [Math.min(0, ...pts.map((p) => p[1])), Math.max(0, ...pts.map((p) => p[1]))];
  if (bars) [x0, x1] = [x0 - 0.5, x1 + 0.5];
  if (x0 === x1) [x0, x1] = [x0 - 1, x1 + 1];
  if (y0 === y1) y1 = y0 + 1;
  const plotW = width - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  // barchart: bars along the vertical axis, values along the horizontal one.
  const along = (v) => (kind === 'barchart' ? PAD.top + ((v - x0) / (x1 - x0)) * plotH : PAD.left + ((v - x0) / (x1 - x0)) * plotW);
  const value = (v) => (kind === 'barchart' ? PAD.left + ((v - y0) / (y1 - y0)) * plotW : PAD.top + plotH - ((v - y0) / (y1 - y0)) * plotH);
  const axis = svg('g', { class: 'axis', stroke: '#999' });
  axis.append(svg('line', { x1: PAD.left, y1: PAD.top + plotH, x2: PAD.left + plotW, y2: PAD.top + plotH }), svg('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: PAD.top + plotH }));
  root.append(axis);
  for (const t of niceTicks(y0, y1)) {
    const [tx, ty] = kind === 'barchart' ? [value(t), H - PAD.bottom + 14] : [PAD.left - 6, value(t) + 4];
    root.append(svg('text', { x: tx, y: ty, 'text-anchor': kind === 'barchart' ? 'middle' : 'end' }, String(t)));
  }
  const xt = data.categories.length ? data.categories.map((_, i) => i) : (data.xIsTime ? timeTicks(x0, x1) : niceTicks(x0, x1, 6)).filter((t) => t >= x0 && t <= x1);
  const every = Math.max(1, Math.ceil(xt.length / 10));
  xt.forEach((t, i) => {
    if (i % every) return;
    const [tx, ty] = kind === 'barchart' ? [PAD.left - 6, along(t) + 4] : [along(t), H - PAD.bottom + 14];
    root.append(svg('text', { x: tx, y: ty, 'text-anchor': kind === 'barchart' ? 'end' : 'middle' }, xLabel(t, data).slice(0, 24)));
  });
  const slot = bars ? (kind === 'barchart' ? plotH : plotW) / (x1 - x0) : 0;
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length];
    const g = svg('g', { class: 'series', 'data-name': s.name, 'data-points': s.points.length });
    if (bars) {
      const w = (slot * 0.8) / series.length;
      for (const [px, py] of s.points) {
        const a = along(px) - slot * 0.4 + i * w;
        const [v0, v1] = [value(0), value(py)];
        g.append(kind === 'barchart'
          ? svg('rect', { x: Math.min(v0, v1), y: a, width: Math.abs(v1 - v0), height: w, fill: color })
          : svg('rect', { x: a, y: Math.min(v0, v1), width: w, height: Math.abs(v1 - v0), fill: color }));
      }
    } else if (kind === 'scatterchart') {
      for (const [px, py] of s.points) g.append(svg('circle', { cx: along(px), cy: value(py), r: 3, fill: color }));
    } else {
      const sorted = [...s.points].sort((a, b) => a[0] - b[0]);
      const d = sorted.map(([px, py], k) => `${k ? 'L' : 'M'}${along(px).toFixed(1)},${value(py).toFixed(1)}`).join('');
      if (kind === 'areachart' && sorted.length) {
        const base = value(0).toFixed(1);
        g.append(svg('path', { d: `${d}L${along(sorted.at(-1)[0]).toFixed(1)},${base}L${along(sorted[0][0]).toFixed(1)},${base}Z`, fill: color, 'fill-opacity': 0.3, stroke: 'none' }));
      }
      g.append(svg('path', { d, fill: 'none', stroke: color, 'stroke-width': 1.5 }));
      // A line of one point has no length: a dot shows it.
      if (sorted.length === 1) g.append(svg('circle', { cx: along(sorted[0][0]), cy: value(sorted[0][1]), r: 3, fill: color }));
    }
    root.append(g);
  });
  legend(root, series, width);
}

function drawPie(root, { columns, rows }, vis, width) {
  const label = vis.XColumn ? columns.findIndex((c) => c.ColumnName === vis.XColumn) : columns.findIndex((c) => !NUMERIC.has(c.ColumnType));
  const value = columns.findIndex((c, j) => j !== label && NUMERIC.has(c.ColumnType) && (!vis.YColumns || names(vis.YColumns).includes(c.ColumnName)));
  if (value < 0) throw new Error('piechart: no numeric column');
  const slices = rows.map((r) => ({ name: label < 0 ? '' : String(r[label] ?? ''), points: [[0, toNumber(r[value])]] })).filter((s) => s.points[0][1] > 0).slice(0, MAX_SERIES);
  const total = slices.reduce((a, s) => a + s.points[0][1], 0);
  const [cx, cy, r] = [PAD.left + (width - PAD.left - PAD.right) / 2, H / 2, H / 2 - 20];
  let angle = -Math.PI / 2;
  slices.forEach((s, i) => {
    const a = (s.points[0][1] / total) * 2 * Math.PI;
    const g = svg('g', { class: 'series', 'data-name': s.name, 'data-points': 1 });
    const [x1, y1, x2, y2] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle), cx + r * Math.cos(angle + a), cy + r * Math.sin(angle + a)];
    const d = slices.length === 1 ? `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0` : `M${cx},${cy}L${x1},${y1}A${r},${r} 0 ${a > Math.PI ? 1 : 0},1 ${x2},${y2}Z`;
    g.append(svg('path', { d, fill: COLORS[i % COLORS.length], stroke: '#fff' }));
    root.append(g);
    angle += a;
  });
  legend(root, slices, width);
}

/** Draws `result.visualization` into `container` (hidden when the query has no chart to draw). */
export function drawChart(container, result) {
  const vis = result.visualization;
  container.replaceChildren();
  container.hidden = !vis || vis.Visualization === 'table';
  if (container.hidden) return;
  const kind = vis.Visualization;
  const note = (text) => container.append(Object.assign(document.createElement('div'), { className: 'note', textContent: text }));
  if (!LINES.has(kind) && !BARS.has(kind) && kind !== 'piechart') return note(`render ${kind} is not drawn here; the table below has the result.`);
  const width = Math.max(480, container.clientWidth || 900);
  const root = svg('svg', { viewBox: `0 0 ${width} ${H}`, role: 'img', 'data-kind': kind });
  if (vis.Title) root.append(svg('text', { x: width / 2, y: 16, 'text-anchor': 'middle', class: 'title' }, vis.Title));
  try {
    if (kind === 'piechart') drawPie(root, result, vis, width);
    else {
      const data = seriesOf(vis, result);
      if (!data.series.some((s) => s.points.length)) return note(`render ${kind}: no numeric values to draw.`);
      drawXY(root, kind, data, width);
    }
  } catch (e) {
    return note(e.message);
  }
  container.append(root);
}
