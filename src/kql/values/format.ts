/** Values as text: tostring() semantics, and JSON text for the CLI's `--format json`. */
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Dyn, type ScalarType, type Value } from '../types.ts';
import { formatDatetime, formatDatetimeJson } from './datetime.ts';
import { dynToJson, jsonString } from './dynamic.ts';
import { formatReal } from './real.ts';
import { formatTimespan } from './timespan.ts';

/**
 * tostring() of a dynamic value: a string without quotes (tostring doc / parse_json example),
 * other scalars in their tostring form, arrays and bags as compact JSON, null as "".
 */
export function dynToString(d: Dyn): string {
  if (d === null) return '';
  switch (typeof d) {
    case 'string': return d;
    case 'boolean': return d ? 'true' : 'false';
    case 'number': return formatReal(d);
    case 'bigint': return d.toString();
  }
  if (d instanceof DynInt) return String(d.value);
  if (d instanceof DynDecimal) return d.text;
  if (d instanceof DynDatetime) return formatDatetime(d.ticks);
  if (d instanceof DynTimespan) return formatTimespan(d.ticks);
  if (d instanceof DynGuid) return d.text;
  return dynToJson(d);
}

/**
 * tostring() semantics for every type (tostring doc; kql-semantics.md §2.6): null -> "",
 * bool -> "true"/"false", real as .NET writes doubles (formatReal), datetime with 7 fraction
 * digits and Z, timespan in the .NET "c" form, guid lower-case, dynamic per dynToString.
 */
export function valueToString(type: ScalarType, v: Value): string {
  if (v === null) return '';
  switch (type) {
    case 'string': return v as string;
    case 'bool': return v ? 'true' : 'false';
    case 'int': return String(v);
    case 'long': return (v as bigint).toString();
    case 'real': return formatReal(v as number);
    case 'decimal': return v as string;
    case 'datetime': return formatDatetime(v as bigint);
    case 'timespan': return formatTimespan(v as bigint);
    case 'guid': return v as string;
    case 'dynamic': return dynToString(v as Dyn);
  }
}

/**
 * JSON text of one cell for `--format json`: null -> null; long as an exact JSON number; real as
 * a number, NaN/Infinity/-Infinity as the strings Kusto's JSON uses; datetime as ISO 8601 UTC
 * ending in Z (formatDatetimeJson); timespan and guid as strings of their text form; decimal as
 * a string of its exact text (our choice: a JSON number could lose digits in readers);
 * dynamic as the JSON value itself.
 */
export function valueToJsonText(type: ScalarType, v: Value): string {
  if (v === null) return type === 'string' ? '""' : 'null';
  switch (type) {
    case 'string': return jsonString(v as string);
    case 'bool': return v ? 'true' : 'false';
    case 'int': return String(v);
    case 'long': return (v as bigint).toString();
    case 'real': {
      const x = v as number;
      return Number.isFinite(x) ? formatReal(x) : `"${formatReal(x)}"`;
    }
    case 'decimal': return jsonString(v as string);
    case 'datetime': return jsonString(formatDatetimeJson(v as bigint));
    case 'timespan': return jsonString(formatTimespan(v as bigint));
    case 'guid': return jsonString(v as string);
    case 'dynamic': return dynToJson(v as Dyn);
  }
}
