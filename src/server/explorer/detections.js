// The detections page: replay the rules the server was given over a range (POST
// /trailhound/detections), list the alerts, and open one: its evidence rows, the query that
// reproduces it, and the source-IP timeline of its identity (timeline.js), drawn from a KQL query
// the page runs through the Kusto endpoint like any other.
import { addressInfo, detections, query } from './kusto-client.js';
import { createGrid } from './grid.js';
import { addressLabel, drawTimeline, sourcesNote } from './timeline.js';

const $ = (id) => document.getElementById(id);
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};
const kql = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
const entityText = (e, labels) => {
  const label = e.type === 'IP' ? labels?.get(e.identifiers.Address) : '';
  return `${e.type}: ${Object.values(e.identifiers).join(' / ')}${label ? ` · ${label}` : ''}`;
};
const entityAddresses = (a) => a.entities.filter((e) => e.type === 'IP').map((e) => e.identifiers.Address);

/**
 * The server's labels of the addresses, and where their data comes from (shown with them, as the
 * data's licences ask); no labels when it cannot answer: the page works without them.
 */
async function labelsOf(addresses) {
  if (addresses.length === 0) return { labels: new Map(), sources: [] };
  try {
    const info = await addressInfo(addresses);
    return { labels: new Map([...info.addresses].map(([ip, x]) => [ip, addressLabel(x)])), sources: info.sources };
  } catch {
    return { labels: new Map(), sources: [] };
  }
}
const shift = (iso, minutes) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

