// The source-IP timeline of an alert's identity: one lane per source address, a dot per minute
// with events (bigger with more), the alert's lookback window shaded, the addresses the alert
// names in red. The picture of a stolen session: the same identity, suddenly from a new place.

const NS = 'http://www.w3.org/2000/svg';
const LANE = 26;
const PAD = { left: 330, right: 40, top: 24, bottom: 30 };

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * What an address is, where that needs no database: the special-purpose IPv4 ranges (RFC 6890's
 * registry: private RFC 1918, shared RFC 6598, loopback, link-local, documentation RFC 5737) and
 * the AWS service names CloudTrail writes in sourceIPAddress for calls made by a service.
 * Country and ASN would need an IP database; none ships with trailhound (docs/explorer.md).
 */
export function addressKind(ip) {
  if (/amazonaws\.com$|^AWS Internal$/i.test(ip)) return 'AWS service';
  const m = V4.exec(ip);
  if (!m) return ip.includes(':') ? 'IPv6' : '';
  const [a, b, c] = [+m[1], +m[2], +m[3]];
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private (RFC 1918)';
  if (a === 100 && b >= 64 && b <= 127) return 'shared (RFC 6598)';
  if (a === 127) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'documentation (RFC 5737)';
  return 'public';
}

/**
 * points: [{ ip, t (ms), n }]; flagged: Set of addresses the alert names; window: [startMs, endMs].
 * Returns the <svg>.
 */
export function drawTimeline(points, flagged, window, width) {
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
    const kind = addressKind(ip);
    lane.append(svg('text', { x: PAD.left - 8, y: y + 4, 'text-anchor': 'end', class: 'ip' }, `${ip.slice(0, 30)}${kind ? ` · ${kind}` : ''}`));
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
