import { visit } from 'jsonc-parser';

/**
 * Lays a JSON response out for the response view. It works on the text, not on parsed values, so
 * numbers are shown exactly as the server sent them (JSON.parse would turn 12345678901234567890
 * into 12345678901234567000). The text is read with jsonc-parser's visitor, the scanner VS Code
 * itself uses for JSON, in strict JSON mode (no comments, no trailing commas).
 *
 * Two layouts:
 * - formatted, as a JSON formatter does (JSON.stringify(value, null, 2)): one property per line,
 *   indented, so a response reads top to bottom in a narrow side-by-side editor;
 * - compact, for bodies too long for that: an object or array whose one-line form fits in the
 *   width left on its line stays on that line, so a list of 100,000 cards takes about 100,000 lines.
 *
 * Linear in the body's size: one pass records where each token is and how wide each container
 * would be on one line, a second copies the tokens into one buffer, decoded once at the end.
 */

export interface JsonLayoutOptions {
  readonly indent?: number;
  /** Containers whose one-line form fits in this many columns stay on one line; 0 lays out every entry on a line of its own. */
  readonly width?: number;
}

/**
 * The formatted layout is used while it takes at most this many lines. Past it a body is a long
 * list, read one item per line: formatted, the sandbox's 10 MB list of 100,000 cards would take
 * 400,000 lines, over the 300,000 at which VS Code stops tokenizing a model (no folding, and no
 * CodeLenses, which carry the view's status and errors) and over the view's own cut. 100,000 lines
 * (a few MB of typical GraphQL JSON) keeps a formatted body well clear of both.
 */
export const FORMATTED_MAX_LINES = 100_000;
/** The compact layout's width: a card or a row that fits in it stays on one line. */
export const COMPACT_WIDTH = 120;

/** The layout a response view uses: formatted up to FORMATTED_MAX_LINES lines, compact beyond; undefined when not JSON. */
export function layoutResponseJson(raw: string): string | undefined {
  const tokens = scanJson(raw);
  if (!tokens) return undefined;
  return writeLayout(raw, tokens, tokens.formattedLines <= FORMATTED_MAX_LINES ? 0 : COMPACT_WIDTH, 2);
}

/** The text laid out with `options` (formatted by default: width 0); undefined when it is not strict JSON. */
export function layoutJson(raw: string, options: JsonLayoutOptions = {}): string | undefined {
  const tokens = scanJson(raw);
  return tokens && writeLayout(raw, tokens, options.width ?? 0, options.indent ?? 2);
}

const OPEN_OBJECT = 1;
const OPEN_ARRAY = 2;
const CLOSE = 3;
const KEY = 4;
const LITERAL = 5;

/** Every token of a JSON text that the layout copies or decides on, in order, as parallel arrays. */
interface JsonTokens {
  count: number;
  kinds: Uint8Array;
  offsets: Int32Array;
  lengths: Int32Array;
  /** For an opening token: the width of the container written on one line (capped); 0 otherwise. */
  oneLineWidths: Float64Array;
  /** How many lines the formatted layout takes. */
  formattedLines: number;
}

