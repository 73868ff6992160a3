/**
 * Rule tests: `<rule>.tests.yaml` beside a rule holds cases (input events, now() or a replay
 * range, watchlists, expected result rows and/or alerts). See docs/detections.md for the format.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { AWS_CLOUDTRAIL_SCHEMA, AWS_CLOUDTRAIL_TABLE } from '../cloudtrail/schema.ts';
import type { Watchlist } from '../kql/exec/context.ts';
import { MemoryTable } from '../kql/file-table.ts';
import type { TableSource } from '../kql/scan.ts';
import type { Batch, ScalarType, Value } from '../kql/types.ts';
import { parseDatetime } from '../kql/values/datetime.ts';
import { valueToString } from '../kql/values/format.ts';
import { parseWatchlistCsv } from '../kql/watchlist-file.ts';
import { alertsForRun, type Alert } from './alerts.ts';
import { parseDuration } from './duration.ts';
import { loadRule, TESTS_SUFFIX } from './rule-files.ts';
import { compileRule, replay, withExternalData } from './replay.ts';
import type { Rule } from './rule.ts';
import { DEFAULT_DELAY, triggers, windowAt } from './schedule.ts';
import { inputBatch, InputError } from './test-input.ts';
import { caseLabel, validateTestsFile } from './rule-tests-schema.ts';
import { KqlError } from '../kql/errors.ts';
import { Timeline, type IngestionMode } from './timeline.ts';
import type { Workspace } from './workspace.ts';

export interface CaseResult {
  readonly name: string;
  readonly passed: boolean;
  /** Readable differences (empty when passed). */
  readonly diff: string[];
}

export interface TestFileResult {
  readonly file: string;
  /** The rule file ('' when the tests file could not name one). */
  readonly rule: string;
  readonly cases: CaseResult[];
  /**
   * Why the file could not run (not valid YAML, not the schema, a rule that does not load, a
   * bad input row...): one line each, naming the file, the case and the key. No case ran then.
   */
  readonly problems: string[];
}

type Doc = Record<string, unknown>;

/** The rule a tests file belongs to: same name without `.tests.yaml`, as .yaml, .yml or .kql. */
export function ruleForTests(testsFile: string, declared?: string): string {
  if (declared) return new URL(declared, `file://${testsFile}`).pathname;
  const base = testsFile.slice(0, -TESTS_SUFFIX.length);
  for (const ext of ['.yaml', '.yml', '.kql']) if (existsSync(base + ext)) return base + ext;
  throw new InputError(`${testsFile}: no rule ${base}.yaml/.yml/.kql beside it (or name it with rule:)`);
}

