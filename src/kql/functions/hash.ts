/**
 * Hash functions (learn.microsoft.com/kusto/query/hash-function, hash-md5-function,
 * hash-sha1-function, hash-sha256-function; kql-semantics.md §7.7).
 */
import { createHash } from 'node:crypto';
import { KqlError, UnsupportedError } from '../errors.ts';
import type { ScalarType, Value } from '../types.ts';
import { valueToString } from '../values/format.ts';
import { xxh64 } from '../values/xxhash64.ts';
import { numOf } from '../values/numbers.ts';
import type { ScalarFunction } from './contract.ts';

/**
 * Lower-case hex digest of the UTF-8 of the value's tostring form: the doc's
 * hash_md5(datetime(2020-01-01)) is the MD5 of "2020-01-01T00:00:00.0000000Z" (kql-semantics.md §7.7).
 * A null value gives "" (our choice: the string result of a null).
 */
function digest(name: string, algo: 'md5' | 'sha1' | 'sha256'): ScalarFunction {
  return {
    name,
    doc: `learn.microsoft.com/kusto/query/${name.replace(/_/g, '-')}-function`,
    bind(args) {
      if (args.length !== 1) throw new KqlError('binding', `${name}() takes one argument`);
      const t = args[0]!.type;
      return ([v]) => (v === null ? '' : createHash(algo).update(valueToString(t, v!), 'utf8').digest('hex'));
    },
  };
}

/**
 * hash(source [, mod]): XXH64 (seed 0) of the UTF-8 bytes of a string, as a signed long; with
 * `mod`, the unsigned hash modulo mod (hash doc: hash("World") = 1846988464401551951,
 * hash("World", 100) = 51). The byte encoding of non-string sources is not documented, so only
 * strings (and dynamic strings) are supported.
 */
const hash: ScalarFunction = {
  name: 'hash',
  doc: 'learn.microsoft.com/kusto/query/hash-function',
  bind(args) {
    if (args.length < 1 || args.length > 2) throw new KqlError('binding', 'hash() takes one or two arguments');
    const t: ScalarType = args[0]!.type;
    if (t !== 'string' && t !== 'dynamic') throw new UnsupportedError(`hash() of a ${t} value`);
    const tm = args[1]?.type;
    return ([v, m]) => {
      if (t === 'dynamic' && typeof v !== 'string') {
        if (v === null) return null;
        throw new UnsupportedError('hash() of a dynamic value that is not a string');
      }
      const h = xxh64(new TextEncoder().encode(v as string));
      if (args.length === 1) return BigInt.asIntN(64, h);
      const mod = numOf(tm!, m as Value);
      if (!mod || mod.k !== 'i' || mod.v <= 0n) return null;
      return h % mod.v;
    };
  },
};

export const functions: ScalarFunction[] = [digest('hash_md5', 'md5'), digest('hash_sha1', 'sha1'), digest('hash_sha256', 'sha256'), hash];
