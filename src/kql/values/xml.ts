/**
 * XML text as a dynamic value, as parse_xml() maps it (learn.microsoft.com/kusto/query/parse-xml-function):
 *
 *   <e/>                               {"e": null}
 *   <e>text</e>                        {"e": "text"}
 *   <e name="value" />                 {"e": {"@name": "value"}}
 *   <e name="value">text</e>           {"e": {"@name": "value", "#text": "text"}}
 *   <e> <a>text</a> <b>text</b> </e>   {"e": {"a": "text", "b": "text"}}
 *   <e> <a>text</a> <a>text</a> </e>   {"e": {"a": ["text", "text"]}}
 *   <e> text <a>text</a> </e>          {"e": {"#text": "text", "a": "text"}}
 *
 * "Only element nodes, attributes and text nodes will be translated. Everything else will be
 * skipped" (the XML declaration, comments, processing instructions, the DOCTYPE). Text stays text:
 * the doc's own example reads `118.0` back as "118.0", which a real would print as 118.
 * Where the doc is silent (our choices): text is trimmed of XML white space, as the doc's
 * `<e> text <a>...` row shows, and white-space-only text is dropped; CDATA sections are text;
 * text split by comments or processing instructions is joined; text split by child elements
 * gives one "#text" per piece (an array when there are several, like repeated elements);
 * `<e></e>` is null like `<e/>`; properties keep document order (attributes first).
 *
 * Not valid XML (unbalanced or mismatched tags, a bad name or attribute, a repeated attribute,
 * an undefined entity, more than one root) gives null, and so does an input longer than 1 MB
 * ("Maximal input string length for parse_xml is 1 MB (1,048,576 bytes). Longer strings
 * interpretation will result in a null object"). The parser is iterative and linear: no input
 * can make it recurse or backtrack. Entities declared in a DOCTYPE are not expanded (their use
 * is an undefined entity): no entity expansion can blow up.
 */
import type { Dyn } from '../types.ts';

export const PARSE_XML_MAX_BYTES = 1_048_576;

const NAME = /[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7\u00C0-\uFFFF]*/y;
const WS = /[ \t\r\n]*/y;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

class XmlSyntax extends Error {}

interface Frame {
  readonly name: string;
  /** Properties in document order: "@attr", child element names, "#text". */
  readonly props: [string, Dyn][];
  /** Text since the last child element (joined across comments and CDATA). */
  text: string;
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** parse_xml's value for `text`: a bag with the root element, or null. */
export function parseXml(text: string): Dyn {
  if (text.length > PARSE_XML_MAX_BYTES || (text.length * 3 > PARSE_XML_MAX_BYTES && utf8Length(text) > PARSE_XML_MAX_BYTES)) return null;
  try {
    return new XmlParser(text.replace(/\r\n?/g, '\n')).document();
  } catch (e) {
    if (e instanceof XmlSyntax) return null;
    throw e;
  }
}

function trimXml(s: string): string {
  return s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/**
 * Adds a property; a repeated name turns the first one's value into an array of all of them.
 * (An element's own value is never an array, so an array here is always such a group.)
 */
function addProp(props: [string, Dyn][], name: string, value: Dyn, seen: Map<string, number>): void {
  const at = seen.get(name);
  if (at === undefined) {
    seen.set(name, props.length);
    props.push([name, value]);
    return;
  }
  const cur = props[at]![1];
  if (Array.isArray(cur)) cur.push(value);
  else props[at] = [name, [cur, value]];
}

class XmlParser {
  private i = 0;
  private readonly stack: Frame[] = [];
  /** Per open element: property name -> its index in props (for grouping repeated names). */
  private readonly seen: Map<string, number>[] = [];

  constructor(private readonly s: string) {}

  document(): Dyn {
    if (this.s.charCodeAt(0) === 0xfeff) this.i = 1;
    let root: Dyn | undefined;
    for (;;) {
      this.skipWs();
      if (this.i >= this.s.length) break;
      if (this.s.startsWith('<?', this.i)) this.skipPast('?>');
      else if (this.s.startsWith('<!--', this.i)) this.skipComment();
      else if (this.s.startsWith('<!DOCTYPE', this.i)) {
        if (root !== undefined) throw new XmlSyntax();
        this.skipDoctype();
      } else if (this.s[this.i] === '<' && root === undefined) root = this.element();
      else throw new XmlSyntax();
    }
    if (root === undefined) throw new XmlSyntax();
    return root;
  }

  private skipWs(): void {
    WS.lastIndex = this.i;
    WS.exec(this.s);
    this.i = WS.lastIndex;
  }

  private skipPast(end: string): void {
    const j = this.s.indexOf(end, this.i);
    if (j < 0) throw new XmlSyntax();
    this.i = j + end.length;
  }

  private skipComment(): void {
    const j = this.s.indexOf('-->', this.i + 4);
    if (j < 0 || this.s.slice(this.i + 4, j).includes('--')) throw new XmlSyntax();
    this.i = j + 3;
  }

  /** `<!DOCTYPE name ... [internal subset]>`: skipped; quoted strings may hold `>` or `]`. */
  private skipDoctype(): void {
    let inSubset = false;
    for (let j = this.i + 9; j < this.s.length; j++) {
      const c = this.s[j];
      if (c === '"' || c === "'") {
        const k = this.s.indexOf(c, j + 1);
        if (k < 0) break;
        j = k;
      } else if (c === '[') inSubset = true;
      else if (c === ']') inSubset = false;
      else if (c === '>' && !inSubset) {
        this.i = j + 1;
        return;
      }
    }
    throw new XmlSyntax();
  }

  private name(): string {
    NAME.lastIndex = this.i;
    const m = NAME.exec(this.s);
    if (!m) throw new XmlSyntax();
    this.i = NAME.lastIndex;
    return m[0];
  }

  /** Decodes entity and character references in `raw` (text or an attribute value). */
  private decode(raw: string): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&]*);|&/g, (whole, ref: string | undefined) => {
      if (ref === undefined) throw new XmlSyntax();
      if (ref.startsWith('#x')) return codePoint(parseInt(ref.slice(2), 16), /^#x[0-9A-Fa-f]+$/.test(ref));
      if (ref.startsWith('#')) return codePoint(Number(ref.slice(1)), /^#[0-9]+$/.test(ref));
      const v = PREDEFINED[ref];
      if (v === undefined) throw new XmlSyntax();
      return v;
    });
  }

