/**
 * A KQL fuzz input: a query text (see ../arbitraries/kql.ts) compiled and run the way the CLI
 * does, then written in every output format. A query may be refused (the binder's diagnostics, an
 * unsupported construct, a run-time error such as a limit): that is a `rejected` outcome. Anything
 * else thrown is a defect, as is JSON output that does not parse.
 */
import { compileQuery, type TableSource } from '../../../src/kql/engine.ts';
import { formatResult } from '../../../src/kql/result-format.ts';
import { loadWorkspace, type Workspace } from '../../../src/detect/workspace.ts';
import { ticks } from '../../helpers/cloudtrail-rows.ts';
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
    if (formats.includes('json')) JSON.parse(formatResult(result, 'json'));
    if (formats.includes('jsonl')) for (const line of formatResult(result, 'jsonl').split('\n')) if (line) JSON.parse(line);
    if (formats.includes('table')) formatResult(result, 'table');
    if (formats.includes('csv')) formatResult(result, 'csv');
    return { kind: 'ok' };
  } catch (e) {
    return classifyError(e);
  }
}
