/** The series_* functions (learn.microsoft.com/kusto/query/series-*-function) and the tuple reader they need. */
import type { Value } from '../../types.ts';
import type { ScalarFunction } from '../contract.ts';
import { functions as decompose } from './decompose.ts';
import { functions as elementwise } from './elementwise.ts';
import { functions as fill } from './fill.ts';
import { functions as filters } from './filters.ts';
import { functions as fit } from './fit.ts';
import { functions as reduce } from './reduce.ts';
import { functions as stats } from './stats.ts';

/**
 * `__tuple_item(t, i)`: component i of the tuple a function returning several columns computed
 * (syntax/lower-tuple.ts); internal, never written in a query.
 */
const tupleItem: ScalarFunction = {
  name: '__tuple_item',
  bind: () => ([t, i]) => (t as Value[] | null)?.[Number(i)] ?? null,
};

export const functions: ScalarFunction[] = [...elementwise, ...reduce, ...stats, ...fit, ...fill, ...filters, ...decompose, tupleItem];
