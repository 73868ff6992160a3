// The source-IP timeline of an alert's identity: one lane per source address, a dot per minute
// with events (bigger with more), the alert's lookback window shaded, the addresses the alert
// names in red. The picture of a stolen session: the same identity, suddenly from a new place.

const NS = 'http://www.w3.org/2000/svg';
const LANE = 26;
const PAD = { left: 420, right: 40, top: 24, bottom: 30 };

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The label of an address from the server's answer (GET /trailhound/ip, src/server/ip-info.ts):
 * its kind (private, documentation, AWS service, ...) and, for a public address, its country and
 * autonomous system (`public · US · AS15169 Google LLC`).
 */
export function addressLabel(info) {
  if (!info || !info.kind) return '';
  const as = Number.isInteger(info.asn) ? `AS${info.asn}${typeof info.org === 'string' && info.org ? ` ${info.org}` : ''}` : '';
  return [info.kind, typeof info.country === 'string' ? info.country : '', as].filter(Boolean).join(' · ');
}

/**
 * Where the labels' country and ASN come from (the answer's `sources`), with the links the data's
 * licences ask for (DB-IP: a link back on pages that show its data). Only https links are made.
 */
export function sourcesNote(sources) {
  const p = document.createElement('p');
  p.className = 'note sources';
  if (!Array.isArray(sources) || sources.length === 0) return p;
  p.append('Address data: ');
  sources.forEach((s, i) => {
    if (i > 0) p.append('; ');
    p.append(`${s.field === 'asn' ? 'ASN' : 'country'} (${s.covers}): ${s.text}${s.licence ? ` (${s.licence})` : ''}`);
    for (const l of Array.isArray(s.links) ? s.links : []) {
      if (typeof l.url !== 'string' || !l.url.startsWith('https://')) continue;
      const a = document.createElement('a');
      a.href = l.url;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      a.textContent = String(l.text);
      p.append(' ', a);
    }
  });
  p.append('.');
  return p;
}

/** A lane's text: the address and its label, cut to fit left of the lanes (the whole in its tooltip). */
const LANE_TEXT = 64;

/**
 * points: [{ ip, t (ms), n }]; flagged: Set of addresses the alert names; window: [startMs, endMs];
 * labels: Map address -> label text. Returns the <svg>.
 */
export function drawTimeline(points, flagged, window, width, labels = new Map()) {
  const lanes = [];
  for (const p of [...points].sort((a, b) => a.t - b.t)) if (!lanes.includes(p.ip)) lanes.push(p.ip);
  const height = PAD.top + lanes.length * LANE + PAD.bottom;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'timeline', role: 'img' });
  root.style.height = `${height}px`;
  const times = points.map((p) => p.t).concat(window);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const span = t1 - t0 || 60_000;
  const x = (t) => PAD.left + ((t - t0) / span) * (width - PAD.left - PAD.right);
  root.append(svg('rect', { x: x(window[0]), y: PAD.top - 6, width: Math.max(2, x(window[1]) - x(window[0])), height: lanes.length * LANE + 6, fill: '#fde8e8', class: 'window' }));
  lanes.forEach((ip, i) => {
    const y = PAD.top + i * LANE + LANE / 2;
    const lane = svg('g', { class: flagged.has(ip) ? 'lane flagged' : 'lane', 'data-ip': ip });
    lane.append(svg('line', { x1: PAD.left, x2: width - PAD.right, y1: y, y2: y, stroke: '#e3e3e3' }));
    const label = labels.get(ip) ?? '';
    const full = `${ip}${label ? ` · ${label}` : ''}`;
    const text = `${ip.slice(0, 30)}${label ? ` · ${label}` : ''}`;
    const laneText = svg('text', { x: PAD.left - 8, y: y + 4, 'text-anchor': 'end', class: 'ip' }, text.length > LANE_TEXT ? `${text.slice(0, LANE_TEXT - 1)}…` : text);
    laneText.append(svg('title', {}, full));
    lane.append(laneText);
    for (const p of points) {
      if (p.ip !== ip) continue;
      const dot = svg('circle', { cx: x(p.t).toFixed(1), cy: y, r: Math.min(9, 2.5 + Math.log2(p.n)), fill: flagged.has(ip) ? '#c62828' : '#5c7cfa', 'fill-opacity': 0.8 });
      dot.append(svg('title', {}, `${ip}: ${p.n} event(s) at ${new Date(p.t).toISOString()}`));
      lane.append(dot);
    }
    root.append(lane);
  });
  for (let k = 0; k <= 4; k++) {
    const t = t0 + (span * k) / 4;
    root.append(svg('text', { x: x(t), y: height - 10, 'text-anchor': 'middle' }, new Date(t).toISOString().slice(11, 19) + 'Z'));
  }
  root.append(svg('text', { x: PAD.left, y: 14 }, new Date(t0).toISOString().slice(0, 10)));
  return root;
}
