// The explorer's Kusto client: the same REST calls any Kusto client makes (docs/serve.md).
// POST /v2/rest/query for queries, POST /v1/rest/mgmt for the schema; the bearer token, when the
// server has one, is asked once and kept for this tab only (sessionStorage).

export const DATABASE = 'trailhound';
const TOKEN_KEY = 'trailhound.token';

/** Reads a v2 data set (learn.microsoft.com/kusto/api/rest/response-v2): the primary result, its warnings and its visualization. */
export function readV2(frames) {
  const primary = frames.find((f) => f.FrameType === 'DataTable' && f.TableKind === 'PrimaryResult');
  const completion = frames.find((f) => f.FrameType === 'DataSetCompletion');
  const warnings = [];
  const rows = [];
  for (const row of primary?.Rows ?? []) {
    // A partial query failure ends the table with an object instead of a row.
    if (Array.isArray(row)) rows.push(row);
    else if (row && row.OneApiErrors) for (const e of row.OneApiErrors) warnings.push(messageOf(e) ?? 'partial query failure');
  }
  if (completion?.HasErrors && warnings.length === 0) for (const e of completion.OneApiErrors ?? []) warnings.push(messageOf(e) ?? 'query failure');
  return { columns: primary?.Columns ?? [], rows, warnings, visualization: visualizationOf(frames, primary?.TableId) };
}

const messageOf = (e) => e?.error?.['@message'] ?? e?.error?.message;

/**
 * The `render` properties Kusto reports for a table: a row of the QueryProperties table whose
 * Key is "Visualization" and whose Value is the properties' JSON text (response-v2 doc).
 */
function visualizationOf(frames, tableId) {
  const props = frames.find((f) => f.FrameType === 'DataTable' && f.TableKind === 'QueryProperties');
  if (!props) return undefined;
  const col = (name) => props.Columns.findIndex((c) => c.ColumnName === name);
  const [id, key, value] = [col('TableId'), col('Key'), col('Value')];
  for (const row of props.Rows) {
    if (row[key] !== 'Visualization' || (tableId !== undefined && row[id] !== tableId)) continue;
    try {
      return typeof row[value] === 'string' ? JSON.parse(row[value]) : row[value];
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** POSTs body as JSON (GETs path when body is undefined). */
async function call(path, body, signal) {
  for (let attempt = 0; ; attempt++) {
    const headers = { 'x-ms-client-request-id': `trailhound.explorer;${crypto.randomUUID()}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    const r = await fetch(path, body === undefined ? { headers, signal } : { method: 'POST', headers, body: JSON.stringify(body), signal });
    if (r.status === 401 && attempt === 0) {
      const given = prompt('This server needs its token (trailhound serve --token):');
      if (!given) throw new Error('The server needs its token.');
      sessionStorage.setItem(TOKEN_KEY, given);
      continue;
    }
    const text = await r.text();
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`HTTP ${r.status}: ${text.slice(0, 300)}`);
    }
    if (!r.ok) throw new Error(messageOf(parsed) ?? `HTTP ${r.status}`);
    return parsed;
  }
}

/** Runs a query; `properties` are Kusto client request properties (e.g. { query_now: '...' }). */
export async function query(csl, { signal, properties } = {}) {
  const body = { db: DATABASE, csl };
  if (properties) body.properties = { Options: properties };
  return readV2(await call('/v2/rest/query', body, signal));
}

/** `.show database schema as json`: Kusto's schema document (Result: { Plugins, Databases }). */
export async function showSchema() {
  const v1 = await call('/v1/rest/mgmt', { db: DATABASE, csl: `.show database ${DATABASE} schema as json` });
  return JSON.parse(v1.Tables[0].Rows[0][0]);
}

/**
 * The server's labels of source addresses (GET /trailhound/ip: kind, and country from the
 * offline database it ships; the addresses go to this server only). A Map address -> { kind, country }.
 */
export async function addressInfo(addresses) {
  const out = new Map();
  let sources = [];
  const unique = [...new Set(addresses.filter((a) => typeof a === 'string' && a))];
  for (let i = 0; i < unique.length; i += 50) {
    // 50 addresses of at most 64 characters keep the URL under Node's 16 KiB header limit.
    const q = unique.slice(i, i + 50).map((a) => `addr=${encodeURIComponent(a)}`).join('&');
    const answer = await call(`/trailhound/ip?${q}`);
    for (const x of answer.addresses) out.set(x.address, x);
    sources = answer.sources ?? [];
  }
  return { addresses: out, sources };
}

/** Replays the server's rules over scheduled times from/to (ISO datetimes, optional): POST /trailhound/detections. */
export function detections(range) {
  return call('/trailhound/detections', range);
}
