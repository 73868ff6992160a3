/**
 * A record's row as the mapping makes it, for comparing the readers' fast paths with the parse of
 * the whole record: the cells of the wanted columns, the type issues, the cut fields, the eventID.
 */
import type { Value } from '../../src/kql/types.ts';
import type { RawRecord, RecordMapper } from '../../src/cloudtrail/mapping.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { uuidText } from '../../src/cloudtrail/id-words.ts';
import type { SplitRecord } from '../../src/cloudtrail/splitter.ts';

/** The wanted-columns flags (schema order) for these column names. */
export function wantedOf(columns: readonly string[]): boolean[] {
  return AWS_CLOUDTRAIL_SCHEMA.map((c) => columns.includes(c.name));
}

export interface Outcome {
  row: Value[];
  issues: string[];
  cut: string[];
  id: string;
}

/**
 * One record mapped (unwanted columns as null); `text`: the record's raw text, when there is one;
 * `id`: its eventID when the reader handed it over apart from the record (the field scanner's words).
 */
export function mapped(mapper: RecordMapper, rec: RawRecord, text: string | undefined, wanted: readonly boolean[], id?: string): Outcome {
  const columns: Value[][] = AWS_CLOUDTRAIL_SCHEMA.map(() => []);
  const cut: string[] = [];
  const issues = mapper.mapInto(columns, rec, text, cut);
  const row = columns.map((c, i) => (wanted[i] ? c[0]! : null));
  return { row, issues, cut, id: id ?? (typeof rec['eventID'] === 'string' ? rec['eventID'] : '') };
}

/** The eventID of a record the splitter read: its words' text when the field scanner read it so (id-words.ts), else the record's. */
export function splitRecordId(o: SplitRecord): string | undefined {
  return o.idAt >= 0 ? uuidText(o.ids!, o.idAt) : undefined;
}
