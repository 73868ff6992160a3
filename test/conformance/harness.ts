/**
 * Conformance harness: runs a query from Microsoft's Kusto documentation
 * (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/query/<page>) and compares our result
 * with the output table the page prints.
 *
 * The expected output is the page's markdown table, copied verbatim. Each cell of our result
 * is rendered with `--format json`'s cell writer (valueToJsonText) and compared with the doc's
 * text according to the column's type:
 *
 * - string: exact text (the docs' markdown escapes `\|` are undone; `<br>` is a line break); an empty
 *   cell is "". A markdown cell cannot show edge whitespace, so ours may differ from it only there.
 * - int/long: the integer, ignoring the thousands separators the docs' web UI prints (1,750).
 * - real: the number; when the docs print a rounded display (at least 4 significant digits and
 *   not the exact value) ours must round to it at the docs' precision. NaN/Infinity by name.
 * - datetime: same instant, to the tick; the doc text may be `2017-01-01 00:00:00.0000000`,
 *   `2017-01-01T00:00:00Z`, `2017-01-01` (parsed here independently of the engine).
 * - timespan: same tick count; the doc text is `[-][d.]hh:mm:ss[.fffffff]`.
 * - bool: true/false (the docs sometimes print True/False or 1/0).
 * - guid: case-insensitive text.
 * - dynamic: the doc's JSON parsed and compared structurally (array order and bag key order
 *   included unless the case says `anyBagOrder`); a top-level string may be shown bare.
 * - an empty doc cell (or `(null)`; `null` for non-dynamic types) is null for every type but string.
 *
 * Rows are compared in order unless the case sets `anyRowOrder` (with the reason: the docs do
 * not guarantee an order, e.g. summarize groups).
 *
 * A doc example we do not support is written with `unsupported`: the test then asserts that the
 * engine refuses it with that exact error (which names the construct), so it fails the day the
 * construct is supported and the case can be turned into a real comparison.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery } from '../../src/kql/engine.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { valueToJsonText } from '../../src/kql/values/format.ts';
import type { Batch, ScalarType } from '../../src/kql/types.ts';

export interface DocCase {
  /** The page under data-explorer/kusto/query/ the example comes from. */
  readonly page: string;
  /** What the example shows (used as the test name). */
  readonly name: string;
  /** The query, verbatim unless `adapted` says what was changed. */
  readonly query: string;
  /** Why and how the query differs from the page (sample-database tables become datatables). */
  readonly adapted?: string;
  /** The page's output table, verbatim markdown. */
  readonly output?: string;
  /** Column types the page states (or that its prose/other pages establish). */
  readonly types?: Readonly<Record<string, ScalarType>>;
  readonly anyRowOrder?: string;
  readonly anyBagOrder?: boolean;
  /**
   * Where our result and the page disagree, who is right and why (the page's prose, other pages,
   * the service's documented rules). With `corrected`, the page is wrong.
   */
  readonly decision?: string;
  /**
   * The output we assert instead of the page's, when the page's table is wrong. The test also
   * asserts that the page's own table does not match, so a fixed page makes the case fail.
   */
  readonly corrected?: string;
  /** The error our engine gives for a construct it does not support (the case is then skipped). */
  readonly unsupported?: string;
  /** A known engine bug left unfixed (the case runs as a node:test todo). */
  readonly todo?: string;
  /** now() for the run (ISO), when the example depends on it. */
  readonly now?: string;
}

const workspace = loadWorkspace({});

export async function runDoc(query: string, now = '2024-05-01T12:00:00Z'): Promise<Batch> {
  const compiled = compileQuery(query, workspace.catalog(new Map()));
  return compiled.run({ now: isoTicks(now), tables: new Map(), watchlists: workspace.watchlists });
}

// ---------------------------------------------------------------- independent text parsers

const EPOCH_TICKS = 621_355_968_000_000_000n;

