/**
 * Which parts of a raw CloudTrail record a scan reads, as a tree of field names: the paths of the
 * wanted columns (mapping.ts COLUMN_RULES), plus what the reader itself needs of every record
 * (eventID for the duplicate filter; the keys items.ts classifies a record by). field-extract.ts
 * reads these and nothing else from a record's text.
 */
import { COLUMN_RULES, type RawRecord } from './mapping.ts';

export interface FieldNode {
  readonly name: string;
  /**
   * A column reads this field itself (not only fields inside it): an object or array here is
   * parsed whole, as a wrong-typed value is written out (mapping.ts toStr) or a JSON column needs it.
   */
  leaf: boolean;
  /** The value is read (false: only whether the key is there counts, a root field's `bit`). */
  read: boolean;
  /** Bit of a root field in `Extracted.seen` (0: not tracked). */
  bit: number;
  /**
   * The record's eventID, read only for the duplicate filter (no wanted column reads it): the
   * field scanner may hand a UUID over as its 128 bits instead of as text (id-words.ts).
   */
  idOnly?: boolean;
  readonly children: FieldNode[];
}

/** Root fields whose presence items.ts isCloudTrailRecord / isInsight test. */
export const PRESENCE = {
  eventVersion: 1,
  eventID: 2,
  eventTime: 4,
  eventName: 8,
  eventSource: 16,
  insightDetails: 32,
} as const;

/**
 * A sparse record of a plan's fields is a plain CloudTrail record (items.ts classify's first
 * case: not an envelope, not an Insights event): `seen` holds the PRESENCE bits of its root keys.
 */
export function isPlainRecord(rec: RawRecord, seen: number): boolean {
  const record =
    (seen & (PRESENCE.eventVersion | PRESENCE.eventID)) !== 0 ||
    ((seen & PRESENCE.eventTime) !== 0 && (seen & (PRESENCE.eventName | PRESENCE.eventSource)) !== 0);
  return record && (seen & PRESENCE.insightDetails) === 0 && rec['eventType'] !== 'AwsCloudTrailInsight';
}

/**
 * Column sets larger than this are read with JSON.parse of the whole record instead: the extractor
 * validates every token in JavaScript, which pays only while it saves building most of the record
 * (on generated CloudTrail records, 2026-12-06: 4 columns take ~75 % of JSON.parse's CPU, 10
 * columns as much as it, all 53 twice as much).
 */
export const MAX_EXTRACTED_COLUMNS = 10;

function child(node: FieldNode, name: string): FieldNode {
  let c = node.children.find((x) => x.name === name);
  if (!c) node.children.push((c = { name, leaf: false, read: false, bit: 0, children: [] }));
  return c;
}

function addPath(root: FieldNode, keys: readonly string[]): void {
  let node = root;
  for (const k of keys) {
    node = child(node, k);
    node.read = true;
  }
  node.leaf = true;
}

/** The tree for these wanted columns (schema order), or null when parsing whole records pays better. */
export function fieldPlan(wanted: readonly boolean[], maxColumns = MAX_EXTRACTED_COLUMNS): FieldNode | null {
  const root: FieldNode = { name: '', leaf: false, read: true, bit: 0, children: [] };
  let columns = 0;
  for (let i = 0; i < COLUMN_RULES.length; i++) {
    const rule = COLUMN_RULES[i]!;
    if (!wanted[i] || rule.keys.length === 0) continue;
    columns++;
    addPath(root, rule.keys);
  }
  if (columns > maxColumns) return null;
  // the reader's own needs: eventID (duplicates), eventType (an Insights event is kept out)
  const idColumn = root.children.some((c) => c.name === 'eventID');
  addPath(root, ['eventID']);
  if (!idColumn) child(root, 'eventID').idOnly = true;
  addPath(root, ['eventType']);
  for (const [name, bit] of Object.entries(PRESENCE)) child(root, name).bit = bit;
  return root;
}

const plans = new Map<string, FieldNode | null>();

/** fieldPlan, built once per column set (a reader builds one per file). */
export function cachedFieldPlan(wanted: readonly boolean[]): FieldNode | null {
  const key = wanted.map((w) => (w ? '1' : '0')).join('');
  let plan = plans.get(key);
  if (plan === undefined) plans.set(key, (plan = fieldPlan(wanted)));
  return plan;
}
