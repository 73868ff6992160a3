/**
 * Sentinel analytics-rule YAML (Azure-Sentinel repository layout) -> Rule, validated as the
 * repository's schema tests do (kql-semantics.md §9.5). Every problem names the file and field.
 * Deliberate leniencies, documented in docs/detections.md: `requiredDataConnectors` may be
 * absent (exports from a workspace have none), technique/tactic consistency is not checked.
 *
 * Limits on rule content follow Microsoft Sentinel's documentation (docs/detections.md, "Limits"):
 * up to 10 entity mappings of 1 to 3 identifiers (learn.microsoft.com/azure/sentinel/
 * sentinel-service-limits, map-data-fields-to-entities), up to 20 custom details
 * (surface-custom-details-in-alerts). A limit the documentation states but Sentinel does not
 * enforce, as a rule Microsoft publishes shows, is a warning, not an error: more than three
 * {{column}} placeholders in an alert name or description format (customize-alert-details).
 */
import { parseDocument } from 'yaml';
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE } from '../kql/types.ts';
import { parseDuration } from './duration.ts';
import { ENTITY_IDENTIFIERS, REQUIRED_IDENTIFIERS, TACTICS } from './entities.ts';
import { RuleError, SEVERITIES, type AggregationKind, type AlertDetailsOverride, type EntityMapping, type Rule, type Severity, type TriggerOperator } from './rule.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMN = /^[a-zA-Z_]+\w*$/;
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;
const OPERATORS: Record<string, TriggerOperator> = {
  gt: 'gt', lt: 'lt', eq: 'eq', ne: 'ne', GreaterThan: 'gt', LessThan: 'lt', Equal: 'eq', NotEqual: 'ne',
};
const KINDS = ['Scheduled', 'NRT', 'Fusion', 'MLBehaviorAnalytics', 'MicrosoftSecurityIncidentCreation', 'ThreatIntelligence', 'Anomaly'];

type Doc = Record<string, unknown>;

