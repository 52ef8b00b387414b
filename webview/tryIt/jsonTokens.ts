/**
 * A tiny JSON tokenizer for colouring. It never throws and never drops a character: joining the
 * token texts gives back the input exactly, so malformed JSON is still shown as it came. Pure (no
 * DOM), so it runs under Node in the unit tests.
 */

export type JsonTokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punctuation' | 'whitespace' | 'other';

export interface JsonToken {
  readonly kind: JsonTokenKind;
  readonly text: string;
}

// One alternative per kind; sticky so each match must start where the previous one ended. Raw
// control characters are not allowed inside JSON strings, hence the range the rule below flags.
// eslint-disable-next-line no-control-regex
const TOKEN = /("(?:[^"\\\u0000-\u001f]|\\.)*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false)|(null)|([{}[\]:,])|(\s+)/y;
const KINDS: readonly JsonTokenKind[] = ['string', 'number', 'boolean', 'null', 'punctuation', 'whitespace'];

export function tokenizeJson(text: string): JsonToken[] {
  const tokens: Array<{ kind: JsonTokenKind; text: string }> = [];
  let index = 0;
  while (index < text.length) {
    TOKEN.lastIndex = index;
    const match = TOKEN.exec(text);
    if (!match) {
      // Anything unexpected is kept as plain text, merged with its neighbours.
      const last = tokens[tokens.length - 1];
      if (last?.kind === 'other') last.text += text[index];
      else tokens.push({ kind: 'other', text: text[index] });
      index += 1;
      continue;
    }
    const group = match.findIndex((value, i) => i > 0 && value !== undefined);
    tokens.push({ kind: KINDS[group - 1], text: match[0] });
    index += match[0].length;
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

/** Indented JSON when the text parses as JSON; otherwise the text unchanged. */
export function prettyJson(text: string): { readonly text: string; readonly isJson: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(text), null, 2), isJson: true };
  } catch {
    return { text, isJson: false };
  }
}
