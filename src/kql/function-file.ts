/**
 * Stored functions kept as `.kql` files, written the way Kusto creates them:
 *   .create-or-alter function [with (...)] Name(params) { body }
 * (`.create function` and `.alter function` are accepted too). `//` comments may precede it.
 */
import { KqlError } from './errors.ts';
import type { StoredFunctionDecl } from './syntax/catalog.ts';

/** Index of the bracket closing the one at `open`, skipping string literals and comments. */
function matching(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) return -1;
      continue;
    }
    if (c === '"' || c === "'") {
      const verbatim = text[i - 1] === '@';
      for (i++; i < text.length && text[i] !== c; i++) if (!verbatim && text[i] === '\\') i++;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]!);
    else if (c === ')' || c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i;
    }
  }
  return -1;
}

export function parseFunctionFile(text: string, source: string): StoredFunctionDecl {
  const header = /^\s*\.(create-or-alter|create|alter)\s+function\s+(?:ifnotexists\s+)?/im.exec(text);
  if (!header) {
    throw new KqlError('syntax', `${source}: expected ".create-or-alter function Name(params) { body }"`, undefined, source);
  }
  let i = header.index + header[0].length;
  const withClause = /^with\s*\(/i.exec(text.slice(i));
  if (withClause) {
    const close = matching(text, i + withClause[0].length - 1);
    if (close < 0) throw new KqlError('syntax', `${source}: unterminated with (...) clause`, undefined, source);
    i = close + 1;
  }
  const name = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(text.slice(i));
  if (!name) throw new KqlError('syntax', `${source}: expected a function name and its parameters`, undefined, source);
  const paramsOpen = i + name[0].length - 1;
  const paramsClose = matching(text, paramsOpen);
  if (paramsClose < 0) throw new KqlError('syntax', `${source}: unterminated parameter list`, undefined, source);
  const bodyOpen = text.indexOf('{', paramsClose);
  const bodyClose = bodyOpen < 0 ? -1 : matching(text, bodyOpen);
  if (bodyClose < 0) throw new KqlError('syntax', `${source}: expected a body in braces`, undefined, source);
  if (text.slice(bodyClose + 1).replace(/\/\/.*$/gm, '').trim() !== '') {
    throw new KqlError('syntax', `${source}: unexpected text after the function body`, undefined, source);
  }
  return {
    name: name[1]!,
    parameters: text.slice(paramsOpen, paramsClose + 1),
    body: text.slice(bodyOpen, bodyClose + 1),
    source,
  };
}
