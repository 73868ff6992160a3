// trailhound's web explorer, first version (docs/explorer.md): a query box, Run, a plain table
// of the primary result and a status line. It calls the same Kusto REST endpoint as any client,
// POST /v2/rest/query, and writes every value with textContent: log data is never markup.

const DATABASE = 'trailhound';
/** The plain table draws at most this many rows; the virtualised grid (next step) lifts it. */
const MAX_DRAWN_ROWS = 5000;

const $ = (id) => document.getElementById(id);
const queryBox = $('query');
const runButton = $('run');
const stopButton = $('stop');
const statusLine = $('status');
const results = $('results');

/** The server token, kept for this tab only. */
const tokenKey = 'trailhound.token';
let running;

/** Reads a v2 data set (learn.microsoft.com/kusto/api/rest/response-v2) into the primary result. */
export function readV2(frames) {
  const primary = frames.find((f) => f.FrameType === 'DataTable' && f.TableKind === 'PrimaryResult');
  const completion = frames.find((f) => f.FrameType === 'DataSetCompletion');
  const warnings = [];
  const rows = [];
  for (const row of primary?.Rows ?? []) {
    // A partial query failure ends the table with an object instead of a row.
    if (Array.isArray(row)) rows.push(row);
    else if (row && row.OneApiErrors) for (const e of row.OneApiErrors) warnings.push(e.error?.['@message'] ?? e.error?.message ?? 'partial query failure');
  }
  if (completion?.HasErrors && warnings.length === 0) for (const e of completion.OneApiErrors ?? []) warnings.push(e.error?.['@message'] ?? 'query failure');
  return { columns: primary?.Columns ?? [], rows, warnings };
}

/** POST /v2/rest/query, with the token if the user gave one; asks for it once on 401. */
async function query(csl, signal) {
  for (let attempt = 0; ; attempt++) {
    const headers = { 'Content-Type': 'application/json; charset=utf-8', 'x-ms-client-request-id': `trailhound.explorer;${crypto.randomUUID()}` };
    const token = sessionStorage.getItem(tokenKey);
    if (token) headers.Authorization = `Bearer ${token}`;
    const r = await fetch('/v2/rest/query', { method: 'POST', headers, body: JSON.stringify({ db: DATABASE, csl }), signal });
    if (r.status === 401 && attempt === 0) {
      const given = prompt('This server needs its token (trailhound serve --token):');
      if (!given) throw new Error('The server needs its token.');
      sessionStorage.setItem(tokenKey, given);
      continue;
    }
    const text = await r.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`HTTP ${r.status}: ${text.slice(0, 300)}`);
    }
    if (!r.ok) throw new Error(body?.error?.['@message'] ?? body?.error?.message ?? `HTTP ${r.status}`);
    return readV2(body);
  }
}

function cellText(v) {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function drawTable({ columns, rows }) {
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement('th');
    th.textContent = c.ColumnName;
    th.title = c.ColumnType;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const row of rows.slice(0, MAX_DRAWN_ROWS)) {
    const tr = body.insertRow();
    for (const v of row) {
      const td = tr.insertCell();
      td.textContent = cellText(v);
      if (v === null) td.className = 'null';
    }
  }
  results.replaceChildren(table);
}

function setStatus(text, kind = '') {
  statusLine.textContent = text;
  statusLine.className = kind;
}

async function run() {
  const csl = queryBox.value;
  if (!csl.trim() || running) return;
  running = new AbortController();
  runButton.disabled = true;
  stopButton.disabled = false;
  setStatus('Running…');
  const started = performance.now();
  try {
    const result = await query(csl, running.signal);
    const ms = Math.round(performance.now() - started);
    drawTable(result);
    const shown = result.rows.length > MAX_DRAWN_ROWS ? ` (first ${MAX_DRAWN_ROWS} shown)` : '';
    const warn = result.warnings.length ? `\nWarning: ${result.warnings.join('\n')}` : '';
    setStatus(`${result.rows.length} rows${shown}, ${ms} ms${warn}`, warn ? 'warning' : '');
  } catch (e) {
    setStatus(e.name === 'AbortError' ? 'Stopped.' : `Error: ${e.message}`, 'error');
  } finally {
    running = undefined;
    runButton.disabled = false;
    stopButton.disabled = true;
  }
}

runButton.addEventListener('click', run);
stopButton.addEventListener('click', () => running?.abort());
queryBox.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    run();
  }
});
