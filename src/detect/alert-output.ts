/**
 * Alerts for people (an aligned table) and for machines (JSON Lines, one alert per line), as
 * chunks of text written one after the other, so that any number of alerts prints in flat memory.
 */
import { TextTable } from '../kql/text-table.ts';
import { stringifyJson } from '../kql/values/json-stringify.ts';
import type { Alert } from './alerts.ts';

export function alertJson(a: Alert): string {
  const { evidenceKeys: _k, ...rest } = a;
  return stringifyJson(rest)!;
}

/** Chunks are cut at about this many UTF-16 units (an alert is never split). */
const CHUNK = 64 * 1024;

export function* alertsJsonlChunks(alerts: Iterable<Alert>): Generator<string> {
  let out = '';
  for (const a of alerts) {
    out += `${alertJson(a)}\n`;
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
  }
  if (out !== '') yield out;
}

export function formatAlertsJsonl(alerts: readonly Alert[]): string {
  return [...alertsJsonlChunks(alerts)].join('');
}

function entityText(a: Alert): string {
  return a.entities.map((e) => `${e.type}:${Object.values(e.identifiers).join('/')}`).join(', ');
}

export interface AlertTableOptions {
  /** How a cell's text is shown (the CLI makes control characters visible). */
  readonly cellText?: (text: string) => string;
  /** Alerts that set the column widths (default 1000). */
  readonly sampleRows?: number;
}

export function* alertsTableChunks(alerts: Iterable<Alert>, options: AlertTableOptions = {}): Generator<string> {
  const table = new TextTable(['Run (now)', 'Severity', 'Alert', 'Entities', 'Rows'], { maxWidth: [20, 13, 70, 90, 6], ...options });
  let n = 0;
  let out = '';
  for (const a of alerts) {
    n++;
    out += table.add([a.now, a.severity, a.displayName, entityText(a), String(a.rows.length)]);
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
  }
  if (n === 0) {
    yield 'No alerts.\n';
    return;
  }
  yield out + table.end(`(${n} alert${n === 1 ? '' : 's'}; --out FILE or a pipe gives JSON Lines with the evidence rows)`);
}

export function formatAlertsTable(alerts: readonly Alert[], options: AlertTableOptions = {}): string {
  return [...alertsTableChunks(alerts, options)].join('');
}
