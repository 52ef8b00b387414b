/**
 * JSON tokens for colouring, read with jsonc-parser's scanner (the one VS Code uses for JSON). It
 * never throws and never drops a character: joining the token texts gives back the input exactly,
 * so malformed JSON is still shown as it came. Pure (no DOM), so it runs under Node in the unit tests.
 */
import { applyEdits, createScanner, format, type SyntaxKind } from 'jsonc-parser';

export type JsonTokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punctuation' | 'whitespace' | 'other';

export interface JsonToken {
  readonly kind: JsonTokenKind;
  readonly text: string;
}

/**
 * The colouring kind of each scanner token. SyntaxKind is a const enum, which this build cannot
 * inline, so its stable numbers are spelled out; the unit tests check every kind.
 */
const KIND_OF: Readonly<Record<number, JsonTokenKind>> = {
  1: 'punctuation', // {
  2: 'punctuation', // }
  3: 'punctuation', // [
  4: 'punctuation', // ]
  5: 'punctuation', // ,
  6: 'punctuation', // :
  7: 'null',
  8: 'boolean', // true
  9: 'boolean', // false
  10: 'string',
  11: 'number',
  14: 'whitespace', // line break
  15: 'whitespace',
};
const EOF: SyntaxKind = 17 as SyntaxKind;

export function tokenizeJson(text: string): JsonToken[] {
  const tokens: Array<{ kind: JsonTokenKind; text: string }> = [];
  const scanner = createScanner(text, false);
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    const piece = text.slice(offset, offset + scanner.getTokenLength());
    // Comments and anything unexpected are kept as plain text, merged with their neighbours.
    const kind = KIND_OF[token] ?? 'other';
    const last = tokens[tokens.length - 1];
    if (kind === 'other' && last?.kind === 'other') last.text += piece;
    else tokens.push({ kind, text: piece });
  }
  markKeys(tokens);
  return tokens;
}

/** A string followed (past any whitespace) by a colon is an object key. */
function markKeys(tokens: Array<{ kind: JsonTokenKind; text: string }>): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== 'string') continue;
    let next = i + 1;
    while (tokens[next]?.kind === 'whitespace') next++;
    if (tokens[next]?.kind === 'punctuation' && tokens[next].text === ':') tokens[i].kind = 'key';
  }
}

/**
 * Indented JSON when the text is JSON; otherwise the text unchanged. Formatted as text, so every
 * number keeps the digits the server sent (parsing and printing would round 12345678901234567890).
 */
export function prettyJson(text: string): { readonly text: string; readonly isJson: boolean } {
  try {
    JSON.parse(text);
  } catch {
    return { text, isJson: false };
  }
  return { text: applyEdits(text, format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' })), isJson: true };
}