function scanJson(raw: string): JsonTokens | undefined {
  // About one token per 8 characters in GraphQL JSON; grown if there are more.
  let capacity = Math.max(1024, raw.length >> 3);
  let kinds = new Uint8Array(capacity);
  let offsets = new Int32Array(capacity);
  let lengths = new Int32Array(capacity);
  let widths = new Float64Array(capacity);
  let count = 0;
  let failed = false;
  let formattedLines = 1;
  // The open containers, innermost at `depth - 1`: where each opened, its one-line width so far, its entries.
  let stackSize = 64;
  let openAt = new Int32Array(stackSize);
  let soFar = new Float64Array(stackSize);
  let entries = new Int32Array(stackSize);
  let depth = 0;

  const push = (kind: number, offset: number, length: number): number => {
    if (count === capacity) {
      capacity *= 2;
      kinds = grown(kinds, new Uint8Array(capacity));
      offsets = grown(offsets, new Int32Array(capacity));
      lengths = grown(lengths, new Int32Array(capacity));
      widths = grown(widths, new Float64Array(capacity));
    }
    kinds[count] = kind;
    offsets[count] = offset;
    lengths[count] = length;
    return count++;
  };
  const open = (kind: number, offset: number) => {
    if (depth === stackSize) {
      stackSize *= 2;
      openAt = grown(openAt, new Int32Array(stackSize));
      soFar = grown(soFar, new Float64Array(stackSize));
      entries = grown(entries, new Int32Array(stackSize));
    }
    openAt[depth] = push(kind, offset, 1);
    soFar[depth] = 0;
    entries[depth] = 0;
    depth++;
  };
  const close = (offset: number) => {
    push(CLOSE, offset, 1);
    depth--;
    const at = openAt[depth];
    const n = entries[depth];
    // `{ "a": 1, "b": 2 }` and `[1, 2]`: brackets, the spaces inside an object's, ", " between entries.
    const width = n === 0 ? 2 : soFar[depth] + 2 * (n - 1) + (kinds[at] === OPEN_OBJECT ? 4 : 2);
    widths[at] = width;
    if (n > 0) formattedLines += n + 1;
    if (depth > 0) {
      soFar[depth - 1] += width;
      entries[depth - 1]++;
    }
  };

  visit(
    raw,
    {
      onObjectBegin: (offset) => open(OPEN_OBJECT, offset),
      onArrayBegin: (offset) => open(OPEN_ARRAY, offset),
      onObjectEnd: (offset) => close(offset),
      onArrayEnd: (offset) => close(offset),
      onObjectProperty: (_name, offset, length) => {
        push(KEY, offset, length);
        soFar[depth - 1] += length + 2;
      },
      onLiteralValue: (_value, offset, length) => {
        push(LITERAL, offset, length);
        if (depth > 0) {
          soFar[depth - 1] += length;
          entries[depth - 1]++;
        }
      },
      onError: () => {
        failed = true;
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (failed || count === 0 || depth > 0) return undefined;
  return { count, kinds, offsets, lengths, oneLineWidths: widths, formattedLines };
}

function grown<T extends Uint8Array | Int32Array | Float64Array>(old: T, made: T): T {
  made.set(old);
  return made;
}

const SPACE = 32;
const COMMA = 44;
const COLON = 58;
const NEWLINE = 10;
const OPEN_OBJECT_CHAR = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY_CHAR = 91;
const CLOSE_ARRAY = 93;
/** Flags of an open container while it is written. */
const OBJECT = 1;
const MULTILINE = 2;
const EMPTY = 4;

function writeLayout(raw: string, tokens: JsonTokens, width: number, indent: number): string {
  const { count, kinds, offsets, lengths, oneLineWidths } = tokens;
  // One byte per character when the text allows, as the engine stores such strings: decoding is then a copy.
  const wide = /[\u0100-\uffff]/.test(raw);
  const buffer = (size: number) => (wide ? new Uint16Array(size) : new Uint8Array(size));
  let out = buffer(Math.max(64, raw.length + (raw.length >> 2)));
  let o = 0;
  const room = (needed: number) => {
    if (o + needed <= out.length) return;
    const grown = buffer(Math.max(out.length * 2, o + needed));
    grown.set(out.subarray(0, o));
    out = grown;
  };
  const put = (c: number) => {
    if (o === out.length) room(1);
    out[o++] = c;
  };
  const copy = (token: number) => {
    const start = offsets[token];
    const end = start + lengths[token];
    room(end - start);
    for (let k = start; k < end; k++) out[o++] = raw.charCodeAt(k);
  };
  const newLine = (depth: number) => {
    const spaces = depth * indent;
    room(spaces + 1);
    out[o++] = NEWLINE;
    out.fill(SPACE, o, o + spaces);
    o += spaces;
  };

  // The open containers, innermost at `depth - 1`: flags saying what each is and how it is written.
  let flags = new Uint8Array(64);
  let depth = 0;
  let keyColumns = 0;
  for (let t = 0; t < count; t++) {
    const kind = kinds[t];
    if (kind === CLOSE) {
      const closed = flags[--depth];
      if (!(closed & EMPTY)) {
        if (closed & MULTILINE) newLine(depth);
        else if (closed & OBJECT) put(SPACE);
      }
      put(closed & OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY);
      continue;
    }
    // An entry starts at an object's key or at an array's value.
    if (depth > 0) {
      const top = flags[depth - 1];
      if (kind === KEY || !(top & OBJECT)) {
        if (!(top & EMPTY)) put(COMMA);
        if (top & MULTILINE) newLine(depth);
        else if (!(top & EMPTY) || top & OBJECT) put(SPACE);
        flags[depth - 1] = top & ~EMPTY;
        keyColumns = 0;
      }
    }
    if (kind === KEY) {
      copy(t);
      put(COLON);
      put(SPACE);
      keyColumns = lengths[t] + 2;
    } else if (kind === LITERAL) copy(t);
    else {
      const insideOneLine = depth > 0 && !(flags[depth - 1] & MULTILINE);
      // The columns left on this line: the indentation, a key before it, a comma after it.
      const fits = width > 0 && oneLineWidths[t] <= width - depth * indent - keyColumns - 1;
      put(kind === OPEN_OBJECT ? OPEN_OBJECT_CHAR : OPEN_ARRAY_CHAR);
      if (depth === flags.length) flags = grown(flags, new Uint8Array(depth * 2));
      flags[depth++] = EMPTY | (kind === OPEN_OBJECT ? OBJECT : 0) | (insideOneLine || fits ? 0 : MULTILINE);
    }
  }
  put(NEWLINE);
  return wide ? new TextDecoder('utf-16le').decode(out.subarray(0, o)) : Buffer.from(out.buffer, 0, o).toString('latin1');
}
