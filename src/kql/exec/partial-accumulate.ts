/**
 * The reading thread's half of partial aggregation (partial.ts): a fragment — a summarize and the
 * where/project chain under it, down to the table's scan — decoded once, then fed the scan's
 * batches of one file; what comes out is the summarize's groups over that file's rows
 * (GroupTable.partial), plain data that crosses worker threads.
 */
import { decodeValue } from '../cache/plan-codec.ts';
import type { Plan } from '../plan/plan.ts';
import type { Batch } from '../types.ts';
import { batchOf, selectRows } from './batches.ts';
import { newRunContext, type RunContext } from './context.ts';
import { evalExpr, evalMask } from './eval.ts';
import { GroupTable, type PartialGroups, type SummarizeSpec } from './ops/summarize.ts';
import { selection } from './vector/mask.ts';

/** What partial.ts encodes for the reading threads. */
export interface Fragment {
  /** The summarize's input: where and project nodes over the scan (the scan itself last). */
  readonly chain: readonly Plan[];
  readonly spec: SummarizeSpec;
  /** now() of the run. */
  readonly now: bigint;
}

/**
 * The chain's nodes applied to one batch of the scan, bottom up (as execute() runs where and
 * project, without their streaming): the rows the summarize sees.
 */
export function applyChain(chain: readonly Plan[], scanned: Batch, ctx: RunContext): Batch {
  let cur = scanned;
  for (let i = chain.length - 2; i >= 0 && cur.length > 0; i--) {
    const node = chain[i]!;
    if (node.op === 'where') {
      const keep = selection(evalMask(node.predicate, cur, ctx));
      if (keep) cur = selectRows(cur, keep, node.schema);
    } else if (node.op === 'project') {
      cur = batchOf(node.schema, node.exprs.map((e) => evalExpr(e, cur, ctx)), cur.ingestion);
    } else throw new Error(`internal: ${node.op} in a partial aggregation chain`);
  }
  return cur;
}

let lastBytes: Uint8Array | undefined;
let lastFragment: Fragment | undefined;

function decode(bytes: Uint8Array): Fragment {
  // every file's task carries the same fragment: decode (and rebind its functions) once per scan
  if (lastBytes && lastBytes.length === bytes.length && Buffer.compare(lastBytes, bytes) === 0) return lastFragment!;
  lastFragment = decodeValue(bytes) as Fragment;
  lastBytes = Uint8Array.from(bytes);
  return lastFragment;
}

/** The groups of one file's rows: add() its batches, then partial(). */
export class PartialAccumulator {
  private readonly fragment: Fragment;
  private readonly table: GroupTable;
  private readonly ctx: RunContext;

  constructor(bytes: Uint8Array) {
    this.fragment = decode(bytes);
    this.ctx = newRunContext(this.fragment.now, new Map());
    // one file's groups: bounded by the file's rows (the merged groups are charged in the scanning thread)
    this.table = new GroupTable(this.fragment.spec, this.ctx.memory.operator('Summarize'));
  }

  add(scanned: Batch): void {
    const mark = this.ctx.memory.scratch;
    this.table.add(applyChain(this.fragment.chain, scanned, this.ctx), this.ctx);
    this.ctx.memory.freeScratchSince(mark);
  }

  partial(): PartialGroups {
    return this.table.partial();
  }
}
