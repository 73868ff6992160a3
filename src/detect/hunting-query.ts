/**
 * Sentinel hunting queries: the YAML files of the Azure-Sentinel repository's "Hunting Queries"
 * folders (id, name, description, tactics, relevantTechniques, query, entityMappings,
 * requiredDataConnectors; no schedule), or bare `.kql` files. A hunting query runs once over a
 * time range chosen on Sentinel's hunting page, which fills `{{StartTimeISO}}` and
 * `{{EndTimeISO}}` in its text (docs/hunting.md).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseDocument } from 'yaml';
import { formatDatetimeJson } from '../kql/values/datetime.ts';
import { TACTICS } from './entities.ts';
import { ruleFiles } from './rule-files.ts';
import { RuleError } from './rule.ts';

export interface HuntingQuery {
  readonly file: string;
  readonly id?: string;
  readonly name: string;
  readonly description: string;
  /** As the hunting page groups them: `Credential Access` and `CredentialAccess` are one tactic. */
  readonly tactics: readonly string[];
  readonly relevantTechniques: readonly string[];
  /** The query as written, placeholders included. */
  readonly query: string;
  /** Every key of the YAML document (entityMappings, requiredDataConnectors, ...), as written. */
  readonly raw: Readonly<Record<string, unknown>>;
}

/** The placeholders the hunting page fills with the chosen time range. */
const START = '{{StartTimeISO}}';
const END = '{{EndTimeISO}}';

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Tactics as the analytics schema spells them where the query writes them with spaces. */
function tactic(t: string): string {
  const squashed = t.replace(/\s+/g, '');
  return TACTICS.includes(squashed) ? squashed : t;
}

function strings(doc: Record<string, unknown>, field: string, file: string): string[] {
  const v = doc[field];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new RuleError(file, field, 'must be a list of text');
  return v as string[];
}

export function parseHuntingYaml(text: string, file: string): HuntingQuery {
  const parsed = parseDocument(text, { prettyErrors: false });
  if (parsed.errors.length > 0) throw new RuleError(file, undefined, `not valid YAML: ${parsed.errors[0]!.message}`);
  const doc = parsed.toJS() as unknown;
  if (!isMapping(doc)) throw new RuleError(file, undefined, 'a hunting query file must be a YAML mapping (name:, query: ...)');
  if (doc.queryFrequency !== undefined || doc.kind !== undefined) {
    throw new RuleError(file, doc.queryFrequency !== undefined ? 'queryFrequency' : 'kind', 'this is an analytics rule, not a hunting query: run it with trailhound detect');
  }
  const text_ = (field: string, required: boolean): string | undefined => {
    const v = doc[field];
    if (v === undefined || v === null) {
      if (required) throw new RuleError(file, field, 'required field is missing');
      return undefined;
    }
    if (typeof v !== 'string' && typeof v !== 'number') throw new RuleError(file, field, 'must be text');
    return String(v);
  };
  const query = text_('query', true)!;
  if (query.trim() === '') throw new RuleError(file, 'query', 'must not be empty');
  const raw = text_('description', false)?.trim() ?? '';
  // Azure-Sentinel writes `description: |` followed by a single-quoted text (as rules do).
  const quoted = /^'([\s\S]*)'$/.exec(raw);
  return {
    file,
    id: text_('id', false),
    name: text_('name', true)!,
    description: quoted ? quoted[1]!.replace(/''/g, "'") : raw,
    tactics: strings(doc, 'tactics', file).map(tactic),
    relevantTechniques: strings(doc, 'relevantTechniques', file),
    query,
    raw: doc,
  };
}

export function loadHuntingQuery(file: string): HuntingQuery {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  if (!/\.kql$/i.test(file)) return parseHuntingYaml(text, file);
  if (text.trim() === '') throw new RuleError(file, undefined, 'the query is empty');
  return { file, name: basename(file, extname(file)), description: '', tactics: [], relevantTechniques: [], query: text, raw: {} };
}

/** Hunting queries from files and folders (recursively, in name order; `.yaml`, `.yml`, `.kql`). */
export function loadHuntingQueries(paths: readonly string[]): HuntingQuery[] {
  return paths.flatMap(ruleFiles).map(loadHuntingQuery);
}

/** Whether the query places its own time bounds with the hunting page's placeholders. */
export function hasTimePlaceholders(query: string): boolean {
  return query.includes(START) || query.includes(END);
}

/** The query with `{{StartTimeISO}}` / `{{EndTimeISO}}` replaced by the range, as ISO 8601 UTC. */
export function fillTimePlaceholders(query: string, from: bigint, to: bigint): string {
  return query.split(START).join(formatDatetimeJson(from)).split(END).join(formatDatetimeJson(to));
}
