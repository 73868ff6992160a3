/** `union` (kind=outer): legs in order; missing columns are null ("" for strings). */
import type { Plan } from '../../plan/plan.ts';
import { nullOf, type Batch, type Value } from '../../types.ts';
import { batchOf, constantColumn } from '../batches.ts';
import type { RunContext } from '../context.ts';
import { execute } from '../execute.ts';

export async function* union(plan: Plan & { op: 'union' }, ctx: RunContext): AsyncIterable<Batch> {
  const sourceIndex = plan.sourceColumn ? plan.schema.findIndex((_, i) => plan.mapping.every((m) => m[i] === -1)) : -1;
  for (let leg = 0; leg < plan.inputs.length; leg++) {
    const mapping = plan.mapping[leg]!;
    for await (const b of execute(plan.inputs[leg]!, ctx)) {
      const columns = plan.schema.map((c, i): Value[] => {
        if (i === sourceIndex) return constantColumn(plan.sourceColumn!.names[leg]!, b.length);
        const from = mapping[i]!;
        return from >= 0 ? b.columns[from]! : constantColumn(nullOf(c.type), b.length);
      });
      yield batchOf(plan.schema, columns, b.ingestion);
    }
  }
}
