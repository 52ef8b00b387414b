/**
 * Pretty-prints a JSON response for the response view. It works on the text, not on parsed
 * values, so numbers are shown exactly as the server sent them (JSON.parse would turn
 * 12345678901234567890 into 12345678901234567000). Small objects and arrays stay on one line:
 * a 10 MB list of cards then takes about as many lines as it has cards, which keeps VS Code out
 * of its large-file mode (over 300,000 lines), where folding is switched off.
 *
 * Linear in the body's size, and with next to no garbage: the text is copied character by
 * character into one growing buffer, decoded once at the end. A container is first written on one
 * line; as soon as it overflows the width left, that attempt is taken back (at most a line's worth
 * of text) and the container is written one entry per line. So nested text is never copied once
 * per level of depth, and a 10 MB list of 100,000 cards makes no 100,000 small strings.
 */

export interface JsonLayoutOptions {
  readonly indent?: number;
  /** Containers whose one-line form fits in this many columns stay on one line. */
  readonly width?: number;
}

const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const BACKSLASH = 92;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const NEWLINE = 10;

/** The input must be valid JSON (the caller parsed it already); undefined when it cannot be laid out. */
export function layoutJson(raw: string, options: JsonLayoutOptions = {}): string | undefined {
  const indent = options.indent ?? 2;
  const width = options.width ?? 120;
  const length = raw.length;
  // One byte per character when the text allows, as the engine stores such strings: decoding is then a copy.
  const wide = /[\u0100-\uffff]/.test(raw);
  const buffer = (size: number) => (wide ? new Uint16Array(size) : new Uint8Array(size));
  let out = buffer(Math.max(64, length + (length >> 3)));
  let o = 0;
  let i = 0;

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
  const newLine = (depth: number) => {
    const spaces = depth * indent;
    room(spaces + 1);
    out[o++] = NEWLINE;
    out.fill(SPACE, o, o + spaces);
    o += spaces;
  };
  const skipSpace = () => {
    for (;;) {
      const c = raw.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) i++;
      else return;
    }
  };
  /** Where the string at `from` ends (after its closing quote), if within `limit` characters; -1 if not. */
  const stringEnd = (from: number, limit: number): number => {
    if (limit >= length - from) {
      // Written for good: the whole string is copied anyway, so the native search is as cheap as it gets.
      for (let j = from + 1; ; ) {
        const quote = raw.indexOf('"', j);
        if (quote < 0) return -1;
        let backslashes = 0;
        while (raw.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) return quote + 1;
        j = quote + 1;
      }
    }
    // A one-line attempt reads no further than the line has room for, however long the string.
    const end = from + limit;
    for (let j = from + 1; j < end; j++) {
      const c = raw.charCodeAt(j);
      if (c === BACKSLASH) j++;
      else if (c === QUOTE) return j + 1;
    }
    return -1;
  };
  /** Copies the string at i (quotes included) if it takes at most `limit` characters. */
  const copyString = (limit: number): boolean => {
    const start = i;
    const end = stringEnd(start, limit);
    if (end < 0) return false;
    room(end - start);
    for (let k = start; k < end; k++) out[o++] = raw.charCodeAt(k);
    i = end;
    return true;
  };
  /** Copies the number, true, false or null at i, at most `limit` characters; false if it is longer or empty. */
  const copyScalar = (limit: number): boolean => {
    const start = i;
    const end = Math.min(length, start + limit + 1);
    let j = start;
    for (; j < end; j++) {
      const d = raw.charCodeAt(j);
      if (d === COMMA || d === CLOSE_OBJECT || d === CLOSE_ARRAY || d === 32 || d === 10 || d === 13 || d === 9) break;
    }
    if (j === start || j - start > limit) return false;
    room(j - start);
    for (let k = start; k < j; k++) out[o++] = raw.charCodeAt(k);
    i = j;
    return true;
  };
  /** A container whose one-line form may take this many columns at `depth`. */
  const budgetAt = (depth: number) => width - depth * indent - 2;

  /**
   * Writes the value at i on one line if it takes at most `columns` and every container inside it
   * stays on one line at its own depth too; returns the columns taken, or -1 when it does not fit
   * (the caller takes back what was written).
   */
  const oneLine = (depth: number, columns: number): number => {
    skipSpace();
    const c = raw.charCodeAt(i);
    const start = o;
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) return oneLineContainer(depth, columns, c === OPEN_OBJECT);
    if (c === QUOTE ? !copyString(columns) : !copyScalar(columns)) return -1;
    return o - start;
  };
  const oneLineContainer = (depth: number, columns: number, isObject: boolean): number => {
    const close = isObject ? CLOSE_OBJECT : CLOSE_ARRAY;
    i++;
    skipSpace();
    if (raw.charCodeAt(i) === close) {
      i++;
      put(isObject ? OPEN_OBJECT : OPEN_ARRAY);
      put(close);
      return 2;
    }
    // Counted as the entries plus a ", " after each, within what the enclosing line has left.
    const budget = Math.min(budgetAt(depth), columns);
    let taken = 0;
    put(isObject ? OPEN_OBJECT : OPEN_ARRAY);
    if (isObject) put(SPACE);
    for (;;) {
      const entryStart = o;
      if (isObject) {
        skipSpace();
        if (raw.charCodeAt(i) !== QUOTE || !copyString(budget - taken + 1)) return -1;
        skipSpace();
        if (raw.charCodeAt(i) !== COLON) return -1;
        i++;
        put(COLON);
        put(SPACE);
      }
      const keyColumns = o - entryStart;
      if (oneLine(depth + 1, budget - taken - keyColumns - 2) < 0) return -1;
      taken += o - entryStart + 2;
      if (taken > budget) return -1;
      skipSpace();
      const next = raw.charCodeAt(i++);
      if (next === close) break;
      if (next !== COMMA) return -1;
      put(COMMA);
      put(SPACE);
    }
    if (isObject) put(SPACE);
    put(close);
    return isObject ? taken + 2 : taken;
  };

  /** Writes the value at i at `depth`: on one line if it fits, else one entry per line. */
  const write = (depth: number): void => {
    skipSpace();
    const c = raw.charCodeAt(i);
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const start = i;
      const mark = o;
      if (oneLine(depth, budgetAt(depth)) >= 0) return;
      i = start;
      o = mark;
      writeMultiline(depth, c === OPEN_OBJECT);
      return;
    }
    if (c === QUOTE ? !copyString(length) : !copyScalar(length)) throw new SyntaxError('value expected');
  };
  const writeMultiline = (depth: number, isObject: boolean): void => {
    const close = isObject ? CLOSE_OBJECT : CLOSE_ARRAY;
    i++;
    put(isObject ? OPEN_OBJECT : OPEN_ARRAY);
    for (let first = true; ; first = false) {
      if (!first) put(COMMA);
      newLine(depth + 1);
      if (isObject) {
        skipSpace();
        if (raw.charCodeAt(i) !== QUOTE || !copyString(length)) throw new SyntaxError('property name expected');
        skipSpace();
        if (raw.charCodeAt(i) !== COLON) throw new SyntaxError('colon expected');
        i++;
        put(COLON);
        put(SPACE);
      }
      write(depth + 1);
      skipSpace();
      const next = raw.charCodeAt(i++);
      if (next === close) break;
      if (next !== COMMA) throw new SyntaxError('comma expected');
    }
    newLine(depth);
    put(close);
  };

  try {
    write(0);
    skipSpace();
    if (i !== length) return undefined;
    put(NEWLINE);
    return wide ? new TextDecoder('utf-16le').decode(out.subarray(0, o)) : Buffer.from(out.buffer, 0, o).toString('latin1');
  } catch {
    // Not JSON after all, or nested deeper than the stack allows: the caller shows the text as sent.
    return undefined;
  }
}
