/**
 * A KQL fuzz input: a query text (see ../arbitraries/kql.ts) compiled and run the way the CLI
 * does, then written in every output format. A query may be refused (the binder's diagnostics, an
 * unsupported construct, a run-time error such as a limit): that is a `rejected` outcome. Anything
 * else thrown is a defect, as is JSON output that does not parse or a value not of its column's
 * type (wrongKind).
 */
import { compileQuery, type TableSource } from '../../../src/kql/engine.ts';
import { formatResult } from '../../../src/kql/result-format.ts';
import { loadWorkspace, type Workspace } from '../../../src/detect/workspace.ts';
import { ticks } from '../../helpers/cloudtrail-rows.ts';
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Batch, type ScalarType, type Value } from '../../../src/kql/types.ts';
import { classifyError, type Outcome } from './outcome.ts';

let workspace: Workspace | undefined;

/** The per-query memory budget of a fuzz run: runaway inputs stop early, as they would at --max-memory 256. */
const BUDGET = { max_memory_consumption_per_query_per_node: 256 * 1024 * 1024 };

/** The output formats a case is written in; the sweep writes its 1,000,000-element results in JSON only. */
export type CaseFormat = 'json' | 'jsonl' | 'table' | 'csv';
const ALL_FORMATS: readonly CaseFormat[] = ['json', 'jsonl', 'table', 'csv'];

export async function runKqlCase(text: string, formats: readonly CaseFormat[] = ALL_FORMATS): Promise<Outcome> {
  try {
    workspace ??= loadWorkspace({});
    const tables = new Map<string, TableSource>();
    const compiled = compileQuery(text, workspace.catalog(tables));
    const result = await compiled.run({ now: ticks('2024-05-01T12:00:00Z'), tables, watchlists: workspace.watchlists, properties: BUDGET });
    const wrong = wrongKind(result);
    if (wrong) return { kind: 'violation', message: wrong };
    if (formats.includes('json')) JSON.parse(formatResult(result, 'json'));
    if (formats.includes('jsonl')) for (const line of formatResult(result, 'jsonl').split('\n')) if (line) JSON.parse(line);
    if (formats.includes('table')) formatResult(result, 'table');
    if (formats.includes('csv')) formatResult(result, 'csv');
    return { kind: 'ok' };
  } catch (e) {
    return classifyError(e);
  }
}

const INT64 = 2n ** 63n;
/** The last tick of datetime(9999-12-31 23:59:59.9999999). */
const MAX_TICKS = 3155378975999999999n;

/** Whether `v` is a value of `type` as types.ts represents it (a long in range, an int a 32-bit integer, ...). */
function isKind(type: ScalarType, v: Value): boolean {
  if (v === null) return type !== 'string';
  switch (type) {
    case 'bool':
      return typeof v === 'boolean';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;
    case 'long':
    case 'timespan':
      return typeof v === 'bigint' && v >= -INT64 && v < INT64;
    case 'datetime':
      return typeof v === 'bigint' && v >= 0n && v <= MAX_TICKS;
    case 'real':
      return typeof v === 'number';
    case 'decimal':
    case 'guid':
    case 'string':
      return typeof v === 'string';
    case 'dynamic':
      return (
        typeof v === 'boolean' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || Array.isArray(v) || v instanceof Map ||
        v instanceof DynInt || v instanceof DynDecimal || v instanceof DynDatetime || v instanceof DynTimespan || v instanceof DynGuid
      );
  }
}

/**
 * The first value of a result that is not of its column's type (a wrong-kind value: the writers
 * may print it anyway, or fail on it), described; undefined when every value fits.
 */
function wrongKind(result: Batch): string | undefined {
  for (let c = 0; c < result.schema.length; c++) {
    const { name, type } = result.schema[c]!;
    const column = result.columns[c]!;
    for (let r = 0; r < result.length; r++) {
      const v = column[r];
      if (v === undefined || !isKind(type, v)) {
        const shown = typeof v === 'bigint' ? `${v}n` : typeof v === 'object' && v !== null ? (v.constructor?.name ?? 'object') : JSON.stringify(v);
        return `wrong-kind value: column ${name} (${type}) row ${r} holds ${typeof v} ${String(shown).slice(0, 80)}`;
      }
    }
  }
  return undefined;
}
