/**
 * A compiled plan as bytes and back, for the plan cache.
 *
 * The plan is data except each call's per-row function, which is dropped and made again from the
 * call's `origin` (functions/call-origin.ts). Encoding copies the graph with a memo, so a node
 * referenced from several places (`as`, tabular `let`, a reused let scalar) is one node after
 * decoding too (v8.serialize keeps that identity), and the executor still computes it once.
 *
 * Anything the codec does not know (a class, a function outside a call's `fn`, a call without an
 * origin, a symbol key, a getter) fails the encoding: such a plan is not cached at all rather
 * than cached as something that would decode differently. Decoding fails likewise on anything
 * encoding does not write.
 */
import { deserialize, serialize } from 'node:v8';
import { bindCall, type CallOrigin } from '../functions/call-origin.ts';
import { tagWrapper, untagWrapper, type DynTag } from '../values/dyn-codec.ts';

/** The key of the codec's own markers; no plan object has it (encoding checks). */
const MARK = '\u0000';

type Marker = { readonly [MARK]: 'dyn'; readonly tag: DynTag } | { readonly [MARK]: 'fn' };

export class PlanCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanCodecError';
  }
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function ownKeys(v: object, what: string): string[] {
  const keys = Object.keys(v);
  if (Object.getOwnPropertySymbols(v).length > 0 || Object.getOwnPropertyNames(v).length !== keys.length) {
    throw new PlanCodecError(`${what}: hidden or symbol properties`);
  }
  for (const k of keys) {
    if (Object.getOwnPropertyDescriptor(v, k)!.get) throw new PlanCodecError(`${what}: the getter ${k}`);
  }
  return keys;
}

function isCall(v: Record<string, unknown>): boolean {
  return v.k === 'call' && typeof v.fn === 'function';
}

/** A copy of `root` that v8.serialize stores exactly; throws PlanCodecError for anything else. */
export function toStorable(root: unknown): unknown {
  const memo = new Map<object, unknown>();
  const enc = (v: unknown, at: string): unknown => {
    switch (typeof v) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'bigint':
      case 'undefined':
        return v;
      case 'function':
        throw new PlanCodecError(`${at}: a function that is not a call's fn`);
      case 'symbol':
        throw new PlanCodecError(`${at}: a symbol`);
    }
    if (v === null) return null;
    const o = v as object;
    if (memo.has(o)) return memo.get(o);
    if (Array.isArray(o)) {
      if (Object.getPrototypeOf(o) !== Array.prototype || Object.keys(o).length !== o.length || Object.getOwnPropertySymbols(o).length > 0) {
        throw new PlanCodecError(`${at}: a sparse array, or one with extra properties`);
      }
      const out: unknown[] = [];
      memo.set(o, out);
      for (let i = 0; i < o.length; i++) out.push(enc(o[i], `${at}[${i}]`));
      return out;
    }
    if (o instanceof Map && Object.getPrototypeOf(o) === Map.prototype) {
      const out = new Map<unknown, unknown>();
      memo.set(o, out);
      for (const [k, x] of o) out.set(enc(k, `${at} key`), enc(x, `${at}.get(${String(k)})`));
      return out;
    }
    if (o instanceof Set && Object.getPrototypeOf(o) === Set.prototype) {
      const out = new Set<unknown>();
      memo.set(o, out);
      for (const x of o) out.add(enc(x, `${at} member`));
      return out;
    }
    const tag = tagWrapper(o);
    if (tag) {
      const out: Marker = { [MARK]: 'dyn', tag };
      memo.set(o, out);
      return out;
    }
    if (!isPlainObject(o)) throw new PlanCodecError(`${at}: an object of class ${o.constructor?.name ?? '?'}`);
    const keys = ownKeys(o, at);
    if (keys.includes(MARK)) throw new PlanCodecError(`${at}: an object with the codec's marker key`);
    const rec = o as Record<string, unknown>;
    const call = isCall(rec);
    if (call && (rec.origin === null || typeof rec.origin !== 'object')) {
      throw new PlanCodecError(`${at}: the call ${String(rec.name)} has no origin to rebuild its function from`);
    }
    const out: Record<string, unknown> = {};
    memo.set(o, out);
    for (const k of keys) out[k] = call && k === 'fn' ? ({ [MARK]: 'fn' } satisfies Marker) : enc(rec[k], `${at}.${k}`);
    return out;
  };
  return enc(root, '$');
}

/** The inverse of toStorable, on what v8.deserialize gave back; throws PlanCodecError on anything toStorable does not write. */
export function fromStorable(root: unknown): unknown {
  const memo = new Map<object, unknown>();
  const dec = (v: unknown, at: string): unknown => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function' || typeof v === 'symbol') throw new PlanCodecError(`${at}: a ${typeof v}`);
      return v;
    }
    if (memo.has(v)) return memo.get(v);
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      memo.set(v, out);
      for (let i = 0; i < v.length; i++) out.push(dec(v[i], `${at}[${i}]`));
      return out;
    }
    if (v instanceof Map) {
      const out = new Map<unknown, unknown>();
      memo.set(v, out);
      for (const [k, x] of v) out.set(dec(k, `${at} key`), dec(x, `${at}.get(${String(k)})`));
      return out;
    }
    if (v instanceof Set) {
      const out = new Set<unknown>();
      memo.set(v, out);
      for (const x of v) out.add(dec(x, `${at} member`));
      return out;
    }
    if (!isPlainObject(v)) throw new PlanCodecError(`${at}: an object of class ${v.constructor?.name ?? '?'}`);
    const rec = v as Record<string, unknown>;
    if (MARK in rec) {
      const m = rec as Marker;
      if (m[MARK] !== 'dyn') throw new PlanCodecError(`${at}: a misplaced marker ${String(m[MARK])}`);
      let out: unknown;
      try {
        out = untagWrapper(m.tag);
      } catch (e) {
        throw new PlanCodecError(`${at}: ${(e as Error).message}`);
      }
      memo.set(v, out);
      return out;
    }
    const out: Record<string, unknown> = {};
    memo.set(v, out);
    const call = rec.k === 'call';
    for (const k of Object.keys(rec)) {
      const x = rec[k];
      if (call && k === 'fn') {
        if (x === null || typeof x !== 'object' || (x as Record<string, unknown>)[MARK] !== 'fn') throw new PlanCodecError(`${at}.fn: not a function marker`);
        out[k] = undefined;
      } else out[k] = dec(x, `${at}.${k}`);
    }
    if (call) {
      if (!out.origin || typeof out.origin !== 'object') throw new PlanCodecError(`${at}: a call without its origin`);
      try {
        out.fn = bindCall(out.origin as CallOrigin);
      } catch (e) {
        throw new PlanCodecError(`${at}: cannot rebuild ${String(out.name)}: ${(e as Error).message}`);
      }
    }
    return out;
  };
  return dec(root, '$');
}

export function encodeValue(root: unknown): Buffer {
  return serialize(toStorable(root));
}

export function decodeValue(bytes: Uint8Array): unknown {
  let raw: unknown;
  try {
    raw = deserialize(bytes);
  } catch (e) {
    throw new PlanCodecError(`unreadable: ${(e as Error).message}`);
  }
  return fromStorable(raw);
}