class Checker {
  readonly warnings: string[] = [];
  constructor(readonly file: string) {}
  fail(field: string | undefined, problem: string): never {
    throw new RuleError(this.file, field, problem);
  }
  warn(field: string, problem: string): void {
    this.warnings.push(`${this.file}: ${field}: ${problem}`);
  }
  string(doc: Doc, field: string, opts: { required?: boolean; max?: number; min?: number } = {}): string | undefined {
    const v = doc[field];
    if (v === undefined || v === null) {
      if (opts.required) this.fail(field, 'required field is missing');
      return undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number') this.fail(field, `must be text, got ${describe(v)}`);
    const s = String(v);
    if (opts.min !== undefined && s.trim().length < opts.min) this.fail(field, 'must not be empty');
    if (opts.max !== undefined && s.length > opts.max) this.fail(field, `at most ${opts.max} characters (has ${s.length})`);
    return s;
  }
  list(doc: Doc, field: string): unknown[] {
    const v = doc[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) this.fail(field, `must be a list, got ${describe(v)}`);
    return v;
  }
  duration(doc: Doc, field: string, required: boolean): bigint | undefined {
    const s = this.string(doc, field, { required });
    if (s === undefined) return undefined;
    const t = parseDuration(s);
    if (t === null || t <= 0n) this.fail(field, `"${s}" is not a duration (write 5m, 1h, 1d or 00:05:00)`);
    return t;
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

function isMapping(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseRuleYaml(text: string, file: string): Rule {
  const c: Checker = new Checker(file);
  const parsed = parseDocument(text, { prettyErrors: false });
  if (parsed.errors.length > 0) c.fail(undefined, `not valid YAML: ${parsed.errors[0]!.message}`);
  const doc = parsed.toJS() as unknown;
  if (!isMapping(doc)) c.fail(undefined, 'a rule file must be a YAML mapping (id:, name:, query: ...)');

  const id = c.string(doc, 'id', { required: true })!;
  if (!GUID.test(id)) c.fail('id', `"${id}" is not a GUID`);
  const name = c.string(doc, 'name', { required: true, min: 1, max: 256 })!;
  // Azure-Sentinel's rules write `description: |` followed by a single-quoted text; inside those
  // quotes a quote is doubled, as in a YAML single-quoted scalar.
  const rawDescription = c.string(doc, 'description', { required: true, max: 5000 })!.trim();
  const quoted = /^'([\s\S]*)'$/.exec(rawDescription);
  const description = quoted ? quoted[1]!.replace(/''/g, "'") : rawDescription;

  const kind = c.string(doc, 'kind', { required: true })!;
  if (!KINDS.includes(kind)) c.fail('kind', `"${kind}" is not one of ${KINDS.join(', ')}`);
  if (kind !== 'Scheduled' && kind !== 'NRT') c.fail('kind', `"${kind}" rules are run by Microsoft's services, not by queries; only Scheduled and NRT rules can be run`);

  const severityText = c.string(doc, 'severity', { required: true })!;
  if (!(SEVERITIES as readonly string[]).includes(severityText)) c.fail('severity', `"${severityText}" is not one of ${SEVERITIES.join(', ')}`);

  const query = c.string(doc, 'query', { required: true, min: 1, max: 10000 })!;

  // NRT rules run every minute over what arrived since the last run; modelled as 1m/1m.
  let queryFrequency = TICKS_PER_MINUTE;
  let queryPeriod = TICKS_PER_MINUTE;
  let triggerOperator: TriggerOperator = 'gt';
  let triggerThreshold = 0;
  const scheduled = kind === 'Scheduled';
  if (scheduled) {
    queryFrequency = c.duration(doc, 'queryFrequency', true)!;
    queryPeriod = c.duration(doc, 'queryPeriod', true)!;
    const min = 5n * TICKS_PER_MINUTE;
    const max = 14n * TICKS_PER_DAY;
    for (const [f, v] of [['queryFrequency', queryFrequency], ['queryPeriod', queryPeriod]] as const) {
      if (v < min || v > max) c.fail(f, `must be between 5 minutes and 14 days (Sentinel's limits)`);
    }
    if (queryFrequency > queryPeriod) c.fail('queryFrequency', 'must not be longer than queryPeriod');
    const op = c.string(doc, 'triggerOperator', { required: true })!;
    if (!(op in OPERATORS)) c.fail('triggerOperator', `"${op}" is not one of gt, lt, eq, ne`);
    triggerOperator = OPERATORS[op]!;
    const th = doc.triggerThreshold;
    if (th === undefined || th === null) c.fail('triggerThreshold', 'required field is missing');
    if (typeof th !== 'number' || !Number.isInteger(th) || th < 0 || th > 10000) c.fail('triggerThreshold', `must be a whole number from 0 to 10000, got ${describe(th)}`);
    triggerThreshold = th;
  }

  const tactics = c.list(doc, 'tactics').map((t, i) => {
    if (typeof t !== 'string' || !TACTICS.includes(t)) c.fail(`tactics[${i}]`, `${describe(t)} is not a tactic (${TACTICS.join(', ')})`);
    return t;
  });
  const relevantTechniques = c.list(doc, 'relevantTechniques').map((t, i) => {
    if (typeof t !== 'string' || !TECHNIQUE.test(t)) c.fail(`relevantTechniques[${i}]`, `${describe(t)} is not a technique id (T1234 or T1234.001)`);
    return t;
  });

  for (const [i, dc] of c.list(doc, 'requiredDataConnectors').entries()) {
    const f = `requiredDataConnectors[${i}]`;
    if (!isMapping(dc) || typeof dc.connectorId !== 'string') c.fail(f, 'must have a connectorId');
    if (!Array.isArray(dc.dataTypes)) c.fail(`${f}.dataTypes`, 'required list is missing');
  }

  const entityMappings = parseEntityMappings(c, doc);
  const customDetails = parseCustomDetails(c, doc);
  const alertDetailsOverride = parseOverride(c, doc);

  let aggregationKind: AggregationKind = 'SingleAlert';
  if (doc.eventGroupingSettings !== undefined && doc.eventGroupingSettings !== null) {
    const g = doc.eventGroupingSettings;
    if (!isMapping(g)) c.fail('eventGroupingSettings', 'must be a mapping with aggregationKind');
    const k = g.aggregationKind;
    if (k !== 'SingleAlert' && k !== 'AlertPerResult') c.fail('eventGroupingSettings.aggregationKind', `${describe(k)} is not SingleAlert or AlertPerResult`);
    aggregationKind = k;
  }

  const se = doc.suppressionEnabled;
  if (se !== undefined && typeof se !== 'boolean') c.fail('suppressionEnabled', `must be true or false, got ${describe(se)}`);
  const suppressionDuration = c.duration(doc, 'suppressionDuration', false) ?? 0n;
  if (suppressionDuration > 24n * TICKS_PER_HOUR) c.fail('suppressionDuration', 'at most 24 hours');
  if (se === true && suppressionDuration === 0n) c.fail('suppressionDuration', 'required when suppressionEnabled is true');
  const version = c.string(doc, 'version', { max: 20 });

  return {
    file, id, name, description, severity: severityText as Severity, kind: kind as 'Scheduled' | 'NRT',
    queryFrequency, queryPeriod, triggerOperator, triggerThreshold, tactics, relevantTechniques, query,
    entityMappings, customDetails, alertDetailsOverride, aggregationKind,
    suppressionEnabled: se === true, suppressionDuration, version, raw: doc, format: 'yaml', warnings: c.warnings,
  };
}

/** "Up to ten entity mappings in a single analytics rule" (map-data-fields-to-entities, sentinel-service-limits). */
export const MAX_ENTITY_MAPPINGS = 10;
/** "Up to three identifiers for a given entity mapping" (map-data-fields-to-entities). */
export const MAX_IDENTIFIERS = 3;
/** "Up to 20 custom details in a single analytics rule" (surface-custom-details-in-alerts, sentinel-service-limits). */
export const MAX_CUSTOM_DETAILS = 20;
/** "Currently limited to three parameters each" in the name and description formats (customize-alert-details). */
export const DOCUMENTED_MAX_PLACEHOLDERS = 3;

function parseEntityMappings(c: Checker, doc: Doc): EntityMapping[] {
  const list = c.list(doc, 'entityMappings');
  if (list.length > MAX_ENTITY_MAPPINGS) c.fail('entityMappings', `at most ${MAX_ENTITY_MAPPINGS} entity mappings (has ${list.length})`);
  return list.map((m, i) => {
    const f = `entityMappings[${i}]`;
    if (!isMapping(m)) c.fail(f, 'must be a mapping with entityType and fieldMappings');
    const type = m.entityType;
    if (typeof type !== 'string' || !ENTITY_IDENTIFIERS.has(type)) c.fail(`${f}.entityType`, `${describe(type)} is not an entity type (${[...ENTITY_IDENTIFIERS.keys()].join(', ')})`);
    const fms = m.fieldMappings;
    if (!Array.isArray(fms) || fms.length < 1 || fms.length > MAX_IDENTIFIERS) c.fail(`${f}.fieldMappings`, `must be a list of 1 to ${MAX_IDENTIFIERS} {identifier, columnName}`);
    const allowed = ENTITY_IDENTIFIERS.get(type)!;
    const fieldMappings = fms.map((fm, j) => {
      const ff = `${f}.fieldMappings[${j}]`;
      if (!isMapping(fm)) c.fail(ff, 'must be a mapping {identifier, columnName}');
      if (typeof fm.identifier !== 'string' || !allowed.includes(fm.identifier)) c.fail(`${ff}.identifier`, `${describe(fm.identifier)} is not an identifier of ${type} (${allowed.join(', ')})`);
      if (typeof fm.columnName !== 'string' || !COLUMN.test(fm.columnName) || fm.columnName.length > 500) c.fail(`${ff}.columnName`, `${describe(fm.columnName)} is not a column name`);
      return { identifier: fm.identifier, columnName: fm.columnName };
    });
    const required = REQUIRED_IDENTIFIERS.get(type);
    const have = new Set(fieldMappings.map((x) => x.identifier));
    if (required && !required.some((set) => set.every((x) => have.has(x)))) {
      c.fail(`${f}.fieldMappings`, `a ${type} entity needs ${required.map((s) => s.join('+')).join(' or ')}`);
    }
    return { entityType: type, fieldMappings };
  });
}

function parseCustomDetails(c: Checker, doc: Doc): Map<string, string> {
  const out = new Map<string, string>();
  const cd = doc.customDetails;
  if (cd === undefined || cd === null) return out;
  if (!isMapping(cd)) c.fail('customDetails', 'must be a mapping Key: ColumnName');
  const entries = Object.entries(cd);
  if (entries.length > MAX_CUSTOM_DETAILS) c.fail('customDetails', `at most ${MAX_CUSTOM_DETAILS} entries (has ${entries.length})`);
  for (const [k, v] of entries) {
    if (!/^[a-zA-Z]+\w*$/.test(k) || k.length > 20) c.fail(`customDetails.${k}`, 'keys are letters then letters, digits or _ (at most 20 characters)');
    if (typeof v !== 'string' || !COLUMN.test(v)) c.fail(`customDetails.${k}`, `${describe(v)} is not a column name`);
    out.set(k, v);
  }
  return out;
}

function parseOverride(c: Checker, doc: Doc): AlertDetailsOverride | undefined {
  const o = doc.alertDetailsOverride;
  if (o === undefined || o === null) return undefined;
  if (!isMapping(o)) c.fail('alertDetailsOverride', 'must be a mapping');
  const out: Record<string, string> = {};
  for (const [k, max] of [['alertDisplayNameFormat', 256], ['alertDescriptionFormat', 5000], ['alertTacticsColumnName', 500], ['alertSeverityColumnName', 500]] as const) {
    const v = c.string(o, k, { max });
    if (v === undefined) continue;
    const count = k.endsWith('Format') ? (v.match(/\{\{[^{}]*\}\}/g) ?? []).length : 0;
    if (count > DOCUMENTED_MAX_PLACEHOLDERS) {
      // Sentinel's page says three; Microsoft publishes a rule with four, which Sentinel accepts.
      c.warn(`alertDetailsOverride.${k}`, `${count} {{column}} placeholders; Sentinel documents at most ${DOCUMENTED_MAX_PLACEHOLDERS} per format but accepts more (trailhound fills them all)`);
    }
    if (k.endsWith('ColumnName') && !COLUMN.test(v)) c.fail(`alertDetailsOverride.${k}`, `"${v}" is not a column name`);
    out[k] = v;
  }
  return out;
}

/** Placeholders `{{Column}}` used by a format. */
export function placeholders(format: string): string[] {
  return [...format.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!);
}
