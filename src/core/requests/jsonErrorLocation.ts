import { type ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';

/**
 * Where and why a JSON text is malformed. JSON.parse says neither reliably: Node 20 gives a
 * position for some errors only, and quotes the whole input in others (a variables file can be
 * large). The text is read with jsonc-parser, in strict JSON mode, up to its first error; the
 * message says what was expected there in plain words. Run only after JSON.parse has failed.
 */
export interface JsonErrorLocation {
  readonly offset: number;
  readonly message: string;
}

/** What the text may hold next, from what the parser has read so far. */
type Expecting = 'value' | 'key' | 'colon' | 'separator';

class Found {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

export function locateJsonError(text: string): JsonErrorLocation {
  // The open containers, innermost last (true for an object), and what may come next.
  const containers: boolean[] = [];
  let expecting: Expecting = 'value';
  let lastComma = -1;
  const inObject = () => containers[containers.length - 1] === true;
  const valueEnds = () => {
    expecting = 'separator';
    lastComma = -1;
  };
  try {
    visit(
      text,
      {
        onObjectBegin: () => void (containers.push(true), (expecting = 'key')),
        onArrayBegin: () => void (containers.push(false), (expecting = 'value')),
        onObjectEnd: () => void (containers.pop(), valueEnds()),
        onArrayEnd: () => void (containers.pop(), valueEnds()),
        onObjectProperty: () => void (expecting = 'colon'),
        onLiteralValue: valueEnds,
        onSeparator: (character, offset) => {
          expecting = character === ':' ? 'value' : inObject() ? 'key' : 'value';
          lastComma = character === ',' ? offset : -1;
        },
        onError: (code, offset, length) => {
          throw describe(text, code, offset, length);
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (error) {
    if (error instanceof Found) return { offset: error.offset, message: error.message };
    // Nesting too deep for the parser's stack: JSON.parse's message is all there is.
  }
  return { offset: 0, message: 'the text is not valid JSON.' };

  function describe(text: string, code: ParseErrorCode, offset: number, length: number): Found {
    const found = text[offset];
    const close = inObject() ? '}' : ']';
    // A token the scanner could not finish: point at the character that broke it.
    switch (printParseErrorCode(code)) {
      case 'UnexpectedEndOfString': {
        const end = offset + length;
        return end < text.length
          ? new Found(end, 'a string holds a line break or control character; write it as an escape such as \\n.')
          : new Found(end, 'a string is not closed with ".');
      }
      case 'InvalidCharacter':
        return new Found(firstControlCharacter(text, offset, length), 'a string holds a line break or control character; write it as an escape such as \\n.');
      case 'InvalidEscapeCharacter': {
        const at = firstBadEscape(text, offset, length);
        return new Found(at, `"\\${text[at + 1] ?? ''}" is not a JSON escape.`);
      }
      case 'InvalidUnicode':
        return new Found(firstBadEscape(text, offset, length), '\\u must be followed by four hex digits.');
      case 'InvalidCommentToken':
        return new Found(offset, 'comments are not allowed in JSON.');
      case 'InvalidNumberFormat':
      case 'UnexpectedEndOfNumber':
        return new Found(offset, 'a number is not written as JSON writes numbers (for example 12, -3.5 or 1e6).');
    }
    // Anything else is a token where another was expected.
    if (lastComma >= 0 && (found === '}' || found === ']')) return new Found(lastComma, `a comma is not allowed before "${found}".`);
    const atEnd = found === undefined;
    const shown = atEnd ? '' : `, found "${found}"`;
    if (expecting === 'key') {
      return new Found(offset, atEnd ? 'a property name was expected, but the file ends here.' : `a property name in double quotes was expected${shown}.`);
    }
    if (expecting === 'colon') return new Found(offset, `a ":" was expected after the property name${atEnd ? ', but the file ends here' : shown}.`);
    if (expecting === 'separator') {
      if (!containers.length) return new Found(offset, `unexpected "${found}" after the end of the JSON value.`);
      const what = inObject() ? 'property value' : 'array element';
      return new Found(offset, `a "," or "${close}" was expected after the ${what}${atEnd ? ', but the file ends here' : shown}.`);
    }
    if (atEnd) return new Found(offset, 'a value is missing: the file ends here.');
    if (found === "'") return new Found(offset, 'strings must use double quotes (").');
    return new Found(offset, `unexpected "${found}"; a value (object, array, string, number, true, false or null) was expected.`);
  }
}

/** Where in the string token at `offset` the first escape JSON does not know starts. */
function firstBadEscape(text: string, offset: number, length: number): number {
  const bad = /\\(?:u(?![0-9a-fA-F]{4})|[^"\\/bfnrtu])/.exec(text.slice(offset, offset + length));
  return bad ? offset + bad.index : offset;
}

/** Where in the string token at `offset` the first raw control character is. */
function firstControlCharacter(text: string, offset: number, length: number): number {
  for (let i = offset; i < offset + length; i++) if (text.charCodeAt(i) < 0x20) return i;
  return offset;
}
