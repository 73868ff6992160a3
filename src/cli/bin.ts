/** Entry point of the compiled CLI (dist/src/cli/bin.js) and of the TypeScript fallback. */
import { main } from './main.ts';

await main(process.argv);
