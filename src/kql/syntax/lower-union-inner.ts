/**
 * `union kind=inner` (union-operator doc: "inner - The result has the subset of columns that are
 * common to all of the input tables").
 *
 * The official binder ignores kind=inner: it types the result as kind=outer would (every column of
 * every leg, `name_type` for a name with several types), and the operators after the union are
 * bound against that schema. We cannot drop columns the later operators were bound to, and filling
 * them with nulls would show columns Kusto does not have; so we run kind=inner exactly when it means
 * the same as kind=outer (every column of the binder's schema, same name and type, is in every leg)
 * and otherwise name it as unsupported.
 */
import { UnsupportedError } from '../errors.ts';
import type { Plan } from '../plan/plan.ts';
import type { Schema } from '../types.ts';
import type { BridgeObject } from './bridge.ts';
import { spanOf } from './lower-expr.ts';
import { unionLegs } from './lower-operators.ts';
import type { Lowerer } from './lowerer.ts';

export function lowerUnionInner(
  lw: Lowerer,
  op: BridgeObject,
  input: Plan | null,
  schema: Schema,
  parameter: (name: string) => string | undefined,
): Plan {
  const span = spanOf(op);
  const fuzzy = parameter('isfuzzy');
  if (fuzzy && fuzzy.toLowerCase() === 'true') throw new UnsupportedError('union isfuzzy=true', span);
  const withsource = parameter('withsource');
  const { legs, legNames } = unionLegs(lw, op, input);
  const sourceIndex = withsource ? schema.findIndex((c) => c.name === withsource) : -1;
  const mapping = legs.map((leg) =>
    schema.map((out, oi) => {
      if (oi === sourceIndex) return -1;
      const at = leg.schema.findIndex((c) => c.name === out.name && c.type === out.type);
      if (at < 0) {
        throw new UnsupportedError(
          `union kind=inner of inputs whose columns differ (${out.name}:${out.type} is not in every input; the binder types kind=inner as kind=outer)`,
          span,
        );
      }
      return at;
    }),
  );
  return { op: 'union', inputs: legs, mapping, sourceColumn: withsource ? { names: legNames } : undefined, schema };
}
