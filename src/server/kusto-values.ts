/**
 * Cells and columns as Kusto's REST responses carry them (learn.microsoft.com/kusto/api/rest/response
 * and response-v2): JSON numbers for bool/int/long/real, strings for what JSON cannot hold
 * (datetime in ISO 8601 UTC, timespan in the .NET "c" form, guid, decimal; real NaN and ±Infinity
 * as "NaN"/"Infinity"/"-Infinity"), null for nulls, "" for the empty string. A dynamic cell is
 * the JSON value itself in v2 and its JSON text in v1 (the v1 encoding has no typed values).
 */
import type { Dyn, ScalarType, Value } from '../kql/types.ts';
import { valueToJsonText } from '../kql/values/format.ts';
import { dynToJson, jsonString } from '../kql/values/dynamic.ts';

/** One cell of a v2 DataTable. */
export function v2Cell(type: ScalarType, v: Value): string {
  return valueToJsonText(type, v);
}

/** One cell of a v1 table: as v2, but a non-null dynamic value is a string of its JSON text. */
export function v1Cell(type: ScalarType, v: Value): string {
  if (type === 'dynamic' && v !== null) return jsonString(dynToJson(v as Dyn));
  return valueToJsonText(type, v);
}

/** The v1 Column's `DataType`: "the approximate .NET Type of the column" (response doc). */
export const DOTNET_TYPE: Record<ScalarType, string> = {
  bool: 'Boolean',
  int: 'Int32',
  long: 'Int64',
  real: 'Double',
  decimal: 'Decimal',
  string: 'String',
  datetime: 'DateTime',
  timespan: 'TimeSpan',
  guid: 'Guid',
  dynamic: 'Object',
};

/** The `System.*` type name `.show database schema as json` gives a column (`Type`). */
export const SYSTEM_TYPE: Record<ScalarType, string> = {
  bool: 'System.SByte',
  int: 'System.Int32',
  long: 'System.Int64',
  real: 'System.Double',
  decimal: 'System.Data.SqlTypes.SqlDecimal',
  string: 'System.String',
  datetime: 'System.DateTime',
  timespan: 'System.TimeSpan',
  guid: 'System.Guid',
  dynamic: 'System.Object',
};
