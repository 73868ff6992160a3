/** Binder type symbols -> our scalar types and schemas. */
import { KqlError, type Span } from '../errors.ts';
import { SCALAR_TYPES, type ScalarType, type Schema } from '../types.ts';
import { className, items, type BridgeObject } from './bridge.ts';

const ALIASES: Record<string, ScalarType> = {
  boolean: 'bool', int32: 'int', int64: 'long', double: 'real', float: 'real', date: 'datetime',
  time: 'timespan', uuid: 'guid', uniqueid: 'guid',
};

export function scalarTypeName(name: string): ScalarType | undefined {
  const n = name.toLowerCase();
  if ((SCALAR_TYPES as readonly string[]).includes(n)) return n as ScalarType;
  return ALIASES[n];
}

export function isTableType(t: BridgeObject): boolean {
  if (!t) return false;
  const c = className(t);
  return c === 'TableSymbol' || c === 'GroupSymbol' || c === 'TupleSymbol' && false;
}

export function scalarTypeOf(t: BridgeObject, span?: Span): ScalarType {
  const name: string = t?.Name ?? '';
  const s = scalarTypeName(name);
  if (!s) throw new KqlError('binding', `expected a scalar value, found ${name || 'an unknown type'}`, span);
  return s;
}

export function schemaOf(t: BridgeObject, span?: Span): Schema {
  if (!t || !t.Columns) throw new KqlError('binding', 'expected a tabular value', span);
  return [...items(t.Columns)].map((c: BridgeObject) => {
    const type = scalarTypeName(c.Type?.Name ?? '');
    if (!type) throw new KqlError('binding', `the column ${c.Name as string} has no known type (${c.Type?.Name || 'unknown'})`, span);
    return { name: c.Name as string, type };
  });
}
