/**
 * `to typeof(T)` of mv-expand and mv-apply (mv-expand-operator doc: "The operation of applying
 * type is cast-only and doesn't include parsing or type-conversion. Array elements that don't
 * conform with the declared type become null values"; mv-apply-operator doc: "Elements that
 * don't conform to this type are replaced by a null value").
 *
 * What conforms, per target type:
 *   int, long, real, decimal   any dynamic number (int, long, real, decimal), cast as the to*()
 *                              functions cast numbers (reals truncate toward zero; out of range
 *                              null); a string such as "3" is not parsed: null
 *   bool                       a bool
 *   datetime, timespan, guid   a value of that kind (make_list(TimeGenerated) keeps datetimes);
 *                              a string is not parsed: null
 *   string                     a string as is; any other value its text form, as tostring()
 *                              writes it (the series_mv_ee_anomalies_fl doc example expands
 *                              numeric anomaly flags `to typeof(string)` to name chart series)
 *   dynamic                    the element as is
 */
import { converter } from '../../functions/convert-to.ts';
import { DynDatetime, DynGuid, DynTimespan, nullOf, type Dyn, type ScalarType, type Value } from '../../types.ts';
import { numOfDyn } from '../../values/numbers.ts';

const NUMERIC: ReadonlySet<ScalarType> = new Set(['int', 'long', 'real', 'decimal']);

/** The cast of one expanded element to `type`; undefined type (no `to typeof`): the element itself. */
export function elementCaster(type: ScalarType | undefined): ((d: Dyn) => Value) | undefined {
  if (type === undefined || type === 'dynamic') return undefined;
  if (NUMERIC.has(type)) {
    const convert = converter('dynamic', type);
    return (d) => (numOfDyn(d) ? convert(d) : null);
  }
  switch (type) {
    case 'bool':
      return (d) => (typeof d === 'boolean' ? d : null);
    case 'datetime':
      return (d) => (d instanceof DynDatetime ? d.ticks : null);
    case 'timespan':
      return (d) => (d instanceof DynTimespan ? d.ticks : null);
    case 'guid':
      return (d) => (d instanceof DynGuid ? d.text : null);
    case 'string': {
      const tostring = converter('dynamic', 'string');
      return (d) => (typeof d === 'string' ? d : d === null ? nullOf('string') : tostring(d));
    }
  }
  return undefined;
}
