/**
 * One raw CloudTrail record -> one `AWSCloudTrail` row, the way Sentinel's AWS S3 connector
 * stores it (research/cloudtrail-schema.md §1.2, §1.3):
 *  - strings copied; missing/null -> "" (Kusto strings are never null);
 *  - bool columns from JSON booleans or "true"/"false" strings; missing -> null;
 *  - datetimes from ISO text; missing or unparseable -> null;
 *  - nested objects -> compact JSON text in raw key order, escaped like System.Text.Json;
 *  - Category, OperationName, SourceSystem, AwsRequestId left empty (S3-connector parity);
 *  - TenantId configurable, Type = "AWSCloudTrail";
 *  - a text value over Log Analytics' 32 KB field limit is cut to 32 KB, as Sentinel stores it
 *    (field-size.ts).
 */
import { nullOf, type Value } from '../kql/types.ts';
import { AWS_CLOUDTRAIL_SCHEMA, AWS_CLOUDTRAIL_TABLE, columnIndex } from './schema.ts';
import { cutToUtf8, LOG_ANALYTICS_MAX_FIELD_BYTES } from './field-size.ts';
import { encodeValue, ownedCopy, quickSpan, reencodeJson, topLevelSpans, type EscapePolicy } from './json-text.ts';
import { isoToTicks } from './time.ts';

export type RawRecord = Record<string, unknown>;

export interface MappingOptions {
  readonly tenantId?: string;
  readonly escapePolicy?: EscapePolicy;
  /** Text columns keep at most this many UTF-8 bytes (default 32 KiB, Log Analytics' limit; 0 = no limit). */
  readonly maxFieldBytes?: number;
}

/** Problems found while mapping one record (wrong field types); the row is still produced. */
export type TypeIssues = string[];

/** One column's value for a record, with the problems mapping it reports (mapping.ts, cellOf). */
export interface MappedCell {
  readonly value: Value;
  readonly issues: readonly string[];
  readonly cut: readonly string[];
}

type Getter = (rec: RawRecord) => unknown;

/**
 * The getter of one path: undefined as soon as a step is not a plain object. Made as a function of
 * its own per path (from the mapping's constant keys, never from a record), not one closure shared
 * by every path: each then has its own inline caches, which stay monomorphic on the records of a
 * scan (field-scan.ts builds them all with one shape) where the shared loop's keyed loads went
 * megamorphic. `__proto__` reads the prototype, as `v[k]` would.
 */
function path(...keys: string[]): Getter {
  const steps = keys.map((k) => `if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;\nv = v[${JSON.stringify(k)}];`);
  return new Function('rec', `let v = rec;\n${steps.join('\n')}\nreturn v;`) as Getter;
}

type Kind = 'string' | 'bool' | 'datetime' | 'json' | 'numtext' | 'const';

interface ColumnRule {
  readonly column: string;
  readonly kind: Kind;
  readonly get?: Getter;
  /** The raw record's path the value is read from (empty for constants): field-extract.ts reads only these. */
  readonly keys: readonly string[];
  /** Top-level raw field for 'json' columns, re-encoded from the raw text when we have it. */
  readonly field?: string;
  readonly label: string;
}

function s(column: string, ...keys: string[]): ColumnRule {
  return { column, kind: 'string', get: path(...keys), keys, label: keys.join('.') };
}
function b(column: string, ...keys: string[]): ColumnRule {
  return { column, kind: 'bool', get: path(...keys), keys, label: keys.join('.') };
}
function d(column: string, ...keys: string[]): ColumnRule {
  return { column, kind: 'datetime', get: path(...keys), keys, label: keys.join('.') };
}
function j(column: string, field: string): ColumnRule {
  return { column, kind: 'json', get: path(field), keys: [field], field, label: field };
}
function n(column: string, ...keys: string[]): ColumnRule {
  return { column, kind: 'numtext', get: path(...keys), keys, label: keys.join('.') };
}
function c(column: string): ColumnRule {
  return { column, kind: 'const', keys: [], label: column };
}

const SC = ['userIdentity', 'sessionContext'];

