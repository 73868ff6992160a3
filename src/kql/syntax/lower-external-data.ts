/**
 * `externaldata (col:type, ...) [uri, ...] [with (prop=value, ...)]` (externaldata-operator doc)
 * into an externalData plan node. The URIs and properties must be constants; the supported
 * properties are the doc's: `format`, `ignoreFirstRecord`, `ingestionMapping`.
 */
import { KqlError, UnsupportedError, type Span } from '../errors.ts';
import { EXTERNAL_FORMATS, MAPPING_TRANSFORMS, type ColumnMapping, type ExternalFormat, type MappingTransform } from '../external/spec.ts';
import { UNSUPPORTED_FORMATS } from '../external/files.ts';
import type { Plan } from '../plan/plan.ts';
import type { Schema } from '../types.ts';
import { parseJsonPath } from '../values/json-path.ts';
import { className, type BridgeObject } from './bridge.ts';
import { listElements, lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { constantValue } from './lower-sources.ts';
import { listElementsOrItems } from './lower-operators.ts';
import type { Lowerer } from './lowerer.ts';
import { schemaOf } from './types.ts';

function formatOf(v: unknown, span: Span): ExternalFormat {
  const f = String(v).trim().toLowerCase();
  if ((EXTERNAL_FORMATS as readonly string[]).includes(f)) return f as ExternalFormat;
  if (UNSUPPORTED_FORMATS[f]) throw new UnsupportedError(`externaldata with format=${UNSUPPORTED_FORMATS[f]}`, span);
  throw new KqlError('binding', `externaldata: unknown format ${JSON.stringify(String(v))} (ingestion formats: ${EXTERNAL_FORMATS.join(', ')})`, span);
}

function boolOf(v: unknown, name: string, span: Span): boolean {
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (s === 'true' || s === 'false') return s === 'true';
  throw new KqlError('binding', `externaldata: ${name} must be true or false`, span);
}

/** An `ingestionMapping` (csv-mapping and json-mapping docs): `[{"Column": ..., "Properties": {...}}, ...]`. */
function mappingOf(v: unknown, schema: Schema, span: Span): ColumnMapping[] {
  let doc: unknown;
  try {
    doc = JSON.parse(String(v));
  } catch {
    throw new KqlError('binding', 'externaldata: ingestionMapping is not JSON', span);
  }
  if (!Array.isArray(doc)) throw new KqlError('binding', 'externaldata: ingestionMapping must be a JSON array of {"Column": ..., "Properties": {...}}', span);
  return doc.map((el, i) => {
    const where = `externaldata: ingestionMapping[${i}]`;
    if (!el || typeof el !== 'object' || typeof (el as { Column?: unknown }).Column !== 'string') throw new KqlError('binding', `${where} needs a "Column"`, span);
    const column = (el as { Column: string }).Column;
    if (!schema.some((c) => c.name === column)) throw new KqlError('binding', `${where}: the schema has no column ${column}`, span);
    const props = ((el as { Properties?: unknown }).Properties ?? {}) as Record<string, unknown>;
    if (typeof props !== 'object') throw new KqlError('binding', `${where}.Properties must be an object`, span);
    const out: { column: string; ordinal?: number; path?: ColumnMapping['path']; constValue?: string; transform?: MappingTransform } = { column };
    for (const [k, x] of Object.entries(props)) {
      switch (k) {
        case 'Ordinal': {
          const n = Number(x);
          if (!Number.isInteger(n) || n < 0) throw new KqlError('binding', `${where}: Ordinal must be a whole number`, span);
          out.ordinal = n;
          break;
        }
        case 'Path': {
          const text = String(x);
          // json-mapping doc: "If the value doesn't start with $ it's interpreted as a constant value."
          if (!text.startsWith('$')) out.constValue = text;
          else {
            const path = parseJsonPath(text);
            if (!path) throw new UnsupportedError(`the JSONPath ${JSON.stringify(text)} in an ingestionMapping (Kusto's subset: $, .name, ['name'], [n])`, span);
            out.path = path;
          }
          break;
        }
        case 'ConstValue':
          out.constValue = String(x);
          break;
        case 'Transform':
          if (!(MAPPING_TRANSFORMS as readonly string[]).includes(String(x))) throw new UnsupportedError(`the ingestionMapping transformation ${String(x)}`, span);
          out.transform = String(x) as MappingTransform;
          break;
        default:
          throw new UnsupportedError(`the ingestionMapping property ${k}`, span);
      }
    }
    return out;
  });
}

export function lowerExternalData(lw: Lowerer, node: BridgeObject): Plan {
  const span = spanOf(node);
  const schema = schemaOf(node.ResultType, span);
  if (listElementsOrItems(node.Parameters).length > 0) throw new UnsupportedError('externaldata with parameters before its schema', span);
  const uriNodes = listElements(node.URIs);
  const uris = uriNodes.map((u) => {
    const v = constantValue(lowerExpr(lw, u, null), spanOf(u));
    if (typeof v !== 'string' || v === '') throw new KqlError('binding', 'externaldata: a storage URI must be a non-empty string', spanOf(u));
    return v;
  });
  if (uris.length === 0) throw new KqlError('binding', 'externaldata needs at least one storage URI', span);
  // An obfuscated literal (h'...', h@'...'; string doc): its query string (a SAS token) stays out of messages.
  const hidden = uriNodes.map((u) => className(u) !== 'NameReference' && /^h/i.test(String(u.ToString()).trim()));
  let format: ExternalFormat | undefined;
  let ignoreFirstRecord = false;
  let mapping: ColumnMapping[] | undefined;
  for (const p of listElementsOrItems(node.WithClause?.Properties)) {
    const name = nameText(p.Name);
    const pspan = spanOf(p);
    const value = constantValue(lowerExpr(lw, p.Expression, null), spanOf(p.Expression));
    switch (name.toLowerCase()) {
      case 'format':
        format = formatOf(value, pspan);
        break;
      case 'ignorefirstrecord':
        ignoreFirstRecord = boolOf(value, name, pspan);
        break;
      case 'ingestionmapping':
        mapping = mappingOf(value, schema, pspan);
        break;
      default:
        throw new UnsupportedError(`the externaldata property ${name}`, pspan);
    }
  }
  return { op: 'externalData', uris, hidden, format, ignoreFirstRecord, mapping, schema };
}
