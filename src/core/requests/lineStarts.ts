/**
 * Lines of a request or variables file. `\r\n`, `\n` and `\r` each end a line, as in GraphQL, so
 * a line number here is the one graphql-js reports and the editor shows.
 */

/** The offset at which each line starts, the first at 0; only the lines that start at or before `end`. */
export function lineStartOffsets(text: string, end = text.length): number[] {
  const starts = [0];
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** 1-based line and column of an offset, like the editor's status bar. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const end = Math.min(Math.max(0, offset), text.length);
  const starts = lineStartOffsets(text, end);
  return { line: starts.length, column: end - starts[starts.length - 1] + 1 };
}
