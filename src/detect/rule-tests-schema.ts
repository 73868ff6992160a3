/**
 * The schema of `<rule>.tests.yaml` (docs/detections.md, "Rule tests"), checked before any case
 * runs: a misspelt key (`nwo:` for `now:`) or a case without `expect` would otherwise check
 * nothing and pass. Every problem names the file, the case (index and name) and the key, with a
 * "did you mean" for near misses. Hand-written rather than a JSON Schema: the format is small,
 * and its messages must speak of cases and keys, not of JSON pointers.
 */
import { parseDatetime } from '../kql/values/datetime.ts';
import { parseDuration } from './duration.ts';

/** What a value must be. `fields` is a mapping with known keys; `free` a mapping with any keys. */
type Spec =
  | { readonly kind: 'text' | 'datetime' | 'duration' | 'boolean' | 'count' | 'record' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'free'; readonly of: Spec }
  | { readonly kind: 'list'; readonly of: Spec; readonly nonEmpty?: boolean }
  | { readonly kind: 'fields'; readonly keys: Readonly<Record<string, Spec>>; readonly required?: readonly string[]; readonly anyOf?: readonly string[] }
  | { readonly kind: 'either'; readonly options: readonly Spec[]; readonly what: string };

const TEXT: Spec = { kind: 'text' };
const DATETIME: Spec = { kind: 'datetime' };
/** alias -> CSV text (header line first). */
const WATCHLISTS: Spec = { kind: 'free', of: TEXT };

const EXPECTED_ALERT: Spec = {
  kind: 'fields',
  keys: { now: DATETIME, rows: { kind: 'count' }, entities: { kind: 'list', of: TEXT }, severity: TEXT, displayName: TEXT },
};

const CASE: Spec = {
  kind: 'fields',
  required: ['expect'],
  keys: {
    name: TEXT,
    now: DATETIME,
    replay: { kind: 'fields', keys: { from: DATETIME, to: DATETIME, perRun: { kind: 'boolean' } } },
    ingestion: { kind: 'enum', values: ['ideal', 'delivery'] },
    delay: { kind: 'duration' },
    watchlists: WATCHLISTS,
    // raw CloudTrail records and AWSCloudTrail rows: their own keys are checked by test-input.ts
    events: { kind: 'list', of: { kind: 'record' } },
    rows: { kind: 'list', of: { kind: 'record' } },
    expect: {
      kind: 'fields',
      anyOf: ['results', 'alerts'],
      keys: {
        results: { kind: 'list', of: { kind: 'record' } },
        alerts: { kind: 'either', what: 'a count or a list of expected alerts', options: [{ kind: 'count' }, { kind: 'list', of: EXPECTED_ALERT }] },
      },
    },
  },
};

const FILE: Spec = {
  kind: 'fields',
  required: ['tests'],
  keys: { rule: TEXT, watchlists: WATCHLISTS, tests: { kind: 'list', of: CASE, nonEmpty: true } },
};

/** Top-level and case keys starting with `x-` are free: they hold YAML anchors (`&base`). */
const FREE_KEY = /^x-/;

/** Problems of a parsed tests file (empty when valid), each a line naming case and key. */
export function validateTestsFile(doc: unknown): string[] {
  const problems: string[] = [];
  if (!isMapping(doc)) return ['a tests file must be a YAML mapping with a list of cases under tests:'];
  check(doc, FILE, '', '', problems);
  // the rules that span keys: a case is one run (now:) or a replay, and only one run has result rows
  const tests = Array.isArray(doc.tests) ? doc.tests : [];
  tests.forEach((c, i) => {
    if (!isMapping(c)) return;
    const where = caseLabel(c, i);
    if (c.now !== undefined && c.replay !== undefined) problems.push(`${where}: now and replay: give one (now: one run; replay: every scheduled run in a range)`);
    if (c.now === undefined && isMapping(c.expect) && c.expect.results !== undefined) problems.push(`${where}: expect.results needs now: (the rows of one run); a replay checks alerts`);
  });
  return problems;
}

/** `tests[1] "two IPs"`: where a case's problems are. */
export function caseLabel(c: unknown, index: number): string {
  const name = isMapping(c) && typeof c.name === 'string' ? ` ${JSON.stringify(c.name)}` : '';
  return `tests[${index}]${name}`;
}