  /** The root element and everything inside it, without recursion. */
  private element(): Dyn {
    for (;;) {
      const lt = this.s.indexOf('<', this.i);
      const top = this.stack[this.stack.length - 1];
      if (top) {
        const raw = this.s.slice(this.i, lt < 0 ? this.s.length : lt);
        if (raw.includes(']]>')) throw new XmlSyntax();
        top.text += this.decode(raw);
      } else if (lt !== this.i) throw new XmlSyntax();
      if (lt < 0) throw new XmlSyntax();
      this.i = lt;
      if (this.s.startsWith('</', this.i)) {
        this.i += 2;
        const name = this.name();
        this.skipWs();
        if (this.s[this.i] !== '>' || !top || top.name !== name) throw new XmlSyntax();
        this.i++;
        const value = this.close();
        if (this.stack.length === 0) return new Map([[name, value]]);
        this.addChild(name, value);
      } else if (this.s.startsWith('<!--', this.i)) {
        if (!top) throw new XmlSyntax();
        this.skipComment();
      } else if (this.s.startsWith('<![CDATA[', this.i)) {
        if (!top) throw new XmlSyntax();
        const j = this.s.indexOf(']]>', this.i + 9);
        if (j < 0) throw new XmlSyntax();
        top.text += this.s.slice(this.i + 9, j);
        this.i = j + 3;
      } else if (this.s.startsWith('<?', this.i)) {
        if (!top) throw new XmlSyntax();
        this.skipPast('?>');
      } else {
        this.i++;
        const name = this.name();
        const frame: Frame = { name, props: [], text: '' };
        const seen = new Map<string, number>();
        const attrs = new Set<string>();
        for (;;) {
          const before = this.i;
          this.skipWs();
          const c = this.s[this.i];
          if (c === '>' || c === '/') break;
          if (this.i === before) throw new XmlSyntax();
          const attr = this.name();
          this.skipWs();
          if (this.s[this.i] !== '=') throw new XmlSyntax();
          this.i++;
          this.skipWs();
          const q = this.s[this.i];
          if (q !== '"' && q !== "'") throw new XmlSyntax();
          const end = this.s.indexOf(q, this.i + 1);
          if (end < 0) throw new XmlSyntax();
          const raw = this.s.slice(this.i + 1, end);
          if (raw.includes('<') || attrs.has(attr)) throw new XmlSyntax();
          attrs.add(attr);
          // Attribute-value normalization (XML 1.0 §3.3.3): each white-space character is a space.
          addProp(frame.props, `@${attr}`, this.decode(raw.replace(/[\t\n\r]/g, ' ')), seen);
          this.i = end + 1;
        }
        if (this.s.startsWith('/>', this.i)) {
          this.i += 2;
          this.stack.push(frame);
          this.seen.push(seen);
          const value = this.close();
          if (this.stack.length === 0) return new Map([[name, value]]);
          this.addChild(name, value);
        } else if (this.s[this.i] === '>') {
          this.i++;
          this.stack.push(frame);
          this.seen.push(seen);
        } else throw new XmlSyntax();
      }
    }
  }

  private flushText(frame: Frame, seen: Map<string, number>): void {
    const t = trimXml(frame.text);
    frame.text = '';
    if (t !== '') addProp(frame.props, '#text', t, seen);
  }

  private addChild(name: string, value: Dyn): void {
    const frame = this.stack[this.stack.length - 1]!;
    const seen = this.seen[this.seen.length - 1]!;
    this.flushText(frame, seen);
    addProp(frame.props, name, value, seen);
  }

  /** Pops the current element and returns its value. */
  private close(): Dyn {
    const frame = this.stack.pop()!;
    const seen = this.seen.pop()!;
    this.flushText(frame, seen);
    const { props } = frame;
    if (props.length === 0) return null;
    // Text alone (no attributes, no child elements) is the element's value itself.
    if (props.length === 1 && props[0]![0] === '#text' && !Array.isArray(props[0]![1])) return props[0]![1];
    return new Map(props);
  }
}

function codePoint(n: number, wellFormed: boolean): string {
  const ok = wellFormed && Number.isInteger(n) && (n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff));
  if (!ok) throw new XmlSyntax();
  return String.fromCodePoint(n);
}
