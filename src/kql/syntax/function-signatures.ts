/**
 * The signatures of Kusto's built-in scalar and aggregation functions, as the official parser's
 * catalog declares them, in plain objects: which types each parameter takes, how often it may
 * occur, and whether it must be a constant. Used to generate well-typed calls (the KQL fuzzer)
 * without anything outside src/kql/syntax touching the Bridge.NET API.
 */
import { kustoLanguage, items, type BridgeObject } from './bridge.ts';

/**
 * What a parameter accepts. `types` lists Kusto scalar type names (`string`, `long`, `real`,
 * `decimal`, `int`, `bool`, `datetime`, `timespan`, `guid`, `dynamic`); an empty list means any
 * scalar. `kind` is the parser's ParameterTypeKind name (e.g. `Declared`, `Number`,
 * `DynamicArray`) for generators that want to be more precise.
 */
export interface ParameterSignature {
  readonly name: string;
  readonly kind: string;
  readonly types: readonly string[];
  readonly minOccurring: number;
  readonly maxOccurring: number;
  /** The argument must be a constant (a literal or a constant expression). */
  readonly constant: boolean;
  /** The argument must be a literal (`Literal`, `LiteralNotEmpty`). */
  readonly literal: boolean;
}

export interface FunctionSignature {
  readonly name: string;
  readonly aggregate: boolean;
  readonly parameters: readonly ParameterSignature[];
}

const NUMBER = ['int', 'long', 'real', 'decimal'];
const SCALAR = ['string', 'long', 'real', 'decimal', 'int', 'bool', 'datetime', 'timespan', 'guid', 'dynamic'];

/** The scalar types a ParameterTypeKind accepts (Kusto.Language.Symbols.ParameterTypeKind). */
const KIND_TYPES: Record<string, readonly string[]> = {
  Any: SCALAR,
  Scalar: SCALAR,
  Integer: ['int', 'long'],
  RealOrDecimal: ['real', 'decimal'],
  StringOrDynamic: ['string', 'dynamic'],
  StringOrArray: ['string', 'dynamic'],
  IntegerOrArray: ['int', 'long', 'dynamic'],
  DynamicArray: ['dynamic'],
  DynamicBag: ['dynamic'],
  Number: NUMBER,
  NumberOrBool: [...NUMBER, 'bool'],
  Summable: [...NUMBER, 'datetime', 'timespan'],
  Orderable: [...NUMBER, 'string', 'datetime', 'timespan', 'bool'],
  NotRealOrBool: SCALAR.filter((t) => t !== 'real' && t !== 'bool'),
  NotDynamic: SCALAR.filter((t) => t !== 'dynamic'),
  NotBool: SCALAR.filter((t) => t !== 'bool'),
  CommonScalar: SCALAR,
  CommonNumber: NUMBER,
  CommonSummable: [...NUMBER, 'datetime', 'timespan'],
  CommonOrderable: [...NUMBER, 'string', 'datetime', 'timespan', 'bool'],
  CommonScalarOrDynamic: SCALAR,
  Parameter0: SCALAR,
  Parameter1: SCALAR,
  Parameter2: SCALAR,
};

function enumName(enumType: BridgeObject, value: number): string {
  for (const k of Object.keys(enumType)) if (enumType[k] === value) return k;
  return String(value);
}

function parameterOf(K: BridgeObject, p: BridgeObject): ParameterSignature {
  const kind = enumName(K.Symbols.ParameterTypeKind, p.TypeKind);
  const argKind = enumName(K.Symbols.ArgumentKind, p.ArgumentKind);
  const declared = [...items(p.DeclaredTypes)].map((t: BridgeObject) => String(t.Name));
  const types = kind === 'Declared' ? declared : (KIND_TYPES[kind] ?? []);
  return {
    name: String(p.Name),
    kind,
    types,
    minOccurring: p.MinOccurring,
    maxOccurring: p.MaxOccurring,
    constant: argKind === 'Constant' || argKind.startsWith('Literal'),
    literal: argKind.startsWith('Literal'),
  };
}

/** Every visible signature of the given functions (all visible ones when `names` is absent). */
export function functionSignatures(names?: ReadonlySet<string>): FunctionSignature[] {
  const K = kustoLanguage();
  const g = K.GlobalState.Default;
  const out: FunctionSignature[] = [];
  const add = (list: BridgeObject, aggregate: boolean): void => {
    // The catalog's lists are plain arrays; a symbol's signatures and parameters are .NET lists.
    for (const f of Array.isArray(list) ? list : items(list)) {
      if (f.IsHidden || (names && !names.has(f.Name))) continue;
      for (const s of items(f.Signatures)) {
        if (s.IsHidden) continue;
        out.push({ name: String(f.Name), aggregate, parameters: [...items(s.Parameters)].map((p) => parameterOf(K, p)) });
      }
    }
  };
  add(g.Functions, false);
  add(g.Aggregates, true);
  return out;
}
