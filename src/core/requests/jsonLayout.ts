/**
 * Pretty-prints a JSON response for the response view. It works on the text, not on parsed
 * values, so numbers are shown exactly as the server sent them (JSON.parse would turn
 * 12345678901234567890 into 12345678901234567000). Small objects and arrays stay on one line:
 * a 10 MB list of cards then takes about as many lines as it has cards, which keeps VS Code out
 * of its large-file mode (over 300,000 lines), where folding is switched off.
 *
 * One pass, linear in the body's size. A container is held back only while it may still fit on
 * one line, which is at most a line's worth of text; once it cannot (too long, or something in it
 * spans lines), it and every container around it are written out for good, and the rest of it is
 * written as it is read. So the text of a 10 MB array is copied once, not once per level of depth.
 */

export interface JsonLayoutOptions {
  readonly indent?: number;
  /** Containers whose one-line form fits in this many columns stay on one line. */
  readonly width?: number;
}

/** A container being read: held back (entries kept) until it is known not to fit on one line. */
interface Open {
  depth: number;
  isObject: boolean;
  /** The entries read so far, while held back. */
  readonly entries: string[];
  /** The entries' lengths plus a ", " after each, as the one-line test counts them. */
  length: number;
  /** Entries started so far, for the separators once written out. */
  count: number;
  /** The key of the entry being read (`"name": `), or '' in an array or between entries. */
  key: string;
  inEntry: boolean;
  written: boolean;
}

/** The input must be valid JSON (the caller parsed it already); undefined when it cannot be laid out. */
export function layoutJson(raw: string, options: JsonLayoutOptions = {}): string | undefined {
  const indent = options.indent ?? 2;
  const width = options.width ?? 120;
  const out: string[] = [];
  // The open containers, outermost first; one record per depth, reused by each container opened
  // at that depth (a list of 100,000 small objects would otherwise make as many records).
  const open: Open[] = [];
  let openCount = 0;
  let i = 0;

  const skipSpace = () => {
    for (;;) {
      const c = raw.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) i++;
      else return;
    }
  };
  const stringEnd = (from: number): number => {
    let j = from + 1;
    for (;;) {
      const quote = raw.indexOf('"', j);
      if (quote < 0) throw new SyntaxError('unterminated string');
      let backslashes = 0;
      while (raw.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) return quote + 1;
      j = quote + 1;
    }
  };
  const lineStarts: string[] = [];
  const nextLines: string[] = [];
  const lineStart = (depth: number) => (lineStarts[depth] ??= `\n${' '.repeat(depth * indent)}`);
  const separator = (container: Open) =>
    container.count > 1 ? (nextLines[container.depth] ??= `,${lineStart(container.depth + 1)}`) : lineStart(container.depth + 1);

  /** Something inside the innermost container spans lines: it and all around it are written out. */
  const writeOut = () => {
    for (let k = 0; k < openCount; k++) {
      const container = open[k];
      if (container.written) continue;
      container.written = true;
      out.push(container.isObject ? '{' : '[');
      const started = container.count;
      container.count = 0;
      for (const entry of container.entries) {
        container.count++;
        out.push(separator(container), entry);
      }
      container.entries.length = 0;
      if (container.inEntry) {
        container.count = started;
        out.push(separator(container), container.key);
      }
    }
  };

  /** The value at i: its one-line text, or undefined once it has been written out over several lines. */
  const value = (depth: number): string | undefined => {
    skipSpace();
    const c = raw.charCodeAt(i);
    if (c === 123 || c === 91) return container(depth, c === 123);
    const start = i;
    if (c === 34) i = stringEnd(i);
    else {
      while (i < raw.length) {
        const d = raw.charCodeAt(i);
        if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
        i++;
      }
    }
    if (i === start) throw new SyntaxError('value expected');
    return raw.slice(start, i);
  };

  const container = (depth: number, isObject: boolean): string | undefined => {
    const close = isObject ? 125 : 93;
    i++;
    skipSpace();
    if (raw.charCodeAt(i) === close) {
      i++;
      return isObject ? '{}' : '[]';
    }
    const self = (open[openCount] ??= { depth, isObject, entries: [], length: 0, count: 0, key: '', inEntry: false, written: false });
    openCount++;
    self.depth = depth;
    self.isObject = isObject;
    self.entries.length = 0;
    self.length = 0;
    self.count = 0;
    self.written = false;
    const budget = width - depth * indent - 2;
    for (;;) {
      let key = '';
      if (isObject) {
        skipSpace();
        const start = i;
        i = stringEnd(i);
        key = `${raw.slice(start, i)}: `;
        skipSpace();
        if (raw.charCodeAt(i) !== 58) throw new SyntaxError('colon expected');
        i++;
      }
      self.count++;
      self.key = key;
      self.inEntry = true;
      if (self.written) {
        out.push(separator(self));
        if (key) out.push(key);
      }
      const text = value(depth + 1);
      self.inEntry = false;
      if (text !== undefined) {
        if (self.written) out.push(text);
        else {
          const entry = key + text;
          self.entries.push(entry);
          self.length += entry.length + 2;
          if (self.length > budget) writeOut();
        }
      }
      skipSpace();
      const next = raw.charCodeAt(i++);
      if (next === close) break;
      if (next !== 44) throw new SyntaxError('comma expected');
    }
    openCount--;
    if (!self.written) return isObject ? `{ ${self.entries.join(', ')} }` : `[${self.entries.join(', ')}]`;
    out.push(lineStart(depth), isObject ? '}' : ']');
    return undefined;
  };

  try {
    const text = value(0);
    if (text !== undefined) out.push(text);
    skipSpace();
    if (i !== raw.length) return undefined;
    out.push('\n');
    return out.join('');
  } catch {
    // Not JSON after all, or nested deeper than the stack allows: the caller shows the text as sent.
    return undefined;
  }
}