function watchlistsOf(value: unknown, where: string): Map<string, Watchlist> {
  const out = new Map<string, Watchlist>();
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${where}: watchlists must map alias -> CSV text`);
  for (const [alias, csv] of Object.entries(value as Doc)) {
    if (typeof csv !== 'string') throw new InputError(`${where}.${alias}: the watchlist must be CSV text (header line first)`);
    out.set(alias, parseWatchlistCsv(alias, csv, `${where}.${alias}`));
  }
  return out;
}

function when(v: unknown, where: string): bigint {
  const t = typeof v === 'string' ? parseDatetime(v) : null;
  if (t === null) throw new InputError(`${where}: ${JSON.stringify(v)} is not a datetime`);
  return t;
}

function cell(type: ScalarType, v: Value): string {
  return v === null ? '' : valueToString(type, v);
}

/** Whether an actual value matches the expected YAML value (datetimes compared as instants). */
function matches(type: ScalarType, actual: Value, expected: unknown): boolean {
  if (expected === null) return actual === null || actual === '';
  if (type === 'datetime' && typeof expected === 'string') return actual === parseDatetime(expected);
  if (typeof expected === 'object') return cell(type, actual) === JSON.stringify(expected);
  return cell(type, actual) === String(expected);
}

function show(row: Doc): string {
  return `{ ${Object.entries(row).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')} }`;
}

/** Expected rows (a subset of columns each) vs actual rows, order-insensitive. */
function diffRows(result: Batch, expected: Doc[]): string[] {
  const diff: string[] = [];
  const index = new Map(result.schema.map((c, i) => [c.name, i]));
  for (const e of expected) for (const k of Object.keys(e)) if (!index.has(k)) return [`  expected column ${k} is not in the result (${[...index.keys()].join(', ')})`];
  const used = new Set<number>();
  const missing: Doc[] = [];
  for (const e of expected) {
    let found = -1;
    for (let r = 0; r < result.length && found < 0; r++) {
      if (used.has(r)) continue;
      if (Object.entries(e).every(([k, v]) => matches(result.schema[index.get(k)!]!.type, result.columns[index.get(k)!]![r]!, v))) found = r;
    }
    if (found < 0) missing.push(e);
    else used.add(found);
  }
  const columns = [...new Set(expected.flatMap((e) => Object.keys(e)))];
  const shown = columns.length > 0 ? columns : result.schema.map((c) => c.name).slice(0, 6);
  const extra: Doc[] = [];
  for (let r = 0; r < result.length; r++) {
    if (used.has(r)) continue;
    const row: Doc = {};
    for (const c of shown) row[c] = cell(result.schema[index.get(c)!]!.type, result.columns[index.get(c)!]![r]!);
    extra.push(row);
  }
  if (missing.length === 0 && extra.length === 0) return [];
  diff.push(`  result rows: expected ${expected.length}, got ${result.length}`);
  for (const m of missing) diff.push(`  - expected, not found: ${show(m)}`);
  for (const x of extra) diff.push(`  + unexpected:          ${show(x)}`);
  return diff;
}

export function entityText(e: Alert['entities'][number]): string {
  return `${e.type}:${Object.values(e.identifiers).join(';')}`;
}

function alertSummary(a: Alert): string {
  return `now ${a.now}, ${a.rows.length} row(s), entities [${a.entities.map(entityText).join(', ')}]`;
}

/** Expected alerts: a count, or a list of {now?, entities?, rows?} matched in order. */
function diffAlerts(alerts: readonly Alert[], expected: unknown, where: string): string[] {
  if (typeof expected === 'number') {
    if (alerts.length === expected) return [];
    return [`  alerts: expected ${expected}, got ${alerts.length}`, ...alerts.map((a) => `  + ${alertSummary(a)}`)];
  }
  if (!Array.isArray(expected)) throw new InputError(`${where}: expect.alerts must be a number or a list`);
  const diff: string[] = [];
  if (alerts.length !== expected.length) diff.push(`  alerts: expected ${expected.length}, got ${alerts.length}`);
  expected.forEach((e, i) => {
    const a = alerts[i];
    const x = (e ?? {}) as Doc;
    if (!a) {
      diff.push(`  - alert ${i + 1} expected, not raised: ${show(x)}`);
      return;
    }
    const problems: string[] = [];
    if (x.now !== undefined && when(x.now, `${where}.alerts[${i}].now`) !== parseDatetime(a.now)) problems.push(`now: expected ${String(x.now)}, got ${a.now}`);
    if (x.rows !== undefined && x.rows !== a.rows.length) problems.push(`rows: expected ${String(x.rows)}, got ${a.rows.length}`);
    if (x.entities !== undefined) {
      const want = (x.entities as unknown[]).map(String).sort();
      const got = a.entities.map(entityText).sort();
      if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`entities:\n      - expected [${want.join(', ')}]\n      + got      [${got.join(', ')}]`);
    }
    if (x.severity !== undefined && x.severity !== a.severity) problems.push(`severity: expected ${String(x.severity)}, got ${a.severity}`);
    if (x.displayName !== undefined && x.displayName !== a.displayName) problems.push(`displayName: expected "${String(x.displayName)}", got "${a.displayName}"`);
    for (const p of problems) diff.push(`  alert ${i + 1}: ${p}`);
  });
  for (const a of alerts.slice(expected.length)) diff.push(`  + unexpected alert: ${alertSummary(a)}`);
  return diff;
}

async function runCase(rule: Rule, workspace: Workspace, fileWatchlists: Map<string, Watchlist>, c: Doc, where: string): Promise<string[]> {
  const watchlists = new Map([...workspace.watchlists, ...fileWatchlists, ...watchlistsOf(c.watchlists, `${where}.watchlists`)]);
  const batch = inputBatch((c.events as unknown[]) ?? [], (c.rows as unknown[]) ?? [], where);
  const tables = new Map<string, TableSource>([[AWS_CLOUDTRAIL_TABLE, new MemoryTable(AWS_CLOUDTRAIL_SCHEMA, batch)]]);
  const cr = await withExternalData(compileRule(rule, workspace, tables), workspace);
  const ingestion = (c.ingestion ?? 'ideal') as IngestionMode;
  if (ingestion !== 'ideal' && ingestion !== 'delivery') throw new InputError(`${where}.ingestion: must be ideal or delivery`);
  const delay = c.delay === undefined ? DEFAULT_DELAY : parseDuration(String(c.delay));
  if (delay === null) throw new InputError(`${where}.delay: not a duration`);
  const expect = (c.expect ?? {}) as Doc;
  if (c.now !== undefined) {
    // One run whose now() is the given instant (scheduled at now - delay).
    const now = when(c.now, `${where}.now`);
    const w = windowAt(now - delay, { frequency: rule.queryFrequency, period: rule.queryPeriod, delay });
    const timeline = new Timeline(AWS_CLOUDTRAIL_SCHEMA, batch, { ingestion, latency: 0n });
    const result = await cr.compiled.run({ now, tables: workspace.runTables(new Map([[AWS_CLOUDTRAIL_TABLE, timeline.window(w)]])), watchlists });
    const diff: string[] = [];
    if (expect.results !== undefined) {
      if (!Array.isArray(expect.results)) throw new InputError(`${where}.expect.results must be a list of rows`);
      diff.push(...diffRows(result, expect.results as Doc[]));
    }
    const alerts = triggers(result.length, rule.triggerOperator, rule.triggerThreshold) ? alertsForRun(cr.rule, w, result) : [];
    if (expect.alerts !== undefined) diff.push(...diffAlerts(alerts, expect.alerts, `${where}.expect`));
    return diff;
  }
  const range = (c.replay ?? {}) as Doc;
  const r = await replay([cr], workspace.runTables(tables), watchlists, {
    delay,
    ingestion,
    from: range.from === undefined ? undefined : when(range.from, `${where}.replay.from`),
    to: range.to === undefined ? undefined : when(range.to, `${where}.replay.to`),
    perRun: range.perRun === true,
  });
  if (expect.results !== undefined) throw new InputError(`${where}.expect.results needs now: (one run); a replay checks alerts`);
  return expect.alerts === undefined ? [] : diffAlerts(r.alerts, expect.alerts, `${where}.expect`);
}

/**
 * Validates a tests file against the schema, then runs its cases. A file that cannot run (see
 * TestFileResult.problems) is returned with its problems instead of throwing, so the files after
 * it still run.
 */
export async function runTestFile(file: string, workspace: Workspace): Promise<TestFileResult> {
  const parsed = parseDocument(readFileSync(file, 'utf8'), { merge: true });
  if (parsed.errors.length > 0) return notRun(file, '', [`${file}: not valid YAML: ${parsed.errors[0]!.message}`]);
  const doc = parsed.toJS() as Doc;
  const invalid = validateTestsFile(doc);
  if (invalid.length > 0) return notRun(file, '', invalid.map((p) => `${file}: ${p}`));
  let ruleFile = '';
  try {
    ruleFile = ruleForTests(file, doc.rule as string | undefined);
    const rule = loadRule(ruleFile);
    const fileWatchlists = watchlistsOf(doc.watchlists, `${file}: watchlists`);
    const cases: CaseResult[] = [];
    for (const [i, c] of (doc.tests as Doc[]).entries()) {
      const name = typeof c.name === 'string' ? c.name : `case ${i + 1}`;
      const diff = await runCase(rule, workspace, fileWatchlists, c, `${file}: ${caseLabel(c, i)}`);
      cases.push({ name, passed: diff.length === 0, diff });
    }
    return { file, rule: ruleFile, cases, problems: [] };
  } catch (e) {
    // what the schema cannot see: the rule file, CSV watchlists, row columns, the query itself
    if (e instanceof InputError || e instanceof KqlError || (e as Error).name === 'UsageError') return notRun(file, ruleFile, [(e as Error).message]);
    throw e;
  }
}

function notRun(file: string, rule: string, problems: string[]): TestFileResult {
  return { file, rule, cases: [], problems };
}

/** The report (standard output); files that could not run are listed, their problems go to formatProblems. */
export function formatTestResults(results: readonly TestFileResult[]): string {
  const lines: string[] = [];
  let pass = 0;
  let fail = 0;
  let notRunFiles = 0;
  for (const r of results) {
    if (r.problems.length > 0) {
      notRunFiles++;
      lines.push(`${r.file}: NOT RUN (${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}, listed on standard error)`);
      continue;
    }
    lines.push(`${r.file} (${r.rule})`);
    for (const c of r.cases) {
      if (c.passed) pass++;
      else fail++;
      lines.push(`  ${c.passed ? 'ok  ' : 'FAIL'} ${c.name}`);
      for (const d of c.diff) lines.push(`    ${d}`);
    }
  }
  lines.push(`${pass} passed, ${fail} failed${notRunFiles > 0 ? `, ${notRunFiles} file${notRunFiles === 1 ? '' : 's'} not run` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** Why files could not run, one line per problem (standard error). */
export function formatProblems(results: readonly TestFileResult[]): string {
  return results.flatMap((r) => r.problems.map((p) => `trailhound: ${p}\n`)).join('');
}
