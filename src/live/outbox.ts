/**
 * The outbox: every alert waits here, one file per alert and sink, until that sink took it.
 * Protocol (what makes kill -9 safe):
 *   1. a run writes `<order>-<id>.json.new` for each sink (atomically);
 *   2. the checkpoint (state.json, with the alert ids) is saved;
 *   3. the `.new` files are renamed to `.json`: only those are delivered.
 * A crash before 2 leaves `.new` files whose ids are not in the checkpoint: they are deleted at
 * start and the run, repeated, writes them again (same ids). A crash between 2 and 3 leaves
 * `.new` files whose ids are committed: they are promoted at start.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir, unlinkDurable, writeFileAtomic } from './atomic.ts';
import { stringifyJson } from '../kql/values/json-stringify.ts';
import type { Alert } from './alerts.ts';

export class Outbox {
  readonly dir: string;
  constructor(
    stateDir: string,
    readonly sinks: readonly string[],
  ) {
    this.dir = join(stateDir, 'outbox');
    for (const s of sinks) mkdirSync(join(this.dir, s), { recursive: true });
  }

  /** Step 1. `order` sorts entries in delivery order (scheduled time, then index). */
  stage(alert: Alert, order: string): string[] {
    const text = stringifyJson(alert)!;
    const names: string[] = [];
    for (const s of this.sinks) {
      const p = join(this.dir, s, `${order}-${alert.id}.json.new`);
      writeFileAtomic(p, text);
      names.push(p);
    }
    return names;
  }

  /** Step 3. */
  promote(staged: readonly string[]): void {
    const dirs = new Set<string>();
    for (const p of staged) {
      renameSync(p, p.slice(0, -'.new'.length));
      dirs.add(join(p, '..'));
    }
    for (const d of dirs) fsyncDir(d);
  }

  /** At start: promote committed staged entries, drop the others. */
  recover(committed: (id: string) => boolean): void {
    for (const s of this.sinks) {
      const dir = join(this.dir, s);
      for (const name of readdirSync(dir)) {
        if (!name.endsWith('.json.new')) continue;
        const id = name.slice(0, -'.json.new'.length).split('-').slice(2).join('-');
        if (committed(id)) this.promote([join(dir, name)]);
        else unlinkDurable(join(dir, name));
      }
    }
  }

  /** Entries ready for a sink, oldest first. */
  pending(sink: string): string[] {
    const dir = join(this.dir, sink);
    return readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => join(dir, n));
  }

  read(path: string): Alert {
    return JSON.parse(readFileSync(path, 'utf8')) as Alert;
  }

  done(path: string): void {
    unlinkDurable(path);
  }
}
