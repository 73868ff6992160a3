/**
 * What an `externaldata` operator reads (learn.microsoft.com/kusto/query/externaldata-operator):
 * its storage URIs and the ingestion properties that say how to read them. Plain data, kept in
 * the plan (and the plan cache); the bytes come from an ExternalDataSource at run time.
 */
import type { JsonPathStep } from '../values/json-path.ts';

/**
 * The ingestion formats externaldata reads (ingestion-supported-formats doc): delimited text
 * (csv `,`, tsv tab, psv `|`, scsv `;`, sohsv U+0001), txt (one value per line, empty lines
 * skipped), raw (the whole text is one value), json (JSON Lines) and multijson.
 */
export const EXTERNAL_FORMATS = ['csv', 'tsv', 'psv', 'scsv', 'sohsv', 'txt', 'raw', 'json', 'multijson'] as const;
export type ExternalFormat = (typeof EXTERNAL_FORMATS)[number];

/** Mapping transformations (mappings doc, "Mapping transformations") that trailhound applies. */
export const MAPPING_TRANSFORMS = [
  'SourceLocation', 'SourceLineNumber', 'DateTimeFromUnixSeconds', 'DateTimeFromUnixMilliseconds',
  'DateTimeFromUnixMicroseconds', 'DateTimeFromUnixNanoseconds',
] as const;
export type MappingTransform = (typeof MAPPING_TRANSFORMS)[number];

/** One element of an `ingestionMapping` (csv-mapping, json-mapping docs). */
export interface ColumnMapping {
  readonly column: string;
  /** CSV mapping: the field's position. */
  readonly ordinal?: number;
  /** JSON mapping: the JSONPath of the value in each record. */
  readonly path?: readonly JsonPathStep[];
  readonly constValue?: string;
  readonly transform?: MappingTransform;
}

export interface ExternalDataSpec {
  /** The storage URIs in order: the rows of each follow those of the one before. */
  readonly uris: readonly string[];
  /** Per URI: written as an obfuscated literal (`h'...'`): messages do not show its query string. */
  readonly hidden: readonly boolean[];
  /** `format`; undefined: from each URI's extension, else CSV (the doc's default). */
  readonly format?: ExternalFormat;
  /** `ignoreFirstRecord`: "the first record in every file is ignored". */
  readonly ignoreFirstRecord: boolean;
  /** `ingestionMapping`; undefined: the identity mapping (mappings doc). */
  readonly mapping?: readonly ColumnMapping[];
}

/** A URI as messages show it: without its query string when it was written obfuscated. */
export function displayUri(uri: string, hidden: boolean): string {
  if (!hidden) return uri;
  const q = uri.search(/[?#]/);
  return q < 0 ? uri : `${uri.slice(0, q)}?...`;
}
