/**
 * The tables and stored functions of the catalog that a query text can reach, so that only
 * their symbols are built for the binder (each costs a parse of its schema or body; all of
 * them ~0.3 s of CPU on a compile that loads the parser).
 *
 * A reference to a table or function by name contains that name's characters in the text: a
 * name (compared without case, so a binder message about a mistyped case cannot change) that
 * occurs nowhere in the query, nor in the body of a function it can reach, cannot be named by it.
 * Symbols the binder never looks up do not change its results or its messages. Anything that
 * can reach a table without naming it keeps the whole catalog: wildcards and computed names
 * (`union`, `search`, `find`, `table()`, `database()`, `cluster()`, views, macros, graphs) and
 * bracketed names (`['x']`, whose escapes could spell a name in other characters).
 */
import type { StoredFunctionDecl } from './catalog.ts';

const NAMES_ANY_TABLE = /\b(union|search|find|table|database|cluster|materialized_view|external_table|stored_query_result|macro_expand|entity_group|graph|view)\b|\[\s*[@hH]?['"]/i;

/** The declarations `text` can reach: `tables` and `functions` filtered, or all of them. */
export function reachable<T extends { readonly name: string }>(
  text: string,
  tables: readonly T[],
  functions: readonly StoredFunctionDecl[],
): { tables: readonly T[]; functions: readonly StoredFunctionDecl[] } {
  if (NAMES_ANY_TABLE.test(text)) return { tables, functions };
  const texts = [text.toLowerCase()];
  const occurs = (name: string) => {
    const n = name.toLowerCase();
    return texts.some((t) => t.includes(n));
  };
  const reached = new Set<StoredFunctionDecl>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const f of functions) {
      if (reached.has(f) || !occurs(f.name)) continue;
      // a body may reach what a query may not write directly
      if (NAMES_ANY_TABLE.test(f.parameters) || NAMES_ANY_TABLE.test(f.body)) return { tables, functions };
      reached.add(f);
      texts.push(`${f.parameters}\n${f.body}`.toLowerCase());
      grew = true;
    }
  }
  return { tables: tables.filter((t) => occurs(t.name)), functions: functions.filter((f) => reached.has(f)) };
}

