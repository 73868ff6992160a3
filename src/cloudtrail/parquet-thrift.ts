/**
 * A bounded, iterative reader of Thrift's compact protocol, the encoding of Parquet's footer and
 * page headers (github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md).
 * hyparquet's own reader recurses once per nesting level and trusts every length; this one walks
 * the same bytes first with a depth and a value limit, so a hostile footer cannot overflow the
 * stack or expand into millions of objects before we look at it.
 */

export class ParquetLimitError extends Error {}

export interface ThriftLimits {
  readonly maxDepth: number;
  readonly maxValues: number;
}

export type ThriftValue = boolean | number | Uint8Array | ThriftValue[] | ThriftStruct;
export interface ThriftStruct {
  [field: number]: ThriftValue;
}

const BOOL_TRUE = 1;
const BOOL_FALSE = 2;
const BYTE = 3;
const I16 = 4;
const I32 = 5;
const I64 = 6;
const DOUBLE = 7;
const BINARY = 8;
const LIST = 9;
const STRUCT = 12;

interface Frame {
  readonly container: ThriftStruct | ThriftValue[];
  /** a struct's last field id; -1 for a list */
  fid: number;
  /** a list's elements still to read, and their type */
  left: number;
  readonly elem: number;
}

/**
 * Decodes one struct starting at `offset`, reading no byte at or past `end`. Integers come back
 * as numbers (exact up to 2^53; larger is an error), binaries as views into the bytes.
 */
export function readThriftStruct(bytes: Uint8Array, offset: number, end: number, limits: ThriftLimits): { value: ThriftStruct; end: number } {
  let at = offset;
  let values = 0;
  const byte = (): number => {
    if (at >= end) throw new ParquetLimitError('thrift data ends early');
    return bytes[at++]!;
  };
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (;;) {
      const b = byte();
      result += (b & 0x7f) * scale;
      if (!(b & 0x80)) break;
      scale *= 128;
      if (scale > 2 ** 63) throw new ParquetLimitError('thrift varint longer than 64 bits');
    }
    if (!Number.isSafeInteger(result)) throw new ParquetLimitError('thrift integer too large');
    return result;
  };
  const zigzag = (): number => {
    const z = varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  };
  const i32 = (): number => {
    const v = zigzag();
    if (v < -(2 ** 31) || v >= 2 ** 31) throw new ParquetLimitError(`thrift i32 out of range: ${v}`);
    return v;
  };
  const root: ThriftStruct = {};
  const stack: Frame[] = [{ container: root, fid: 0, left: 0, elem: 0 }];
  /** reads a value of `type`; a struct or list is pushed (and returned empty, filled later) */
  const read = (type: number): ThriftValue => {
    if (++values > limits.maxValues) throw new ParquetLimitError(`thrift data holds more than ${limits.maxValues} values`);
    switch (type) {
      case BOOL_TRUE:
        return true;
      case BOOL_FALSE:
        return false;
      case BYTE:
        return byte();
      case I16:
      case I32:
        return i32();
      case I64:
        return zigzag();
      case DOUBLE:
        if (at + 8 > end) throw new ParquetLimitError('thrift data ends early');
        at += 8;
        return 0;
      case BINARY: {
        const n = varint();
        if (n > end - at) throw new ParquetLimitError(`thrift binary of ${n} bytes runs past its ${end - at} remaining bytes`);
        at += n;
        return bytes.subarray(at - n, at);
      }
      case LIST: {
        const h = byte();
        let n = h >> 4;
        if (n === 15) n = varint();
        const elem = h & 0x0f;
        // every element takes at least one byte (booleans are bytes inside lists)
        if (n > end - at) throw new ParquetLimitError(`thrift list of ${n} elements runs past its ${end - at} remaining bytes`);
        const list: ThriftValue[] = [];
        push({ container: list, fid: -1, left: n, elem });
        return list;
      }
      case STRUCT: {
        const s: ThriftStruct = {};
        push({ container: s, fid: 0, left: 0, elem: 0 });
        return s;
      }
      default:
        throw new ParquetLimitError(`thrift type ${type} is not used by Parquet`);
    }
  };
  const push = (f: Frame) => {
    if (stack.length >= limits.maxDepth) throw new ParquetLimitError(`thrift data nested deeper than ${limits.maxDepth} levels`);
    stack.push(f);
  };
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.fid < 0) {
      const list = top.container as ThriftValue[];
      if (top.left === 0) {
        stack.pop();
        continue;
      }
      top.left--;
      const elem = top.elem === BOOL_TRUE || top.elem === BOOL_FALSE ? BYTE : top.elem;
      list.push(read(elem));
      continue;
    }
    const h = byte();
    const type = h & 0x0f;
    if (type === 0) {
      stack.pop();
      continue;
    }
    const delta = h >> 4;
    top.fid = delta ? top.fid + delta : i32();
    (top.container as ThriftStruct)[top.fid] = read(type);
  }
  return { value: root, end: at };
}

/** A field as a non-negative integer no larger than `max`, or an error naming it. */
export function count(s: ThriftStruct | undefined, field: number, what: string, max: number, required = true): number {
  const v = s?.[field];
  if (v === undefined && !required) return 0;
  if (typeof v !== 'number' || v < 0) throw new ParquetLimitError(`${what} is ${v === undefined ? 'missing' : `invalid (${String(v)})`}`);
  if (v > max) throw new ParquetLimitError(`${what} ${v} is over the limit of ${max}`);
  return v;
}

/**
 * The page header at `at` (PageHeader, parquet.thrift), its sizes checked: the uncompressed size
 * against the page limit, the stored size against the chunk's bytes left.
 */
export function readPageHeader(bytes: Uint8Array, at: number, where: string, limits: { readonly thriftDepth: number; readonly pageBytes: number }): { header: ThriftStruct; size: number; body: Uint8Array; end: number } {
  const h = readThriftStruct(bytes, at, bytes.length, { maxDepth: limits.thriftDepth, maxValues: 10_000 });
  const size = count(h.value, 2, `${where}: uncompressed size`, limits.pageBytes);
  const stored = count(h.value, 3, `${where}: compressed size`, bytes.length - h.end);
  return { header: h.value, size, body: bytes.subarray(h.end, h.end + stored), end: h.end + stored };
}
