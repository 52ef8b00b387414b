/**
 * Lays a JSON response out for the response view. It works on the text, not on parsed values, so
 * numbers are shown exactly as the server sent them (JSON.parse would turn 12345678901234567890
 * into 12345678901234567000).
 *
 * The text is one that JSON.parse has already taken: the runner parses every body for its errors,
 * and layoutJson asks JSON.parse first. The engine's parser is then the validator, and the layout
 * only has to tell strings from structure, which it does about three times faster than a general
 * JSON scanner (jsonc-parser's visitor took 40% of a 10 MB response's layout, building values
 * nobody reads). It is kept over JSON.parse plus a walk of the values for two reasons: the walk
 * cannot give back numbers as sent (above), and it is slower. On a 7.7 MB page of 40,000 cards in
 * plain Node (median of 7), the walk took 1.69 s for the formatted layout and this scanner 1.19 s;
 * the compact layout took 0.39 s. Only JSON.stringify(JSON.parse(body), null, 2) was faster
 * (0.28 s), and it has neither the exact numbers nor the compact layout.
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

/**
 * The layout a response view uses: formatted up to FORMATTED_MAX_LINES lines, compact beyond.
 * `parsedText` must be a text JSON.parse has taken; undefined if its brackets or strings do not
 * close, which no such text does.
 */
export function layoutResponseJson(parsedText: string): string | undefined {
  const tokens = scanParsedJson(parsedText);
  if (!tokens) return undefined;
  return writeLayout(parsedText, tokens, tokens.formattedLines <= FORMATTED_MAX_LINES ? 0 : COMPACT_WIDTH, 2);
}

