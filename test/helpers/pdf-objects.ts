import { inflateSync } from 'node:zlib';

/**
 * A small reader for the PDFs this project writes (PDFKit: plain indirect objects, a classic xref
 * table, Flate-compressed content streams), enough to check the structure tree, the catalog and the
 * metadata from the bytes themselves, with no external tool.
 */
export class Name {
  constructor(readonly name: string) {}
}
export class Ref {
  constructor(readonly num: number) {}
}
export type Value = number | boolean | null | string | Name | Ref | Value[] | Dict;
export interface Dict {
  [key: string]: Value;
}

interface PdfObject {
  value: Value;
  stream?: Buffer;
}

export class PdfFile {
  readonly objects = new Map<number, PdfObject>();
  readonly trailer: Dict;

  constructor(readonly bytes: Buffer) {
    const text = bytes.toString('latin1');
    for (const m of text.matchAll(/(?:^|[\r\n])(\d+) 0 obj\b/g)) {
      const lexer = new Lexer(text, m.index! + m[0].length);
      const value = lexer.value();
      const after = lexer.peekKeyword();
      let stream: Buffer | undefined;
      if (after === 'stream') {
        let start = text.indexOf('stream', lexer.pos) + 'stream'.length;
        if (text[start] === '\r') start++;
        if (text[start] === '\n') start++;
        const length = (value as Dict).Length;
        stream = bytes.subarray(start, start + (typeof length === 'number' ? length : Number(this.resolve(length as Value))));
      }
      this.objects.set(Number(m[1]), { value, ...(stream && { stream }) });
    }
    const at = text.lastIndexOf('trailer');
    this.trailer = new Lexer(text, at + 'trailer'.length).value() as Dict;
  }

  /** Follow a reference (or return the value itself). */
  resolve(v: Value | undefined): Value | undefined {
    return v instanceof Ref ? this.objects.get(v.num)?.value : v;
  }

  dict(v: Value | undefined): Dict {
    const d = this.resolve(v);
    if (!d || typeof d !== 'object' || Array.isArray(d) || d instanceof Name || d instanceof Ref) throw new Error(`not a dictionary: ${String(d)}`);
    return d as Dict;
  }

  /** A stream's bytes, inflated if it is Flate-compressed. */
  stream(v: Value | undefined): Buffer {
    if (!(v instanceof Ref)) throw new Error('a stream must be referenced');
    const obj = this.objects.get(v.num);
    if (!obj?.stream) throw new Error(`object ${v.num} is not a stream`);
    const filter = (obj.value as Dict).Filter;
    return filter instanceof Name && filter.name === 'FlateDecode' ? inflateSync(obj.stream) : obj.stream;
  }

  get catalog(): Dict {
    return this.dict(this.trailer.Root);
  }
}

/** Decode a PDF text string: UTF-16BE with a byte-order mark, else PDFDocEncoding (Latin-1 here). */
function textString(raw: string): string {
  if (raw.startsWith('\u00fe\u00ff')) {
    return Buffer.from(raw.slice(2), 'latin1').swap16().toString('utf16le');
  }
  return raw;
}

class Lexer {
  constructor(
    readonly text: string,
    public pos: number,
  ) {}

  private skip(): void {
    for (;;) {
      while (this.pos < this.text.length && /[\s\0]/.test(this.text[this.pos]!)) this.pos++;
      if (this.text[this.pos] !== '%') return;
      while (this.pos < this.text.length && !/[\r\n]/.test(this.text[this.pos]!)) this.pos++;
    }
  }