export function createDetectionsPage({ openInEditor }) {
  const evidence = createGrid($('evidence'));
  let alerts = [];

  function setStatus(text, kind = '') {
    $('detect-status').textContent = text;
    $('detect-status').className = kind;
  }

  async function run() {
    $('detect-run').disabled = true;
    setStatus('Replaying the rules…', 'running');
    const started = performance.now();
    try {
      const range = { from: $('detect-from').value.trim() || undefined, to: $('detect-to').value.trim() || undefined };
      const result = await detections(range);
      alerts = result.alerts;
      drawList(await labelsOf(alerts.flatMap(entityAddresses)));
      const failed = result.failedRuns.length ? `, ${result.failedRuns.length} run(s) failed (query limits): ${result.failedRuns.map((f) => f.message).join('; ')}` : '';
      setStatus(`${alerts.length} alert(s) from ${result.rules.length} rule(s), ${result.runs} run(s), ${result.triggered} triggered, ${Math.round(performance.now() - started)} ms${failed}`, failed ? 'warning' : '');
    } catch (e) {
      setStatus(`Error: ${e.message}`, 'error');
    } finally {
      $('detect-run').disabled = false;
    }
  }

  function drawList({ labels, sources }) {
    const table = el('table', 'alerts');
    const head = table.createTHead().insertRow();
    for (const h of ['Time (run)', 'Severity', 'Alert', 'Rule', 'Entities', 'Rows']) head.appendChild(el('th', '', h));
    const body = table.createTBody();
    alerts.forEach((a, i) => {
      const tr = body.insertRow();
      tr.dataset.index = String(i);
      tr.tabIndex = 0;
      for (const [text, cls] of [[a.now, ''], [a.severity, `sev ${a.severity.toLowerCase()}`], [a.displayName, 'name'], [a.ruleName, ''], [a.entities.map((e) => entityText(e, labels)).join(', '), ''], [String(a.rows.length), 'num']]) tr.appendChild(el('td', cls, text));
    });
    $('alert-list').replaceChildren(...(alerts.length ? [table, sourcesNote(sources)] : [el('p', '', 'No alerts in this range.')]));
    $('alert-view').hidden = true;
    $('alert-list').hidden = false;
  }

  function drawFacts(a, entityLabels) {
    const facts = [
      ['Severity', a.severity], ['Rule', a.ruleName], ['Run', `scheduled ${a.scheduledTime}, now() ${a.now}`], ['Lookback', `${a.windowStart} to ${a.windowEnd}`],
      ['Tactics', a.tactics.join(', ')], ['Techniques', a.techniques.join(', ')], ['Entities', a.entities.map((e) => entityText(e, entityLabels)).join('\n')],
    ];
    const dl = el('dl');
    for (const [k, v] of facts) dl.append(el('dt', '', k), el('dd', '', v));
    $('alert-facts').replaceChildren(dl, el('p', 'description', a.description));
  }

  /**
   * The alert's page: what the alert carries is drawn at once; the address labels and the timeline
   * need the server, and `aria-busy` stays on the view until they are in (what a reader of the
   * page, or a test, waits for).
   */
  async function open(a) {
    const view = $('alert-view');
    view.setAttribute('aria-busy', 'true');
    $('alert-list').hidden = true;
    view.hidden = false;
    try {
      $('alert-title').textContent = a.displayName;
      drawFacts(a, new Map());
      $('alert-sources').replaceChildren();
      $('alert-query').textContent = a.query;
      const columns = Object.keys(a.rows[0] ?? {}).map((ColumnName) => ({ ColumnName, ColumnType: 'string' }));
      evidence.setResult({ columns, rows: a.rows.map((r) => columns.map((c) => r[c.ColumnName] ?? null)) });
      const entities = await labelsOf(entityAddresses(a));
      drawFacts(a, entities.labels);
      if (entities.sources.length) $('alert-sources').replaceChildren(sourcesNote(entities.sources));
      await timeline(a);
    } finally {
      view.removeAttribute('aria-busy');
    }
  }

  /** The identity's events by source address and minute, an hour before the lookback to 30 minutes after. */
  async function timeline(a) {
    const arns = [...new Set(a.rows.map((r) => r.UserIdentityArn).filter((v) => typeof v === 'string' && v))];
    const box = $('alert-timeline');
    if (arns.length === 0 || !a.rows.some((r) => 'SourceIpAddress' in r)) {
      box.replaceChildren(el('p', 'note', 'No timeline: the evidence rows name no UserIdentityArn and SourceIpAddress.'));
      return;
    }
    const csl =
      `AWSCloudTrail\n| where UserIdentityArn in (${arns.map(kql).join(', ')})\n` +
      `| where TimeGenerated between (datetime(${shift(a.windowStart, -60)}) .. datetime(${shift(a.windowEnd, 30)}))\n` +
      '| summarize Events = count() by SourceIpAddress, Minute = bin(TimeGenerated, 1m)\n| order by Minute asc';
    box.replaceChildren(el('p', 'note', 'Loading the timeline…'));
    try {
      const r = await query(csl);
      const [ip, minute, n] = ['SourceIpAddress', 'Minute', 'Events'].map((c) => r.columns.findIndex((x) => x.ColumnName === c));
      const points = r.rows.map((row) => ({ ip: row[ip] ?? '', t: Date.parse(row[minute]), n: row[n] }));
      const flagged = new Set(a.entities.filter((e) => e.type === 'IP').map((e) => e.identifiers.Address));
      const { labels, sources } = await labelsOf(points.map((p) => p.ip));
      if (sources.length) $('alert-sources').replaceChildren(sourcesNote(sources));
      const svg = drawTimeline(points, flagged, [Date.parse(a.windowStart), Date.parse(a.windowEnd)], Math.max(600, box.clientWidth || 1000), labels);
      const again = el('button', '', 'Open the timeline query in the editor');
      again.type = 'button';
      again.addEventListener('click', () => openInEditor(csl));
      box.replaceChildren(el('p', 'note', `Source addresses of ${arns.join(', ')} (red: named by the alert; shaded: the run's lookback).`), svg, again);
    } catch (e) {
      box.replaceChildren(el('p', 'note', `Timeline failed: ${e.message}`));
    }
  }

  $('detect-run').addEventListener('click', run);
  $('alert-list').addEventListener('click', (e) => {
    const tr = e.target.closest('tr[data-index]');
    if (tr) open(alerts[Number(tr.dataset.index)]);
  });
  $('alert-list').addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr[data-index]');
    if (tr && e.key === 'Enter') open(alerts[Number(tr.dataset.index)]);
  });
  $('alert-back').addEventListener('click', () => {
    $('alert-view').hidden = true;
    $('alert-list').hidden = false;
  });
  $('alert-open-query').addEventListener('click', () => openInEditor($('alert-query').textContent));
}
