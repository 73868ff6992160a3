/** A table that records the predicates each scan received (what the engine pushed down to its reader). */
import type { ScanOptions, ScanPredicate, TableSource } from '../../src/kql/scan.ts';
import type { Batch } from '../../src/kql/types.ts';

export class RecordingTable implements TableSource {
  readonly scans: ScanPredicate[][] = [];
  constructor(private readonly inner: TableSource) {}
  get schema() {
    return this.inner.schema;
  }
  scan(options: ScanOptions): AsyncIterable<Batch> {
    this.scans.push([...options.predicates]);
    return this.inner.scan(options);
  }
}
