/**
 * Run by parser-code-cache.test.ts in a fresh process: compiles argv[2] with a plan cache in
 * argv[3] (a new query each time, so the parser is loaded), prints the plan and what became of
 * the parser's compiled code.
 */
import { PlanCache } from '../../../src/kql/cache/plan-cache.ts';
import { encodeValue } from '../../../src/kql/cache/plan-codec.ts';
import { compileQuery } from '../../../src/kql/engine.ts';
import { parserCodeStats } from '../../../src/kql/syntax/bridge.ts';

const catalog = { tables: [{ name: 'T', schema: [{ name: 'a', type: 'long' as const }] }], functions: [], watchlistFields: [] };
let outcome: string;
try {
  outcome = encodeValue(compileQuery(process.argv[2]!, catalog, { cache: new PlanCache(process.argv[3]!) }).plan).toString('base64');
} catch (e) {
  outcome = (e as Error).message;
}
process.stdout.write(JSON.stringify({ outcome, stats: parserCodeStats }));