/** Column -> raw source, in schema order. */
export const COLUMN_RULES: readonly ColumnRule[] = [
  d('TimeGenerated', 'eventTime'),
  s('AwsEventId', 'eventID'),
  s('EventVersion', 'eventVersion'),
  s('EventSource', 'eventSource'),
  s('EventTypeName', 'eventType'),
  s('EventName', 'eventName'),
  s('UserIdentityType', 'userIdentity', 'type'),
  s('UserIdentityPrincipalid', 'userIdentity', 'principalId'),
  s('UserIdentityArn', 'userIdentity', 'arn'),
  s('UserIdentityAccountId', 'userIdentity', 'accountId'),
  s('UserIdentityInvokedBy', 'userIdentity', 'invokedBy'),
  s('UserIdentityAccessKeyId', 'userIdentity', 'accessKeyId'),
  s('UserIdentityUserName', 'userIdentity', 'userName'),
  b('SessionMfaAuthenticated', ...SC, 'attributes', 'mfaAuthenticated'),
  d('SessionCreationDate', ...SC, 'attributes', 'creationDate'),
  s('SessionIssuerType', ...SC, 'sessionIssuer', 'type'),
  s('SessionIssuerPrincipalId', ...SC, 'sessionIssuer', 'principalId'),
  s('SessionIssuerArn', ...SC, 'sessionIssuer', 'arn'),
  s('SessionIssuerAccountId', ...SC, 'sessionIssuer', 'accountId'),
  s('SessionIssuerUserName', ...SC, 'sessionIssuer', 'userName'),
  s('AWSRegion', 'awsRegion'),
  s('SourceIpAddress', 'sourceIPAddress'),
  s('UserAgent', 'userAgent'),
  s('ErrorCode', 'errorCode'),
  s('ErrorMessage', 'errorMessage'),
  j('RequestParameters', 'requestParameters'),
  j('ResponseElements', 'responseElements'),
  j('AdditionalEventData', 'additionalEventData'),
  c('AwsRequestId'),
  s('AwsRequestId_', 'requestID'),
  j('Resources', 'resources'),
  s('APIVersion', 'apiVersion'),
  b('ReadOnly', 'readOnly'),
  s('RecipientAccountId', 'recipientAccountId'),
  j('ServiceEventDetails', 'serviceEventDetails'),
  s('SharedEventId', 'sharedEventID'),
  s('VpcEndpointId', 'vpcEndpointId'),
  b('ManagementEvent', 'managementEvent'),
  c('TenantId'),
  c('SourceSystem'),
  c('OperationName'),
  c('Category'),
  s('EC2RoleDelivery', ...SC, 'ec2RoleDelivery'),
  s('TlsVersion', 'tlsDetails', 'tlsVersion'),
  s('CipherSuite', 'tlsDetails', 'cipherSuite'),
  s('ClientProvidedHostHeader', 'tlsDetails', 'clientProvidedHostHeader'),
  s('IpProtocol', 'requestParameters', 'ipProtocol'),
  n('SourcePort', 'requestParameters', 'fromPort'),
  n('DestinationPort', 'requestParameters', 'toPort'),
  s('CidrIp', 'requestParameters', 'cidrIp'),
  s('UserIdentityUserId', 'userIdentity', 'onBehalfOf', 'userId'),
  s('UserIdentityStoreArn', 'userIdentity', 'onBehalfOf', 'identityStoreArn'),
  c('Type'),
];

// The rules must line up with the schema.
COLUMN_RULES.forEach((r, i) => {
  if (AWS_CLOUDTRAIL_SCHEMA[i]!.name !== r.column) throw new Error(`mapping out of order at ${r.column}`);
});

/** Columns whose text is the record's own text re-encoded (JSON escapes may differ from raw). */
export const JSON_COLUMNS: ReadonlySet<string> = new Set(COLUMN_RULES.filter((r) => r.kind === 'json').map((r) => r.column));
/** Columns whose value never comes from the record. */
export const CONSTANT_COLUMNS: ReadonlySet<string> = new Set(COLUMN_RULES.filter((r) => r.kind === 'const').map((r) => r.column));
/** Columns whose text may be produced from a JSON number (not a raw substring). */
export const NUMBER_TEXT_COLUMNS: ReadonlySet<string> = new Set(COLUMN_RULES.filter((r) => r.kind === 'numtext').map((r) => r.column));

export function constantValue(column: string, options: MappingOptions): string {
  if (column === 'TenantId') return options.tenantId ?? '';
  if (column === 'Type') return AWS_CLOUDTRAIL_TABLE;
  return '';
}

function toStr(v: unknown, label: string, issues: TypeIssues, policy: EscapePolicy): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  issues.push(`${label} is ${typeName(v)}, expected string`);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return encodeValue(v, policy);
}

function toNumText(v: unknown, label: string, issues: TypeIssues): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  issues.push(`${label} is ${typeName(v)}, expected number`);
  return typeof v === 'boolean' ? String(v) : '';
}

function toBool(v: unknown, label: string, issues: TypeIssues): boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    if (t === '') return null;
  }
  issues.push(`${label} is ${preview(v)}, expected a bool`);
  return null;
}

function toTicks(v: unknown, label: string, issues: TypeIssues): bigint | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') {
    const t = isoToTicks(v);
    if (t === null && v !== '') issues.push(`${label} "${v.slice(0, 40)}" is not an ISO-8601 time`);
    return t;
  }
  issues.push(`${label} is ${typeName(v)}, expected an ISO-8601 time string`);
  return null;
}

/**
 * A wrong-typed value as a message shows it: text cut at 40 characters, an array or object by
 * its kind (its JSON could be megabytes long, or nested too deep to write).
 */