/** The text laid out with `options` (formatted by default: width 0); undefined when JSON.parse does not take it. */
export function layoutJson(raw: string, options: JsonLayoutOptions = {}): string | undefined {
  try {
    JSON.parse(raw);
  } catch {
    return undefined;
  }
  const tokens = scanParsedJson(raw);
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

/** Character codes. */
const SPACE = 32;
const TAB = 9;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY_CHAR = 91;
const BACKSLASH = 92;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT_CHAR = 123;
const CLOSE_OBJECT = 125;

/**
 * Every token of `raw`, a text JSON.parse has taken, so each character outside a string is
 * whitespace, a bracket, a comma, a colon or part of a literal (number, true, false, null).
 */
function scanParsedJson(raw: string): JsonTokens | undefined {
  // About one token per 8 characters in GraphQL JSON; grown if there are more.
  let capacity = Math.max(1024, raw.length >> 3);
  let kinds = new Uint8Array(capacity);
  let offsets = new Int32Array(capacity);
  let lengths = new Int32Array(capacity);
  let widths = new Float64Array(capacity);
  let count = 0;
  let formattedLines = 1;
  // The open containers, innermost at `depth - 1`: where each opened, its one-line width so far, its entries.
  let stackSize = 64;
  let openAt = new Int32Array(stackSize);
  let soFar = new Float64Array(stackSize);
  let entries = new Int32Array(stackSize);
  let depth = 0;
  // A string right after `{`, or after a comma inside an object, is a key.
  let keyNext = false;

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
  const value = (offset: number, length: number) => {
    push(LITERAL, offset, length);
    if (depth > 0) {
      soFar[depth - 1] += length;
      entries[depth - 1]++;
    }
  };

  const end = raw.length;
  let at = 0;
  while (at < end) {
    const c = raw.charCodeAt(at);
    if (c === QUOTE) {
      let close = raw.indexOf('"', at + 1);
      while (close > 0 && isEscaped(raw, close)) close = raw.indexOf('"', close + 1);
      if (close < 0) return undefined;
      const length = close + 1 - at;
      if (keyNext) {
        push(KEY, at, length);
        soFar[depth - 1] += length + 2;
        keyNext = false;
      } else value(at, length);
      at = close + 1;
    } else if (c === OPEN_OBJECT_CHAR || c === OPEN_ARRAY_CHAR) {
      if (depth === stackSize) {
        stackSize *= 2;
        openAt = grown(openAt, new Int32Array(stackSize));
        soFar = grown(soFar, new Float64Array(stackSize));
        entries = grown(entries, new Int32Array(stackSize));
      }
      openAt[depth] = push(c === OPEN_OBJECT_CHAR ? OPEN_OBJECT : OPEN_ARRAY, at, 1);
      soFar[depth] = 0;
      entries[depth] = 0;
      depth++;
      keyNext = c === OPEN_OBJECT_CHAR;
      at++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (depth === 0) return undefined;
      push(CLOSE, at, 1);
      depth--;
      const opened = openAt[depth];
      const n = entries[depth];
      // `{ "a": 1, "b": 2 }` and `[1, 2]`: brackets, the spaces inside an object's, ", " between entries.
      const width = n === 0 ? 2 : soFar[depth] + 2 * (n - 1) + (kinds[opened] === OPEN_OBJECT ? 4 : 2);
      widths[opened] = width;
      if (n > 0) formattedLines += n + 1;
      if (depth > 0) {
        soFar[depth - 1] += width;
        entries[depth - 1]++;
      }
      keyNext = false;
      at++;
    } else if (c === COMMA) {
      keyNext = depth > 0 && kinds[openAt[depth - 1]] === OPEN_OBJECT;
      at++;
    } else if (c === COLON || isWhitespace(c)) at++;
    else {
      let after = at + 1;
      while (after < end && !endsLiteral(raw.charCodeAt(after))) after++;
      value(at, after - at);
      at = after;
    }
  }
  if (count === 0 || depth > 0) return undefined;
  return { count, kinds, offsets, lengths, oneLineWidths: widths, formattedLines };
}

/** Whether the quote at `quote` is preceded by an odd run of backslashes. */
function isEscaped(raw: string, quote: number): boolean {
  let from = quote;
  while (raw.charCodeAt(from - 1) === BACKSLASH) from--;
  return (quote - from) % 2 === 1;
}

/** JSON's whitespace: space, tab, line feed, carriage return. */
function isWhitespace(c: number): boolean {
  return c === SPACE || c === TAB || c === NEWLINE || c === CARRIAGE_RETURN;
}

function endsLiteral(c: number): boolean {
  return c === COMMA || c === CLOSE_OBJECT || c === CLOSE_ARRAY || isWhitespace(c);
}

function grown<T extends Uint8Array | Int32Array | Float64Array>(old: T, made: T): T {
  made.set(old);
  return made;
}

/** Flags of an open container while it is written. */
const OBJECT = 1;
const MULTILINE = 2;
const EMPTY = 4;

function writeLayout(raw: string, tokens: JsonTokens, width: number, indent: number): string {
  const { count, kinds, offsets, lengths, oneLineWidths } = tokens;
  // One byte per character when the text allows, as the engine stores such strings: decoding is then a copy.
  const wide = /[\u0100-\uffff]/.test(raw);
  // `out` and `o` stay local to this loop (no closure shares them), so the engine keeps them in
  // registers: the copy is most of the layout's time.
  let out: Uint8Array | Uint16Array = wide ? new Uint16Array(raw.length + (raw.length >> 2)) : new Uint8Array(raw.length + (raw.length >> 2));
  let o = 0;
  // The open containers, innermost at `depth - 1`: flags saying what each is and how it is written.
  let flags = new Uint8Array(64);
  let depth = 0;
  let keyColumns = 0;
  for (let t = 0; t < count; t++) {
    const kind = kinds[t];
    // The most one token adds: ", ", a line break and its indentation, the token, ": ".
    const most = lengths[t] + depth * indent + 6;
    if (o + most > out.length) out = grownOutput(out, o, most);
    if (kind === CLOSE) {
      const closed = flags[--depth];
      if (!(closed & EMPTY)) {
        if (closed & MULTILINE) o = newLine(out, o, depth * indent);
        else if (closed & OBJECT) out[o++] = SPACE;
      }
      out[o++] = closed & OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY;
      continue;
    }
    // An entry starts at an object's key or at an array's value.
    if (depth > 0) {
      const top = flags[depth - 1];
      if (kind === KEY || !(top & OBJECT)) {
        if (!(top & EMPTY)) out[o++] = COMMA;
        if (top & MULTILINE) o = newLine(out, o, depth * indent);
        else if (!(top & EMPTY) || top & OBJECT) out[o++] = SPACE;
        flags[depth - 1] = top & ~EMPTY;
        keyColumns = 0;
      }
    }
    if (kind === KEY || kind === LITERAL) {
      for (let k = offsets[t], end = k + lengths[t]; k < end; k++) out[o++] = raw.charCodeAt(k);
      if (kind === KEY) {
        out[o++] = COLON;
        out[o++] = SPACE;
        keyColumns = lengths[t] + 2;
      }
    } else {
      const insideOneLine = depth > 0 && !(flags[depth - 1] & MULTILINE);
      // The columns left on this line: the indentation, a key before it, a comma after it.
      const fits = width > 0 && oneLineWidths[t] <= width - depth * indent - keyColumns - 1;
      out[o++] = kind === OPEN_OBJECT ? OPEN_OBJECT_CHAR : OPEN_ARRAY_CHAR;
      if (depth === flags.length) flags = grown(flags, new Uint8Array(depth * 2));
      flags[depth++] = EMPTY | (kind === OPEN_OBJECT ? OBJECT : 0) | (insideOneLine || fits ? 0 : MULTILINE);
    }
  }
  if (o === out.length) out = grownOutput(out, o, 1);
  out[o++] = NEWLINE;
  return out instanceof Uint16Array ? new TextDecoder('utf-16le').decode(out.subarray(0, o)) : Buffer.from(out.buffer, 0, o).toString('latin1');
}

/** A line break, then `spaces` spaces; where the output goes on. */
function newLine(out: Uint8Array | Uint16Array, o: number, spaces: number): number {
  out[o] = NEWLINE;
  out.fill(SPACE, o + 1, o + 1 + spaces);
  return o + 1 + spaces;
}

function grownOutput(out: Uint8Array | Uint16Array, used: number, needed: number): Uint8Array | Uint16Array {
  const made = out instanceof Uint16Array ? new Uint16Array(Math.max(out.length * 2, used + needed)) : new Uint8Array(Math.max(out.length * 2, used + needed));
  made.set(out.subarray(0, used));
  return made;
}
