/**
 * `evaluate bag_unpack(Column [, OutputColumnPrefix]) [: (OutputSchema)]` (bag_unpack-plugin doc).
 *
 * What the official binder (language-service-next 12.4.1) allows, and so what we run:
 * - Two arguments only: `columnsConflict` and `ignoredProperties` are rejected by the binder
 *   ("The function 'bag_unpack' expects 2 arguments"), so a query with them does not compile.
 * - With an output schema the result is closed and typed: later operators may use its columns.
 *   A declared column named <prefix><P> takes property P, converted to the declared type (null when
 *   it does not convert); `*` keeps the input columns except the unpacked one.
 * - Without one the binder gives an open schema (the input columns but Column); a later reference
 *   to an unpacked column is typed `unknown`, which our plan cannot type, so the query fails when it
 *   is lowered ("expected a scalar value, found unknown"). Operators that do not name unpacked
 *   columns work, and when bag_unpack's result is the query's result its columns come from the data
 *   (see src/kql/exec/ops/bag-unpack.ts).
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import type { Plan } from '../plan/plan.ts';
import type { Schema } from '../types.ts';
import { className, type BridgeObject } from './bridge.ts';
import { listElements, lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { internal } from './lower-operators.ts';
import type { Lowerer } from './lowerer.ts';

export function lowerBagUnpack(lw: Lowerer, op: BridgeObject, input: Plan, schema: Schema): Plan {
  const span = spanOf(op);
  const args = listElements(op.FunctionCall.ArgumentList.Expressions);
  if (args.length < 1 || args.length > 2 || args.some((a) => className(a) === 'SimpleNamedExpression')) {
    throw new UnsupportedError('bag_unpack with arguments other than (Column [, OutputColumnPrefix])', span);
  }
  const col = lowerExpr(lw, args[0], input.schema);
  if (col.k !== 'col') throw new UnsupportedError('bag_unpack of an expression (unpack a column)', spanOf(args[0]));
  if (col.type !== 'dynamic') throw new KqlError('binding', 'bag_unpack needs a dynamic column', spanOf(args[0]));
  let prefix = '';
  if (args[1]) {
    const p = lowerExpr(lw, args[1], null);
    if (p.k !== 'lit' || typeof p.value !== 'string') throw new UnsupportedError('bag_unpack with a non-constant prefix', spanOf(args[1]));
    prefix = p.value;
  }
  const kept = input.schema.map((_, i) => i).filter((i) => i !== col.index);
  const clause = op.Schema;
  if (!clause) {
    // Open schema: the binder lists the kept input columns.
    if (kept.length !== schema.length || kept.some((i, j) => input.schema[i]!.name !== schema[j]!.name)) throw internal('bag_unpack', kept.length, schema);
    return { op: 'bagUnpack', input, column: col.index, prefix, kept, schema: [...schema] };
  }
  const rowSchema = clause.Schema;
  const star = /^\s*\(\s*\*/.test(String(rowSchema.ToString()));
  const declaredNames = new Set(listElements(rowSchema.Columns).map((c) => nameText(c.Name)));
  const declared = schema.map((c) => {
    if (declaredNames.has(c.name)) {
      return { from: 'property' as const, name: c.name.startsWith(prefix) ? c.name.slice(prefix.length) : null, type: c.type };
    }
    const index = star ? input.schema.findIndex((ic, i) => i !== col.index && ic.name === c.name) : -1;
    if (index < 0) throw internal('bag_unpack', -1, schema);
    return { from: 'input' as const, index };
  });
  return { op: 'bagUnpack', input, column: col.index, prefix, declared, kept, schema };
}