/** Ticks of an ISO-like datetime text, parsed without the engine. */
export function isoTicks(text: string): bigint {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|UTC)?$/i.exec(text.trim());
  if (!m) throw new Error(`not a datetime text: ${text}`);
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  // Date.UTC maps years 0-99 to 1900-1999: fix them up.
  const d = new Date(ms);
  if (+m[1]! < 100) d.setUTCFullYear(+m[1]!);
  const frac = BigInt((m[7] ?? '').padEnd(7, '0'));
  return BigInt(d.getTime()) * 10_000n + EPOCH_TICKS + frac;
}

/** Ticks of a timespan text `[-][d.]hh:mm:ss[.fffffff]`, parsed without the engine. */
export function timespanTicks(text: string): bigint {
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/.exec(text.trim());
  if (!m) throw new Error(`not a timespan text: ${text}`);
  const t =
    ((BigInt(m[2] ?? 0) * 24n + BigInt(m[3]!)) * 3600n + BigInt(m[4]!) * 60n + BigInt(m[5]!)) * 10_000_000n +
    BigInt((m[6] ?? '').padEnd(7, '0'));
  return m[1] ? -t : t;
}

// ---------------------------------------------------------------- doc tables

export interface DocTable {
  readonly columns: string[];
  readonly rows: string[][];
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (s[i] === '|') {
      cells.push(cur);
      cur = '';
    } else cur += s[i];
  }
  cells.push(cur);
  // Header names are sometimes written as code (`Name`); <br> stands for a line break.
  return cells.map((c) => c.trim().replace(/<br\s*\/?>/g, '\n').trim());
}

export function parseDocTable(md: string): DocTable {
  const lines = md.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const columns = splitRow(lines[0]!).map(unquote);
  if (!/^\|?\s*:?-+/.test(lines[1] ?? '')) throw new Error(`no separator row in doc table:\n${md}`);
  return { columns, rows: lines.slice(2).map(splitRow) };
}

// ---------------------------------------------------------------- cell comparison

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('`') && s.endsWith('`') ? s.slice(1, -1) : s;
}

function sameJson(a: unknown, b: unknown, anyBagOrder: boolean): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i], anyBagOrder));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    if (!anyBagOrder && ka.some((k, i) => k !== kb[i])) return false;
    return ka.every((k) => k in b && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], anyBagOrder));
  }
  return a === b;
}

/** JSON.parse keeping key order as written, including integer-like keys (which JS reorders). */
function parseOrdered(text: string): unknown {
  // Prefix every key so integer-like keys keep their textual order; strip the prefix after.
  const marked = text.replace(/"((?:[^"\\]|\\.)*)"(\s*:)/g, '"\\u0001$1"$2');
  const strip = (x: unknown): unknown => {
    if (typeof x === 'string' && x.startsWith('\u0002')) return new DocNumber(x.slice(1));
    if (Array.isArray(x)) return x.map(strip);
    if (x !== null && typeof x === 'object') {
      return new OrderedBag(Object.entries(x).map(([k, v]) => [k.slice(1), strip(v)]));
    }
    return x;
  };
  return strip(JSON.parse(marked));
}

class OrderedBag {
  constructor(readonly entries: [string, unknown][]) {}
}

/** A number of a doc's dynamic value, with its text (its displayed precision). */
class DocNumber {
  constructor(readonly text: string) {}
}

