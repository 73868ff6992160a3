// trailhound's CloudTrail reader with the seed rule's filter pushed down (see trailhound-reader.ts).
import { cli } from './common.ts';
import { RULE_PREDICATES, scanTree } from './trailhound-reader.ts';

export const run = (dir: string) => scanTree(dir, RULE_PREDICATES, "trailhound reader (rule's filter pushed down)");

cli(import.meta.url, run);