export function preview(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object' && v !== null) return typeName(v);
  return String(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * A record's raw text, and what the JSON columns learn about it, each found once and only when a
 * JSON column needs it (most columns, and the row checks, never do).
 */
interface SpansOf {
  readonly text: string | undefined;
  /** The text has no `\u` escape: quickSpan may be used on it. */
  literal?: boolean;
  all?: Map<string, [number, number]>;
}

/**
 * Maps records into column arrays. `wanted[i]` false -> nothing is appended to that column
 * (the query does not read it): the batch fills it with the null value at the end, which saves
 * the JSON re-encoding work and keeps worker messages small.
 */
export class RecordMapper {
  readonly policy: EscapePolicy;
  private readonly constants: Value[];
  private readonly maxFieldBytes: number;

  constructor(
    readonly options: MappingOptions = {},
    readonly wanted: readonly boolean[] = AWS_CLOUDTRAIL_SCHEMA.map(() => true),
  ) {
    this.policy = options.escapePolicy ?? 'sentinel';
    this.maxFieldBytes = options.maxFieldBytes === 0 ? Infinity : (options.maxFieldBytes ?? LOG_ANALYTICS_MAX_FIELD_BYTES);
    this.constants = COLUMN_RULES.map((r) => (r.kind === 'const' ? constantValue(r.column, options) : null));
  }

  /**
   * Appends one row to `columns`; returns the type problems found (empty when clean). The
   * columns whose text was cut to the field limit are added to `cut`, with their full size.
   */
  mapInto(columns: Value[][], rec: RawRecord, text?: string, cut?: string[]): TypeIssues {
    const issues: TypeIssues = [];
    const spans: SpansOf = { text };
    for (let i = 0; i < COLUMN_RULES.length; i++) {
      if (!this.wanted[i]) continue; // left empty: the batch fills it with the null value
      columns[i]!.push(this.cell(i, rec, spans, issues, cut));
    }
    return issues;
  }

  /** The value mapInto would put in column `i` (its type problems are not reported). */
  valueOf(i: number, rec: RawRecord, text?: string): Value {
    return this.cell(i, rec, { text }, [], undefined);
  }

  /**
   * What mapInto would put in column `i`, with the type problems and cut it would report there:
   * a column mapped once for many equal records (parquet-ocsf-columns.ts) reports them per row.
   */
  cellOf(i: number, rec: RawRecord): MappedCell {
    const issues: TypeIssues = [];
    const cut: string[] = [];
    const value = this.cell(i, rec, { text: undefined }, issues, cut);
    return { value, issues, cut };
  }

  private cell(i: number, rec: RawRecord, spans: SpansOf, issues: TypeIssues, cut: string[] | undefined): Value {
    const rule = COLUMN_RULES[i]!;
    switch (rule.kind) {
      case 'const':
        return this.constants[i]!;
      case 'string':
        return this.fit(toStr(rule.get!(rec), rule.label, issues, this.policy), i, cut);
      case 'numtext':
        return this.fit(toNumText(rule.get!(rec), rule.label, issues), i, cut);
      case 'bool':
        return toBool(rule.get!(rec), rule.label, issues);
      case 'datetime':
        return toTicks(rule.get!(rec), rule.label, issues);
      case 'json':
        return this.fit(this.jsonText(rule, rec, spans), i, cut);
    }
  }

  /** A text value over the field limit, cut to it (an owned copy: it must not keep the record's text alive). */
  private fit(s: string, i: number, cut: string[] | undefined): string {
    const c = cutToUtf8(s, this.maxFieldBytes);
    if (c === undefined) return s;
    cut?.push(`${COLUMN_RULES[i]!.column} (${c.bytes.toLocaleString('en-US')} bytes)`);
    return ownedCopy(c.text);
  }

  /** A JSON column's text: a nested value re-encoded from the record's raw text when there is one. */
  private jsonText(rule: ColumnRule, rec: RawRecord, spans: SpansOf): string {
    const v = rule.get!(rec);
    if (v === undefined || v === null) return '';
    if (typeof v === 'string') return v;
    if (typeof v !== 'object') return String(v);
    const text = spans.text;
    if (text === undefined) return encodeValue(v, this.policy);
    spans.literal ??= text.indexOf('\\u') < 0;
    let sp = spans.literal ? quickSpan(text, rule.field!) : null;
    if (sp === null) {
      spans.all ??= topLevelSpans(text);
      sp = spans.all.get(rule.field!) ?? null;
    }
    return sp ? ownedCopy(reencodeJson(text, this.policy, sp[0], sp[1])) : encodeValue(v, this.policy);
  }

  /** Convenience for tests and one-off use: one record -> one row. */
  mapRow(rec: RawRecord, text?: string): Value[] {
    const cols: Value[][] = COLUMN_RULES.map(() => []);
    this.mapInto(cols, rec, text);
    return cols.map((c, i) => (c.length ? c[0]! : nullOf(AWS_CLOUDTRAIL_SCHEMA[i]!.type)));
  }
}

export function columnOf(name: string): number {
  return columnIndex(name);
}
