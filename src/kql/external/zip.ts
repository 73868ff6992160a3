/**
 * The files of a ZIP archive (PKWARE APPNOTE.TXT: end of central directory, central directory,
 * local headers), for externaldata's `.zip` sources ("MyData.csv.zip indicates a blob or file
 * formatted as CSV, compressed with zip (archive or single file)": ingestion-supported-formats).
 * Stored and deflated entries are read; other methods (Deflate64, which the doc says is not
 * supported either), encryption and ZIP64 are refused by name. Every inflated byte counts
 * against `maxBytes`, so a small archive cannot expand without bound.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The archive's file entries in central-directory order (folders left out). */
export function unzip(zip: Buffer, maxBytes: number): ZipEntry[] {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not a ZIP archive (no end of central directory)');
  const count = zip.readUInt16LE(eocd + 10);
  const dirSize = zip.readUInt32LE(eocd + 12);
  let at = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || at === 0xffffffff) throw new ZipError('ZIP64 archives are not supported');
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new ZipError('damaged ZIP central directory');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString((flags & 0x800) !== 0 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if ((flags & 1) !== 0) throw new ZipError(`${name}: encrypted ZIP entries are not supported`);
    if (compressed === 0xffffffff || size === 0xffffffff) throw new ZipError('ZIP64 archives are not supported');
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) throw new ZipError(`${name}: damaged ZIP entry`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + compressed > zip.length) throw new ZipError(`${name}: damaged ZIP entry`);
    const raw = zip.subarray(start, start + compressed);
    let data: Buffer;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, maxBytes - total) });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipError(`expands to more than ${maxBytes} bytes`);
        throw new ZipError(`${name}: damaged deflate data`);
      }
    } else throw new ZipError(`${name}: ZIP compression method ${method} is not supported (only stored and deflate)`);
    total += data.length;
    if (total > maxBytes) throw new ZipError(`expands to more than ${maxBytes} bytes`);
    entries.push({ name, data });
  }
  return entries;
}