/** A doc's JSON text with every number outside strings marked, so that its displayed digits are kept. */
function markNumbers(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const m = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(text.slice(i));
    if (m && !/[\w.]/.test(text[i - 1] ?? '')) {
      out += `"\\u0002${m[0]}"`;
      i += m[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** Whether our number shows as the doc's number text (exactly, or rounded to a display of 4+ digits, as real cells). */
function sameNumber(ours: number, doc: string): boolean {
  const want = Number(doc);
  if (ours === want) return true;
  const { sig, decimals } = precision(doc);
  return sig >= 4 && !/e/i.test(doc) && Math.abs(ours - want) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
}

function sameOrdered(a: unknown, b: unknown, anyBagOrder: boolean): boolean {
  if (b instanceof DocNumber) return typeof a === 'number' && sameNumber(a, b.text);
  if (a instanceof OrderedBag || b instanceof OrderedBag) {
    if (!(a instanceof OrderedBag && b instanceof OrderedBag)) return false;
    if (a.entries.length !== b.entries.length) return false;
    if (!anyBagOrder) return a.entries.every(([k, v], i) => k === b.entries[i]![0] && sameOrdered(v, b.entries[i]![1], false));
    const m = new Map(b.entries);
    return a.entries.every(([k, v]) => m.has(k) && sameOrdered(v, m.get(k), true));
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameOrdered(x, b[i], anyBagOrder));
  }
  return sameJson(a, b, anyBagOrder);
}

/** Significant digits and decimals of a doc number text. */
function precision(text: string): { sig: number; decimals: number } {
  const t = text.replace(/^-/, '').replace(/e.*$/i, '');
  const [int, frac = ''] = t.split('.');
  const digits = (int! + frac).replace(/^0+/, '');
  return { sig: digits.length, decimals: frac.length };
}

/** Whether our cell (its --format json text) shows what the doc cell shows; returns why not. */
export function cellMismatch(type: ScalarType, json: string, docCell: string, anyBagOrder = false): string | undefined {
  try {
    return cellMismatchOrThrow(type, json, docCell, anyBagOrder);
  } catch (e) {
    // A doc cell that is not a text of the column's type (e.g. a timespan written 14:00:00:00).
    return `ours ${json}, docs "${docCell}" (${(e as Error).message})`;
  }
}

function cellMismatchOrThrow(type: ScalarType, json: string, docCell: string, anyBagOrder: boolean): string | undefined {
  const doc = unquote(docCell);
  const ours = JSON.parse(json) as unknown;
  const bad = `ours ${json}, docs "${docCell}"`;
  if ((doc === '' || doc === '(null)' || doc === 'null') && type !== 'string' && type !== 'dynamic') return ours === null ? undefined : bad;
  if ((doc === '' || doc === '(null)') && type === 'dynamic') return ours === null ? undefined : bad;
  switch (type) {
    case 'string':
      // Markdown cells cannot show leading/trailing whitespace: the docs' cell is trimmed.
      return ours === doc || (typeof ours === 'string' && ours.trim() === doc && ours !== ours.trim()) ? undefined : bad;
    case 'bool': {
      const d = doc.toLowerCase();
      const want = d === 'true' || d === '1' ? true : d === 'false' || d === '0' ? false : undefined;
      return want !== undefined && ours === want ? undefined : bad;
    }
    case 'int':
    case 'long': {
      const d = doc.replace(/,/g, '');
      if (!/^-?\d+$/.test(d) || ours === null) return bad;
      return BigInt(json) === BigInt(d) ? undefined : bad;
    }
    case 'real': {
      const d = doc.replace(/,/g, '');
      if (typeof ours === 'string' || d === 'NaN' || /infinity/i.test(d)) {
        const name = d.replace(/^∞$/, 'Infinity').replace(/^-∞$/, '-Infinity');
        return ours === name ? undefined : bad;
      }
      if (typeof ours !== 'number' || !/^-?[\d.]+(e[-+]?\d+)?$/i.test(d)) return bad;
      const want = Number(d);
      if (ours === want) return undefined;
      const { sig, decimals } = precision(d);
      if (sig >= 4 && !/e/i.test(d) && Math.abs(ours - want) <= 0.5 * 10 ** -decimals * (1 + 1e-9)) return undefined;
      return bad;
    }
    case 'decimal':
      return ours !== null && Number(ours) === Number(doc.replace(/,/g, '')) && String(ours) === doc ? undefined : bad;
    case 'datetime':
      return ours !== null && isoTicks(ours as string) === isoTicks(doc) ? undefined : bad;
    case 'timespan':
      return ours !== null && timespanTicks(ours as string) === timespanTicks(doc) ? undefined : bad;
    case 'guid':
      return typeof ours === 'string' && ours.toLowerCase() === doc.toLowerCase() ? undefined : bad;
    case 'dynamic': {
      let want: unknown;
      try {
        want = parseOrdered(markNumbers(doc));
      } catch {
        want = doc; // a bare top-level string
      }
      return sameOrdered(parseOrdered(json), want, anyBagOrder) ? undefined : bad;
    }
  }
}

/** Compares a result with a doc table; returns the list of differences (empty when it conforms). */
export function tableMismatches(result: Batch, expected: DocTable, c: Pick<DocCase, 'types' | 'anyRowOrder' | 'anyBagOrder'>): string[] {
  const diffs: string[] = [];
  const names = result.schema.map((s) => s.name);
  if (names.join('|') !== expected.columns.join('|')) {
    diffs.push(`columns: ours [${names.join(', ')}], docs [${expected.columns.join(', ')}]`);
    return diffs;
  }
  for (const [name, type] of Object.entries(c.types ?? {})) {
    const ours = result.schema.find((s) => s.name === name)?.type;
    if (ours !== type) diffs.push(`type of ${name}: ours ${ours}, docs ${type}`);
  }
  const ourRows = Array.from({ length: result.length }, (_, i) => result.schema.map((s, j) => valueToJsonText(s.type, result.columns[j]![i]!)));
  if (ourRows.length !== expected.rows.length) {
    diffs.push(`row count: ours ${ourRows.length}, docs ${expected.rows.length}`);
    diffs.push(`ours: ${ourRows.map((r) => `[${r.join(',')}]`).join(' ')}`);
    return diffs;
  }
  const rowDiff = (ours: string[], doc: string[]): string[] => {
    const d: string[] = [];
    if (doc.length !== ours.length) return [`cell count: docs row has ${doc.length}`];
    ours.forEach((json, j) => {
      const why = cellMismatch(result.schema[j]!.type, json, doc[j]!, c.anyBagOrder);
      if (why) d.push(`${names[j]}: ${why}`);
    });
    return d;
  };
  if (!c.anyRowOrder) {
    ourRows.forEach((r, i) => rowDiff(r, expected.rows[i]!).forEach((d) => diffs.push(`row ${i}: ${d}`)));
    return diffs;
  }
  const left = [...expected.rows];
  for (const [i, r] of ourRows.entries()) {
    const k = left.findIndex((doc) => rowDiff(r, doc).length === 0);
    if (k < 0) diffs.push(`row ${i} [${r.join(',')}] has no equal in the docs`);
    else left.splice(k, 1);
  }
  return diffs;
}

let collected: { area: string; case: DocCase }[] | undefined;

/**
 * From now on docCases only records its cases (in the returned list) instead of registering
 * tests: for a test that runs every case its own way (test/kql/cache/plan-codec.test.ts).
 */
export function collectDocCases(): { area: string; case: DocCase }[] {
  collected ??= [];
  return collected;
}

/** Registers one node:test test per case. */
export function docCases(area: string, cases: readonly DocCase[]): void {
  if (collected) {
    for (const c of cases) collected.push({ area, case: c });
    return;
  }
  for (const c of cases) {
    const title = `${area}: ${c.page}: ${c.name}`;
    if (c.unsupported !== undefined) {
      test(`${title} [unsupported]`, async () => {
        await assert.rejects(runDoc(c.query, c.now), (e: Error) => {
          assert.ok(e.message.includes(c.unsupported!), `expected error containing "${c.unsupported}", got: ${e.message}`);
          return true;
        });
      });
      continue;
    }
    const body = async (): Promise<void> => {
      assert.ok(c.output, 'a case needs the doc output');
      const result = await runDoc(c.query, c.now);
      if (c.corrected !== undefined) {
        assert.ok(c.decision, 'a corrected output needs its decision');
        assert.notDeepEqual(tableMismatches(result, parseDocTable(c.output!), c), [], 'the page now agrees with us: drop the correction');
      }
      const diffs = tableMismatches(result, parseDocTable(c.corrected ?? c.output!), c);
      assert.deepEqual(diffs, [], `${c.page}\n${c.query}\n${diffs.join('\n')}`);
    };
    if (c.todo !== undefined) test(title, { todo: c.todo }, body);
    else test(title, body);
  }
}
