/**
 * The run-time half of `parse` / `parse-where`: a plain spec (the pattern's regular expression and
 * the typed columns it captures; built by syntax/lower-parse.ts, which documents the choices)
 * turned into per-row functions. Kept apart from the lowering so that a cached plan can rebuild
 * the functions from the spec alone.
 */
import { UnsupportedError } from '../errors.ts';
import { nullOf, type ScalarType, type Value } from '../types.ts';
import type { EvalContext, RowFn } from './contract.ts';
import { lookupScalarFunction } from './index.ts';
import { compileKustoRegex, type RegexMatch } from './regex.ts';

export interface ParseColumn {
  readonly name: string;
  readonly type: ScalarType;
  /** The capture group holding the column's text. */
  readonly group: number;
}

export interface ParseSpec {
  readonly kind: 'simple' | 'regex' | 'relaxed';
  /** The whole pattern as one Kusto regular expression (for simple and relaxed, delimiters escaped). */
  readonly regex: string;
  /** kind=regex's `flags=`. */
  readonly flags?: string;
  readonly columns: readonly ParseColumn[];
  /** The type of the parsed expression (non-strings are parsed as their tostring()). */
  readonly sourceType: ScalarType;
}

const CONVERTERS: Partial<Record<ScalarType, string>> = {
  long: 'tolong', int: 'toint', real: 'toreal', bool: 'tobool', datetime: 'todatetime', timespan: 'totimespan',
  guid: 'toguid', decimal: 'todecimal', dynamic: 'todynamic',
};

function converter(type: ScalarType): RowFn {
  const name = CONVERTERS[type];
  if (!name) throw new UnsupportedError(`parse into type ${type}`);
  return lookupScalarFunction(name).bind([{ type: 'string', constant: false }], type);
}

interface ParseMatcher {
  /** The match of a row's text, or null when the parse fails (no match, or in a strict kind a typed column that does not convert). */
  readonly parsed: (args: Value[], ctx: EvalContext) => RegexMatch | null;
  readonly converters: readonly (RowFn | undefined)[];
}

// One matcher per spec: the columns of one `parse` share its compiled regex.
const matchers = new WeakMap<ParseSpec, ParseMatcher>();

function matcherOf(spec: ParseSpec): ParseMatcher {
  const known = matchers.get(spec);
  if (known) return known;
  const { kind, regex, flags, columns } = spec;
  // Linear-time matching for every kind: a simple pattern's lazy columns (`(.*?)`) would make a
  // backtracking engine try every split of a text that does not parse (O(n^columns)).
  const prefix = kind === 'regex' ? (flags ? `(?${flags})` : '') : '(?s)';
  const re = compileKustoRegex(`${prefix}^(?:${regex})`);
  const converters = columns.map((c) => (c.type === 'string' ? undefined : converter(c.type)));
  const strict = kind !== 'relaxed';
  const isString = spec.sourceType === 'string';
  const toText = lookupScalarFunction('tostring').bind([{ type: spec.sourceType, constant: false }], 'string');
  const parsed = (args: Value[], ctx: EvalContext): RegexMatch | null => {
    const text = isString ? (args[0] as string) : (toText([args[0]!], ctx) as string);
    const m = re.exec(text);
    if (!m) return null;
    if (strict) {
      for (let j = 0; j < columns.length; j++) {
        const conv = converters[j];
        if (conv && conv([m[columns[j]!.group] ?? ''], ctx) === null) return null;
      }
    }
    return m;
  };
  const made = { parsed, converters };
  matchers.set(spec, made);
  return made;
}

/** Column `column`'s value of each row (null when the row does not parse). */
export function parseColumnFn(spec: ParseSpec, column: number): RowFn {
  const { parsed, converters } = matcherOf(spec);
  const col = spec.columns[column];
  if (!col) throw new Error(`parse spec has no column ${column}`);
  const conv = converters[column];
  return (args, ctx) => {
    const m = parsed(args, ctx);
    if (!m) return nullOf(col.type);
    const raw = m[col.group] ?? '';
    return conv ? conv([raw], ctx) : raw;
  };
}

/** parse-where's filter: whether a row's text parses. */
export function parseTestFn(spec: ParseSpec): RowFn {
  const { parsed } = matcherOf(spec);
  return (args, ctx) => parsed(args, ctx) !== null;
}
