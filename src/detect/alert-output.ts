/** Alerts for people (an aligned table) and for machines (JSON Lines, one alert per line). */
import { stringifyJson } from '../kql/values/json-stringify.ts';
import type { Alert } from './alerts.ts';

export function alertJson(a: Alert): string {
  const { evidenceKeys: _k, ...rest } = a;
  return stringifyJson(rest)!;
}

export function formatAlertsJsonl(alerts: readonly Alert[]): string {
  return alerts.map((a) => `${alertJson(a)}\n`).join('');
}

function entityText(a: Alert): string {
  return a.entities.map((e) => `${e.type}:${Object.values(e.identifiers).join('/')}`).join(', ');
}

export function formatAlertsTable(alerts: readonly Alert[]): string {
  if (alerts.length === 0) return 'No alerts.\n';
  const header = ['Run (now)', 'Severity', 'Alert', 'Entities', 'Rows'];
  const rows = alerts.map((a) => [a.now, a.severity, a.displayName, entityText(a), String(a.rows.length)]);
  const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const limits = [20, 13, 70, 90, 6];
  const cells = [header, ...rows].map((r) => r.map((c, i) => cut(c, limits[i]!)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line), `(${alerts.length} alert${alerts.length === 1 ? '' : 's'}; --out FILE or a pipe gives JSON Lines with the evidence rows)`].join('\n') + '\n';
}
