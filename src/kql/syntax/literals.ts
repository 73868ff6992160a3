/**
 * Literal values from their token text. The official parser leaves literal contents
 * unvalidated (microsoft/Kusto-Query-Language#81), so we parse them ourselves, exactly.
 */
import { KqlError } from '../errors.ts';
import type { ScalarType, Value } from '../types.ts';
import { parseDatetimeLiteral } from '../values/datetime.ts';
import { parseTimespanLiteral } from '../values/timespan.ts';
import { parseDecimal } from '../values/decimal.ts';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Splits `type(inner)` into its parts; returns undefined for a bare literal such as `5m`. */
function typedForm(text: string): { name: string; inner: string } | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(([\s\S]*)\)$/.exec(text.trim());
  return m ? { name: m[1]!.toLowerCase(), inner: m[2]!.trim() } : undefined;
}

function bad(text: string, type: string, start: number): never {
  throw new KqlError('syntax', `invalid ${type} literal: ${text}`, { start, length: text.length });
}

export function parseLong(text: string): bigint | undefined {
  const t = text.trim();
  let v: bigint;
  if (/^[+-]?\d+$/.test(t)) v = BigInt(t);
  else if (/^0x[0-9a-f]+$/i.test(t)) v = BigInt(t);
  else return undefined;
  return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
}

function parseReal(inner: string): number | undefined {
  const t = inner.trim().toLowerCase();
  if (t === 'nan') return NaN;
  if (t === '+inf' || t === 'inf') return Infinity;
  if (t === '-inf') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** The value of a literal token whose type the binder computed as `type`. */
export function literalFromText(text: string, type: ScalarType, start: number, decodedString?: string): Value {
  if (type === 'string') return decodedString ?? '';
  const typed = typedForm(text);
  if (typed && typed.inner.toLowerCase() === 'null') return null;
  const inner = typed ? typed.inner : text.trim();
  switch (type) {
    case 'bool': {
      const t = inner.toLowerCase();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      return bad(text, type, start);
    }
    case 'int': {
      const v = parseLong(inner);
      if (v === undefined || v < -(2n ** 31n) || v > 2n ** 31n - 1n) return bad(text, type, start);
      return Number(v);
    }
    case 'long': {
      const v = parseLong(inner);
      if (v === undefined) return bad(text, type, start);
      return v;
    }
    case 'real': {
      const v = parseReal(inner);
      if (v === undefined) return bad(text, type, start);
      return v;
    }
    case 'decimal': {
      const v = parseDecimal(inner);
      if (v === null) return bad(text, type, start);
      return v;
    }
    case 'datetime': {
      const v = parseDatetimeLiteral(inner);
      if (v === null) return bad(text, type, start);
      return v;
    }
    case 'timespan': {
      const v = parseTimespanLiteral(text.trim());
      if (v === null || v === undefined) return bad(text, type, start);
      return v;
    }
    case 'guid': {
      if (!/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(inner)) return bad(text, type, start);
      const h = inner.replace(/-/g, '').toLowerCase();
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    default:
      return bad(text, type, start);
  }
}