  /** The keyword (or content-stream operator: "f*", "T*", "'", "d0") at the current position, if any. */
  peekKeyword(): string {
    this.skip();
    return /^(?:[a-zA-Z][a-zA-Z0-9*]*|'|")/.exec(this.text.slice(this.pos, this.pos + 20))?.[0] ?? '';
  }

  value(): Value {
    this.skip();
    const t = this.text;
    const c = t[this.pos];
    if (t.startsWith('<<', this.pos)) {
      this.pos += 2;
      const dict: Dict = {};
      for (;;) {
        this.skip();
        if (t.startsWith('>>', this.pos)) {
          this.pos += 2;
          return dict;
        }
        const key = this.value();
        if (!(key instanceof Name)) throw new Error(`dictionary key expected at ${this.pos}`);
        dict[key.name] = this.value();
      }
    }
    if (c === '[') {
      this.pos++;
      const list: Value[] = [];
      for (;;) {
        this.skip();
        if (t[this.pos] === ']') {
          this.pos++;
          return list;
        }
        list.push(this.value());
      }
    }
    if (c === '/') {
      const m = /^\/([^\s/<>[\]()%{}]*)/.exec(t.slice(this.pos, this.pos + 200))!;
      this.pos += m[0].length;
      return new Name(m[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))));
    }
    if (c === '(') return this.literal();
    if (c === '<') {
      const end = t.indexOf('>', this.pos);
      const hex = t.slice(this.pos + 1, end).replace(/\s/g, '');
      this.pos = end + 1;
      return textString(Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex').toString('latin1'));
    }
    const ref = /^(\d+) (\d+) R\b/.exec(t.slice(this.pos, this.pos + 30));
    if (ref) {
      this.pos += ref[0].length;
      return new Ref(Number(ref[1]));
    }
    const num = /^[+-]?(\d+\.?\d*|\.\d+)/.exec(t.slice(this.pos, this.pos + 30));
    if (num) {
      this.pos += num[0].length;
      return Number(num[0]);
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    throw new Error(`unexpected ${JSON.stringify(t.slice(this.pos, this.pos + 20))} at ${this.pos}`);
  }

  private literal(): string {
    const t = this.text;
    let depth = 0;
    let out = '';
    const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    for (;;) {
      const c = t[this.pos++]!;
      if (c === '(') {
        if (depth++ > 0) out += c;
      } else if (c === ')') {
        if (--depth === 0) return textString(out);
        out += c;
      } else if (c === '\\') {
        const n = t[this.pos]!;
        const octal = /^[0-7]{1,3}/.exec(t.slice(this.pos, this.pos + 3));
        if (octal) {
          out += String.fromCharCode(parseInt(octal[0], 8));
          this.pos += octal[0].length;
        } else if (n === '\r' || n === '\n') {
          this.pos += t.startsWith('\r\n', this.pos) ? 2 : 1;
        } else {
          out += escapes[n] ?? n;
          this.pos++;
        }
      } else {
        out += c;
      }
    }
  }
}

/** One structure element: its tag, attributes, the marked-content ids it owns, and its children. */
export interface StructNode {
  tag: string;
  alt?: string;
  mcids: number[];
  kids: StructNode[];
}

/** The structure tree from StructTreeRoot, children in /K order (which is the reading order). */
export function structTree(pdf: PdfFile): StructNode[] {
  const root = pdf.dict(pdf.catalog.StructTreeRoot);
  const seen = new Set<number>();
  const walk = (v: Value): StructNode[] => {
    if (typeof v === 'number') return [];
    if (!(v instanceof Ref)) throw new Error('structure kids must be references or MCIDs');
    if (seen.has(v.num)) throw new Error(`structure element ${v.num} appears twice`);
    seen.add(v.num);
    const d = pdf.dict(v);
    const kids = d.K === undefined ? [] : Array.isArray(d.K) ? d.K : [d.K];
    const node: StructNode = {
      tag: (d.S as Name).name,
      mcids: kids.filter((k): k is number => typeof k === 'number'),
      kids: kids.flatMap((k) => walk(k)),
    };
    if (typeof d.Alt === 'string') node.alt = d.Alt;
    return [node];
  };
  const kids = root.K === undefined ? [] : Array.isArray(root.K) ? root.K : [root.K];
  return kids.flatMap((k) => walk(k));
}

/** What the first page's content stream says: the text of each MCID, and what sits outside any tag. */
export interface PageContent {
  /** MCID -> its text, exactly as drawn (no spaces are added between lines: the PDF must carry them). */
  text: Map<number, string>;
  /** MCIDs in the order they are drawn. */
  order: number[];
  /** Painting operators (fill/stroke/image) found outside a tagged or artifact sequence. */
  untagged: string[];
  /** Painting operators inside artifact sequences. */
  artifacts: number;
  /** The fill colours text is drawn in (`rg` in effect at each Tj/TJ), as "#rrggbb". */
  textColors: Set<string>;
}

export function pageContent(pdf: PdfFile): PageContent {
  const pages = pdf.dict(pdf.catalog.Pages);
  const page = pdf.dict((pages.Kids as Value[])[0]);
  const fonts = pdf.dict(pdf.dict(page.Resources).Font);
  const cmaps = new Map<string, Map<number, string>>();
  for (const [name, ref] of Object.entries(fonts)) {
    cmaps.set(name, toUnicode(pdf.stream(pdf.dict(ref).ToUnicode)));
  }
  const contents = Array.isArray(page.Contents) ? page.Contents : [page.Contents!];
  const ops = contents.map((c) => pdf.stream(c).toString('latin1')).join('\n');

  const result: PageContent = { text: new Map(), order: [], untagged: [], artifacts: 0, textColors: new Set() };
  const stack: Array<number | 'artifact' | 'other'> = [];
  let font = '';
  const savedFonts: string[] = [];
  let fill = '#000000';
  const savedFills: string[] = [];
  const hex2 = (v: Value) => Math.round((v as number) * 255).toString(16).padStart(2, '0');
  const operands: Value[] = [];
  const lexer = new Lexer(ops, 0);
  const current = () => [...stack].reverse().find((s) => s !== 'other');
  for (;;) {
    const kw = lexer.peekKeyword();
    if (lexer.pos >= ops.length) break;
    if (!kw || /^(true|false|null)$/.test(kw)) {
      operands.push(lexer.value());
      continue;
    }
    lexer.pos += kw.length;
    const tag = current();
    switch (kw) {
      case 'BDC': {
        const [name, props] = operands as [Name, Dict];
        if (name.name === 'Artifact') stack.push('artifact');
        else if (typeof props?.MCID === 'number') {
          stack.push(props.MCID);
          result.order.push(props.MCID);
        } else stack.push('other');
        break;
      }
      case 'BMC':
        stack.push((operands[0] as Name).name === 'Artifact' ? 'artifact' : 'other');
        break;
      case 'EMC':
        stack.pop();
        break;
      case 'Tf':
        font = (operands[0] as Name).name;
        break;
      // The font and the fill colour are part of the graphics state: Q brings back the ones in effect at q.
      case 'q':
        savedFonts.push(font);
        savedFills.push(fill);
        break;
      case 'Q':
        font = savedFonts.pop() ?? '';
        fill = savedFills.pop() ?? '#000000';
        break;
      case 'rg':
        fill = `#${operands.slice(-3).map(hex2).join('')}`;
        break;
      case 'Tj':
      case 'TJ': {
        const parts = kw === 'Tj' ? [operands[0]] : (operands[0] as Value[]);
        const map = cmaps.get(font);
        if (!map) throw new Error(`text drawn with no font set (font "${font}")`);
        result.textColors.add(fill);
        const decoded = parts
          .filter((p): p is string => typeof p === 'string')
          .map((s) => {
            let out = '';
            for (let i = 0; i + 1 < s.length; i += 2) out += map.get((s.charCodeAt(i) << 8) | s.charCodeAt(i + 1)) ?? '\uFFFD';
            return out;
          })
          .join('');
        if (typeof tag === 'number') append(tag, decoded);
        else if (tag !== 'artifact') result.untagged.push(`text ${JSON.stringify(decoded)}`);
        break;
      }
      case 'f':
      case 'F':
      case 'f*':
      case 'S':
      case 'B':
      case 'Do':
        if (tag === 'artifact') result.artifacts++;
        else if (tag === undefined) result.untagged.push(kw);
        break;
    }
    operands.length = 0;
  }
  return result;

  function append(mcid: number, s: string) {
    result.text.set(mcid, (result.text.get(mcid) ?? '') + s);
  }
}

/** Glyph id -> text, from a ToUnicode CMap (bfchar and bfrange, as PDFKit writes them). */
function toUnicode(cmap: Buffer): Map<number, string> {
  const text = cmap.toString('latin1');
  const map = new Map<number, string>();
  // A ligature maps to several code units, written with spaces: <0066 006c> is "fl".
  const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex').swap16().toString('utf16le');
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(m[1]!, 16), hex(m[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        [...m[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((d, i) => map.set(lo + i, hex(d[1]!)));
      } else {
        const start = parseInt(m[3]!.slice(1, -1), 16);
        for (let g = lo; g <= hi; g++) map.set(g, String.fromCodePoint(start + g - lo));
      }
    }
  }
  return map;
}

/** Depth-first list of a tree's tags, for order checks. */
export function flatten(nodes: StructNode[], depth = 0): Array<{ tag: string; depth: number; node: StructNode }> {
  return nodes.flatMap((n) => [{ tag: n.tag, depth, node: n }, ...flatten(n.kids, depth + 1)]);
}