/** `where`: '' or the case (caseLabel); `key`: the key path inside it (`expect.alerts[0].now`). */
function check(v: unknown, spec: Spec, where: string, key: string, out: string[]): void {
  const at = (problem: string) => [where, key, problem].filter((s) => s !== '').join(': ');
  const sub = (k: string) => (key === '' ? quoteKey(k) : `${key}.${quoteKey(k)}`);
  switch (spec.kind) {
    case 'text':
      if (typeof v !== 'string') out.push(at(`must be text, got ${describe(v)}`));
      return;
    case 'datetime':
      if (typeof v !== 'string' || parseDatetime(v) === null) out.push(at(`must be a datetime such as "2024-05-01T12:00:00Z", got ${describe(v)}`));
      return;
    case 'duration':
      if (typeof v !== 'string' || parseDuration(v) === null) out.push(at(`must be a duration such as 5m, 1h or 00:05:00, got ${describe(v)}`));
      return;
    case 'boolean':
      if (typeof v !== 'boolean') out.push(at(`must be true or false, got ${describe(v)}`));
      return;
    case 'count':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) out.push(at(`must be a whole number >= 0, got ${describe(v)}`));
      return;
    case 'record':
      if (!isMapping(v)) out.push(at(`must be a mapping (key: value), got ${describe(v)}`));
      return;
    case 'enum':
      if (typeof v !== 'string' || !spec.values.includes(v)) out.push(at(`must be ${spec.values.join(' or ')}, got ${describe(v)}`));
      return;
    case 'either':
      if (!spec.options.some((o) => ok(v, o))) {
        // the option of the same shape explains best (a list of alerts with a bad key, say)
        const near = spec.options.find((o) => (o.kind === 'list') === Array.isArray(v));
        if (near && Array.isArray(v)) check(v, near, where, key, out);
        else out.push(at(`must be ${spec.what}, got ${describe(v)}`));
      }
      return;
    case 'free':
      if (!isMapping(v)) {
        out.push(at(`must be a mapping, got ${describe(v)}`));
        return;
      }
      for (const [k, x] of Object.entries(v)) check(x, spec.of, where, sub(k), out);
      return;
    case 'list':
      if (!Array.isArray(v)) {
        out.push(at(`must be a list, got ${describe(v)}`));
        return;
      }
      if (spec.nonEmpty && v.length === 0) out.push(at('the list is empty: give at least one'));
      v.forEach((x, i) => (spec.of === CASE ? check(x, CASE, caseLabel(x, i), '', out) : check(x, spec.of, where, `${key}[${i}]`, out)));
      return;
    case 'fields': {
      if (!isMapping(v)) {
        out.push(at(`must be a mapping, got ${describe(v)}`));
        return;
      }
      const known = Object.keys(spec.keys);
      // x- keys: top level and cases only (docs/detections.md)
      const freeKeys = spec === FILE || spec === CASE;
      for (const [k, x] of Object.entries(v)) {
        const field = spec.keys[k];
        if (field !== undefined) {
          if (x !== undefined && x !== null) check(x, field, where, sub(k), out);
          else out.push([where, `${sub(k)} is empty (give a value or remove the key)`].filter((s) => s !== '').join(': '));
        } else if (!(freeKeys && FREE_KEY.test(k))) {
          const hint = didYouMean(k, known);
          out.push(at(`unknown key ${quoteKey(k)}${hint ? ` (did you mean \`${hint}\`?)` : ` (known keys: ${known.join(', ')}${freeKeys ? ', x-...' : ''})`}`));
        }
      }
      for (const k of spec.required ?? []) if (!(k in v)) out.push(at(`${k} is missing${k === 'expect' ? ' (what the case checks: expect: { results: ..., alerts: ... })' : ''}`));
      if (spec.anyOf && !spec.anyOf.some((k) => v[k] !== undefined && v[k] !== null)) out.push(at(`checks nothing: give ${spec.anyOf.join(' and/or ')}`));
      return;
    }
  }
}

function ok(v: unknown, spec: Spec): boolean {
  const probe: string[] = [];
  check(v, spec, '', '', probe);
  return probe.length === 0;
}

/** A key as written, quoted when it holds anything but plain characters (keys come from the file). */
function quoteKey(k: string): string {
  return /^[\w-]+$/.test(k) ? k : JSON.stringify(k);
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'object') return 'a mapping';
  const s = JSON.stringify(v);
  return `${typeof v} ${s.length > 60 ? `${s.slice(0, 57)}...` : s}`;
}

/** The known key closest to a misspelt one, when it is close (a typo, a swap, a case slip). */
export function didYouMean(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = k.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.min(key.length, best?.length ?? 0) / 3));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps: `nwo` is one step from
 * `now`). Keys are short; a key longer than 64 characters is nobody's typo and is not compared.
 */
function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Infinity;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
