/**
 * A run's result rows -> alerts, as Sentinel's event grouping says (kql-semantics.md §9.1):
 * SingleAlert = one alert for the run with every row as evidence; AlertPerResult = one alert
 * per row, at most 150 per run (with more rows: 149 alerts and one alert for the rest).
 * Entities come from entityMappings, custom details from customDetails (arrays of the values,
 * as Sentinel shows them), display name/description/severity/tactics from alertDetailsOverride
 * (values from the alert's first row).
 */
import { createHash } from 'node:crypto';
import type { Batch, ScalarType, Value } from '../kql/types.ts';
import { formatDatetimeJson } from '../kql/values/datetime.ts';
import { valueToJsonText, valueToString } from '../kql/values/format.ts';
import { SEVERITIES, type Rule, type Severity } from './rule.ts';
import { TACTICS } from './entities.ts';
import type { RunWindow } from './schedule.ts';

export const MAX_ALERTS_PER_RUN = 150;

export interface Entity {
  readonly type: string;
  readonly identifiers: Readonly<Record<string, string>>;
}

export interface Alert {
  /** Stable: rule id + the evidence rows (the same finding gets the same id in every run). */
  readonly id: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly displayName: string;
  readonly description: string;
  readonly severity: Severity;
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
  /** ISO datetimes of the run. */
  readonly scheduledTime: string;
  readonly now: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  /** Result rows of the whole run (what the trigger compared). */
  readonly runResultCount: number;
  readonly entities: readonly Entity[];
  readonly customDetails: Readonly<Record<string, unknown[]>>;
  /** Evidence rows, values in Kusto's JSON formats. */
  readonly rows: readonly Record<string, unknown>[];
  /** One key per evidence row (rule id + the row's JSON), for de-duplication across runs. */
  readonly evidenceKeys: readonly string[];
}

interface RowView {
  json: string;
  get(column: string): { type: ScalarType; value: Value } | undefined;
}

function rowViews(result: Batch): RowView[] {
  const index = new Map(result.schema.map((c, i) => [c.name, i]));
  const out: RowView[] = [];
  for (let r = 0; r < result.length; r++) {
    const json = `{${result.schema.map((c, j) => `${JSON.stringify(c.name)}:${valueToJsonText(c.type, result.columns[j]![r]!)}`).join(',')}}`;
    out.push({
      json,
      get(column) {
        const i = index.get(column);
        return i === undefined ? undefined : { type: result.schema[i]!.type, value: result.columns[i]![r]! };
      },
    });
  }
  return out;
}

function text(row: RowView, column: string): string {
  const v = row.get(column);
  return v === undefined || v.value === null ? '' : valueToString(v.type, v.value);
}

function hash(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

function entitiesOf(rule: Rule, rows: readonly RowView[]): Entity[] {
  const out: Entity[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const m of rule.entityMappings) {
      const identifiers: Record<string, string> = {};
      for (const f of m.fieldMappings) {
        const v = text(row, f.columnName);
        // Sentinel leaves out identifiers whose value is empty, and entities with none left.
        if (v !== '') identifiers[f.identifier] = v;
      }
      if (Object.keys(identifiers).length === 0) continue;
      const key = JSON.stringify([m.entityType, identifiers]);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ type: m.entityType, identifiers });
    }
  }
  return out;
}

function fill(format: string, row: RowView | undefined): string {
  return format.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_m, col: string) => (row ? text(row, col) : ''));
}

function makeAlert(rule: Rule, w: RunWindow, runCount: number, rows: RowView[]): Alert {
  const first = rows[0];
  const o = rule.alertDetailsOverride;
  let severity = rule.severity;
  if (o?.alertSeverityColumnName && first) {
    const s = text(first, o.alertSeverityColumnName);
    if ((SEVERITIES as readonly string[]).includes(s)) severity = s as Severity;
  }
  let tactics = rule.tactics;
  if (o?.alertTacticsColumnName && first) {
    const t = text(first, o.alertTacticsColumnName).split(',').map((x) => x.trim()).filter((x) => TACTICS.includes(x));
    if (t.length > 0) tactics = t;
  }
  const customDetails: Record<string, unknown[]> = {};
  for (const [key, col] of rule.customDetails) {
    customDetails[key] = rows.map((r) => {
      const v = r.get(col);
      return v === undefined ? null : JSON.parse(valueToJsonText(v.type, v.value));
    });
  }
  const evidenceKeys = rows.map((r) => hash([rule.id, r.json]));
  return {
    id: hash([rule.id, ...[...evidenceKeys].sort()]).slice(0, 32),
    ruleId: rule.id,
    ruleName: rule.name,
    displayName: o?.alertDisplayNameFormat ? fill(o.alertDisplayNameFormat, first) : rule.name,
    description: o?.alertDescriptionFormat ? fill(o.alertDescriptionFormat, first) : rule.description,
    severity,
    tactics,
    techniques: rule.relevantTechniques,
    scheduledTime: formatDatetimeJson(w.scheduled),
    now: formatDatetimeJson(w.now),
    windowStart: formatDatetimeJson(w.start),
    windowEnd: formatDatetimeJson(w.end),
    runResultCount: runCount,
    entities: entitiesOf(rule, rows),
    customDetails,
    rows: rows.map((r) => JSON.parse(r.json) as Record<string, unknown>),
    evidenceKeys,
  };
}

/** The alerts of one run (none when the trigger condition does not hold; the caller checks it). */
export function alertsForRun(rule: Rule, w: RunWindow, result: Batch): Alert[] {
  const rows = rowViews(result);
  if (rule.aggregationKind === 'SingleAlert') return [makeAlert(rule, w, rows.length, rows)];
  if (rows.length <= MAX_ALERTS_PER_RUN) return rows.map((r) => makeAlert(rule, w, rows.length, [r]));
  const single = rows.slice(0, MAX_ALERTS_PER_RUN - 1).map((r) => makeAlert(rule, w, rows.length, [r]));
  return [...single, makeAlert(rule, w, rows.length, rows.slice(MAX_ALERTS_PER_RUN - 1))];
}

/**
 * Overlapping lookbacks make one finding appear in consecutive runs. An alert is a repeat when
 * every one of its evidence rows was already in an alert of the same rule reported earlier.
 */
export class AlertDeduper {
  private readonly seen = new Set<string>();
  accept(alert: Alert): boolean {
    const fresh = alert.evidenceKeys.some((k) => !this.seen.has(k));
    for (const k of alert.evidenceKeys) this.seen.add(k);
    return fresh;
  }
}
