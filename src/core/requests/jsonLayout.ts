/**
 * Pretty-prints a JSON response for the response view. It works on the text, not on parsed
 * values, so numbers are shown exactly as the server sent them (JSON.parse would turn
 * 12345678901234567890 into 12345678901234567000). Small objects and arrays stay on one line:
 * a 10 MB list of cards then takes about as many lines as it has cards, which keeps VS Code out
 * of its large-file mode (over 300,000 lines), where folding is switched off.
 */

export interface JsonLayoutOptions {
  readonly indent?: number;
  /** Containers whose one-line form fits in this many columns stay on one line. */
  readonly width?: number;
}

interface Laid {
  readonly text: string;
  readonly multiline: boolean;
}

/** The input must be valid JSON (the caller parsed it already); undefined when it cannot be laid out. */
export function layoutJson(raw: string, options: JsonLayoutOptions = {}): string | undefined {
  const indent = options.indent ?? 2;
  const width = options.width ?? 120;
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
  const value = (depth: number): Laid => {
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
    return { text: raw.slice(start, i), multiline: false };
  };
  const container = (depth: number, isObject: boolean): Laid => {
    const close = isObject ? 125 : 93;
    i++;
    skipSpace();
    if (raw.charCodeAt(i) === close) {
      i++;
      return { text: isObject ? '{}' : '[]', multiline: false };
    }
    const entries: string[] = [];
    let multiline = false;
    let length = 0;
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
      const laid = value(depth + 1);
      const entry = key + laid.text;
      entries.push(entry);
      multiline ||= laid.multiline;
      length += entry.length + 2;
      skipSpace();
      const next = raw.charCodeAt(i++);
      if (next === close) break;
      if (next !== 44) throw new SyntaxError('comma expected');
    }
    if (!multiline && length + depth * indent + 2 <= width) {
      return { text: isObject ? `{ ${entries.join(', ')} }` : `[${entries.join(', ')}]`, multiline: false };
    }
    const inner = ' '.repeat((depth + 1) * indent);
    const outer = ' '.repeat(depth * indent);
    return {
      text: `${isObject ? '{' : '['}\n${inner}${entries.join(`,\n${inner}`)}\n${outer}${isObject ? '}' : ']'}`,
      multiline: true,
    };
  };

  try {
    const laid = value(0);
    skipSpace();
    return i === raw.length ? `${laid.text}\n` : undefined;
  } catch {
    // Not JSON after all, or nested deeper than the stack allows: the caller shows the text as sent.
    return undefined;
  }
}
