/**
 * How scalar functions charge the values they make to the run's memory budget (exec/memory.ts;
 * docs/kql.md, "Limits"). A function whose result can be any number of times larger than its
 * arguments (repeat, strrep, strcat, replace_string, pack_array nesting, ...) reserves the size
 * before it allocates, so one huge value is refused, not attempted; one whose result is at most a
 * few times its arguments may charge after making it. Values below SMALL_VALUE_CHARS characters
 * (or their size in bytes) are not charged: the hot path stays one comparison.
 */
import { constants } from 'node:buffer';
import { QueryLimitError } from '../errors.ts';
import { dynBytes, SLOT, stringBytes } from '../exec/memory-size.ts';
import { SMALL_VALUE_CHARS } from '../exec/memory.ts';
import type { Dyn } from '../types.ts';
import type { EvalContext } from './contract.ts';

const SMALL_VALUE_BYTES = stringBytes(SMALL_VALUE_CHARS);

/** A string of `length` characters that `fn` is about to make (V8 holds at most MAX_STRING_LENGTH). */
export function reserveString(ctx: EvalContext, length: number, fn: string): void {
  if (length < SMALL_VALUE_CHARS) return;
  if (length > constants.MAX_STRING_LENGTH) {
    throw new QueryLimitError(`${fn}(): the result would have ${length} characters, more than a string can hold (${constants.MAX_STRING_LENGTH})`);
  }
  ctx.memory?.reserve(stringBytes(length), fn);
}

/** `bytes` of a value `fn` is about to make (or just made). */
export function reserveBytes(ctx: EvalContext, bytes: number, fn: string): void {
  if (bytes >= SMALL_VALUE_BYTES) ctx.memory?.reserve(bytes, fn);
}

/**
 * The full size of `parts` that `fn` puts into a new array or bag (shared parts counted each time,
 * as Kusto's values do not share: memory-size.ts), reserved before the value is made.
 */
export function reserveParts(ctx: EvalContext, parts: readonly Dyn[], fn: string): void {
  const memory = ctx.memory;
  if (!memory) return;
  const cap = memory.left;
  let bytes = SLOT * parts.length;
  for (let i = 0; i < parts.length && bytes <= cap; i++) bytes += dynBytes(parts[i]!, cap - bytes);
  reserveBytes(ctx, bytes, fn);
}

/** A dynamic value `fn` made (at most a few times the size of its inputs): charged at its full size. */
export function chargeMade(ctx: EvalContext, d: Dyn, fn: string): void {
  const memory = ctx.memory;
  if (memory && d !== null && typeof d === 'object') reserveBytes(ctx, dynBytes(d, memory.left), fn);
}
