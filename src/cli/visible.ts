/**
 * Text from logs and rules shown to a person, with every character that could act on the
 * terminal or disguise the text rendered visibly. CloudTrail fields are written by whoever calls
 * AWS: a userAgent holding `ESC[2J` would clear the analyst's screen, a bidi override (U+202E)
 * would show a different text than the bytes ("Trojan Source", CVE-2021-42574).
 *
 * Convention (docs/cli.md, "Terminal output"): `\t` `\n` `\r` for tab, line feed and carriage
 * return; `\xHH` for the other C0 controls, DEL and the C1 controls (U+0080-U+009F, CSI U+009B
 * included); `\uHHHH` (`\u{HHHHH}` above U+FFFF) for format characters (Unicode category Cf:
 * bidi embeddings, overrides and isolates, LRM/RLM, zero-width characters, soft hyphen, BOM, tag
 * characters), line and paragraph separators (Zl, Zp) and lone surrogates. A backslash itself is
 * left as it is, so paths and regexes read naturally: the exact value is in the JSON, JSON Lines
 * and CSV outputs, which are never escaped this way.
 */

/** Cc (C0, DEL, C1), Cf, Zl, Zp, Cs (a lone surrogate is a code point of its own under /u). */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const UNSAFE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
/** The same without the line feed, for text of several lines built by trailhound itself. */
const UNSAFE_ALL_BUT_LF = /(?!\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0');

function picture(c: string): string {
  switch (c) {
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
  }
  const cp = c.codePointAt(0)!;
  if (cp <= 0xff) return `\\x${hex(cp, 2)}`;
  if (cp <= 0xffff) return `\\u${hex(cp, 4)}`;
  return `\\u{${hex(cp, 5)}}`;
}

/** One value or one line, with every unsafe character (line feeds included) made visible. */
export function visible(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, picture) : text;
}

/**
 * A message of several lines, each made visible; the line feeds between them are kept. Values
 * quoted inside it should have gone through `visible` first, so that a line feed in a value
 * cannot start a line of its own.
 */
export function visibleLines(text: string): string {
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL_BUT_LF, picture) : text;
}
