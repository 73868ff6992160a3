/**
 * The bytes of one externaldata URI as the text files they hold: decompressed by the name's
 * extension (ingestion-supported-formats doc, "Supported data compression formats": `.gz`, and
 * `.zip` "archive or single file"), decoded as UTF-8 (a byte-order mark dropped), with the format
 * each is read in.
 *
 * Format (externaldata doc): the `format` property, else "an attempt is made to detect the data
 * format from file extension. The default is CSV". The extension is that of the URI's path with
 * the compression extension taken off ("Ignore this extension [stored in the compressed stream]
 * when you determine the file format").
 */
import { gunzipSync } from 'node:zlib';
import { UnsupportedError } from '../errors.ts';
import type { ExternalFormat } from './spec.ts';
import { unzip, ZipError } from './zip.ts';

/** "Use the externaldata operator to retrieve small reference tables of up to 100 MB" (externaldata doc). */
export const EXTERNAL_DATA_MAX_BYTES = 100 * 1024 * 1024;

const BY_EXTENSION: Readonly<Record<string, ExternalFormat>> = {
  csv: 'csv', tsv: 'tsv', psv: 'psv', scsv: 'scsv', sohsv: 'sohsv', txt: 'txt', raw: 'raw', json: 'json', multijson: 'multijson',
};

/** Ingestion formats trailhound does not read; a file with their extension is refused by name. */
export const UNSUPPORTED_FORMATS: Readonly<Record<string, string>> = {
  parquet: 'Parquet', avro: 'Avro', apacheavro: 'ApacheAvro', orc: 'ORC', w3clogfile: 'W3CLOGFILE', log: 'W3CLOGFILE',
  tsve: 'TSVE', azmonstream: 'AzMonStream', sstream: 'SStream',
};

export interface ExternalFile {
  readonly text: string;
  readonly format: ExternalFormat;
  /** The archive entry, for messages (zip). */
  readonly entry?: string;
}

export class ExternalFileError extends Error {}

/** The last path segment of a URI, without query string or fragment, lower-cased. */
function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/s, '');
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

function formatOf(name: string, given: ExternalFormat | undefined): ExternalFormat {
  if (given) return given;
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot + 1);
  if (UNSUPPORTED_FORMATS[ext]) throw new UnsupportedError(`externaldata of the ${UNSUPPORTED_FORMATS[ext]} format (file ${name})`);
  return BY_EXTENSION[ext] ?? 'csv';
}

const decoder = new TextDecoder('utf-8');

export function externalFiles(uri: string, bytes: Uint8Array, given: ExternalFormat | undefined, maxBytes = EXTERNAL_DATA_MAX_BYTES): ExternalFile[] {
  const name = fileName(uri);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (name.endsWith('.gz')) {
    const inner = name.slice(0, -3);
    let data: Buffer;
    try {
      data = gunzipSync(buf, { maxOutputLength: maxBytes });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ExternalFileError(`expands to more than ${maxBytes} bytes`);
      throw new ExternalFileError('not valid gzip data');
    }
    return [{ text: decoder.decode(data), format: formatOf(inner, given) }];
  }
  if (name.endsWith('.zip')) {
    const inner = name.slice(0, -4);
    let entries;
    try {
      entries = unzip(buf, maxBytes);
    } catch (e) {
      if (e instanceof ZipError) throw new ExternalFileError(e.message);
      throw e;
    }
    // "MyData.zip ... In this case, specify the file format as an ingestion property because it can't be inferred."
    const format = formatOf(inner.includes('.') ? inner : '', given);
    return entries.map((e) => ({ text: decoder.decode(e.data), format, entry: e.name }));
  }
  if (buf.length > maxBytes) throw new ExternalFileError(`is larger than ${maxBytes} bytes`);
  return [{ text: decoder.decode(buf), format: formatOf(name, given) }];
}
