// trailhound's web explorer (docs/explorer.md): wires the editor, Run, the status line, the
// grid, the chart, history and the link. It calls the server's Kusto REST API like any client.
import { query, showSchema } from './kusto-client.js';
import { createGrid } from './grid.js';
import { drawChart } from './chart.js';
import { historyList, linkFragment, queryFromFragment, remember } from './history.js';
import { createDetectionsPage } from './detections.js';

const $ = (id) => document.getElementById(id);
const DEFAULT_QUERY = 'AWSCloudTrail\n| summarize n = count() by EventName\n| top 10 by n';

const grid = createGrid($('grid'));
let editor;
let running;
let lastStatus = '';

function setStatus(text, kind = '') {
  lastStatus = text;
  $('status').textContent = text;
  $('status').className = kind;
}

function showCounts() {
  if (!lastStatus.startsWith('Error') && grid.shown() !== grid.total()) $('status').textContent = `${lastStatus}\n${grid.shown()} of ${grid.total()} rows shown (filter)`;
  else $('status').textContent = lastStatus;
}
grid.onChange(showCounts);

function fillHistory(list = historyList()) {
  const select = $('history');
  const options = list.map((q) => {
    const o = document.createElement('option');
    o.value = q;
    o.textContent = q.replace(/\s+/g, ' ').slice(0, 120);
    return o;
  });
  select.replaceChildren(select.options[0], ...options);
  select.value = '';
}

async function run() {
  const csl = editor.getValue();
  if (!csl.trim() || running) return;
  running = new AbortController();
  $('run').disabled = true;
  $('stop').disabled = false;
  setStatus('Running…', 'running');
  fillHistory(remember(csl));
  const started = performance.now();
  try {
    const result = await query(csl, { signal: running.signal });
    const ms = Math.round(performance.now() - started);
    grid.setResult(result);
    drawChart($('chart'), result);
    const warn = result.warnings.length ? `\nWarning: ${result.warnings.join('\n')}` : '';
    setStatus(`${result.rows.length.toLocaleString('en-US')} rows, ${ms} ms${warn}`, warn ? 'warning' : '');
    showCounts();
  } catch (e) {
    setStatus(e.name === 'AbortError' ? 'Stopped.' : `Error: ${e.message}`, 'error');
  } finally {
    running = undefined;
    $('run').disabled = false;
    $('stop').disabled = true;
  }
}

/** A download of `text` (a blob: URL in <a download> is a navigation, which the CSP leaves alone). */
function download(name, type, text) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** The monaco-kusto editor; a plain text box if its bundle is missing (a build without it). */
async function loadEditor(element, text) {
  try {
    const { createEditor } = await import('./editor.js');
    const ed = createEditor(element, text, run);
    // Completion and diagnostics know what the engine knows: the server's own schema.
    await showSchema().then((schema) => ed.setSchema(schema, location.origin, 'trailhound')).catch((e) => setStatus(`Schema not loaded: ${e.message}`, 'warning'));
    return ed;
  } catch (e) {
    const box = document.createElement('textarea');
    box.className = 'fallback';
    box.spellcheck = false;
    box.value = text;
    box.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey || ev.shiftKey)) {
        ev.preventDefault();
        run();
      }
    });
    element.replaceChildren(box);
    setStatus(`The editor did not load (${e.message}); a plain text box instead.`, 'warning');
    return { getValue: () => box.value, setValue: (v) => (box.value = v), focus: () => box.focus(), markers: () => [] };
  }
}

async function start() {
  // A shared link fills the editor but never runs: a link must not run a query on anyone's behalf.
  const shared = queryFromFragment(location.hash);
  editor = await loadEditor($('editor'), shared ?? historyList()[0] ?? DEFAULT_QUERY);
  window.trailhoundEditor = editor;
  fillHistory();
  $('run').addEventListener('click', run);
  $('stop').addEventListener('click', () => running?.abort());
  $('link').addEventListener('click', () => {
    history.replaceState(null, '', linkFragment(editor.getValue()));
    navigator.clipboard?.writeText(location.href).catch(() => {});
    setStatus('The link to this query is in the address bar (and copied).');
  });
  $('history').addEventListener('change', (e) => {
    if (e.target.value) editor.setValue(e.target.value);
    editor.focus();
  });
  $('filter').addEventListener('input', (e) => grid.setFilter(e.target.value));
  $('copy').addEventListener('click', () => navigator.clipboard.writeText(grid.tsv()).then(() => setStatus(`${lastStatus}`)));
  $('csv').addEventListener('click', () => download('result.csv', 'text/csv', grid.csv()));
  $('json').addEventListener('click', () => download('result.json', 'application/json', grid.json()));
  const show = (view) => {
    $('query-view').hidden = view !== 'query';
    $('detections-view').hidden = view !== 'detections';
    $('nav-query').classList.toggle('current', view === 'query');
    $('nav-detections').classList.toggle('current', view === 'detections');
  };
  $('nav-query').addEventListener('click', () => show('query'));
  $('nav-detections').addEventListener('click', () => show('detections'));
  createDetectionsPage({
    openInEditor(text) {
      show('query');
      editor.setValue(text);
      editor.focus();
    },
  });
  $('editor').dataset.ready = 'true';
}

start();
