/** Parse + bind with the official analyzer, and turn its diagnostics into our errors. */
import { KqlError } from '../errors.ts';
import { kustoLanguage, items, type BridgeObject } from './bridge.ts';
import { bracketDepth, MAX_BRACKET_DEPTH } from './nesting.ts';

export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly start: number;
  readonly length: number;
}

/**
 * Refuses a query nested deeper than the official parser ever accepts, in the parser's own words,
 * without the minutes the parser would take to get there (nesting.ts).
 */
export function checkNesting(text: string, file?: string): void {
  if (bracketDepth(text) <= MAX_BRACKET_DEPTH) return;
  throw new DiagnosticsError([{ severity: 'error', message: 'Query syntax depth exceeds maximum safe limit. Semantic analysis not performed.', start: 0, length: 0 }], text, file);
}

export function analyze(text: string, globals: BridgeObject): { code: BridgeObject; diagnostics: Diagnostic[] } {
  const K = kustoLanguage();
  let code: BridgeObject;
  try {
    code = K.KustoCode.ParseAndAnalyze(text, globals);
  } catch (e) {
    // The official binder itself can fail (it does on graph_time_travel(...) | graph-match with
    // no graph model): say so instead of surfacing its TypeError as ours.
    throw new KqlError('binding', `the official Kusto parser failed to bind this query (${(e as Error).message})`);
  }
  const diagnostics: Diagnostic[] = [];
  for (const d of items(code.GetDiagnostics())) {
    const sev = String(d.Severity).toLowerCase();
    if (sev !== 'error' && sev !== 'warning') continue;
    diagnostics.push({ severity: sev as 'error' | 'warning', message: d.Message, start: d.Start, length: d.Length });
  }
  return { code, diagnostics };
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** `file:line:column: message` for each error diagnostic. */
export function formatDiagnostic(text: string, d: { message: string; start: number }, file = '<query>'): string {
  const { line, column } = lineColumn(text, d.start);
  return `${file}:${line}:${column}: ${d.message}`;
}

export class DiagnosticsError extends KqlError {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    text: string,
    file?: string,
  ) {
    super(
      diagnostics.some((d) => /expected|missing|unexpected/i.test(d.message)) ? 'syntax' : 'binding',
      diagnostics.map((d) => formatDiagnostic(text, d, file)).join('\n'),
      { start: diagnostics[0]!.start, length: diagnostics[0]!.length },
      file,
    );
  }
}
