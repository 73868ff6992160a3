/** Warnings of a compiled query (e.g. `union isfuzzy=true` legs that did not resolve), on stderr. */
import { formatDiagnostic, type CompiledQuery } from '../kql/engine.ts';

/** The text with control characters escaped, so that a query cannot drive the terminal. */
function printable(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function warningLines(compiled: CompiledQuery, file: string): string[] {
  return compiled.warnings.map((w) => `warning: ${printable(formatDiagnostic(compiled.text, w, file))}`);
}

export function printWarnings(compiled: CompiledQuery, file: string): void {
  for (const line of warningLines(compiled, file)) process.stderr.write(`trailhound: ${line}\n`);
}
