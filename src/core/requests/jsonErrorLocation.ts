/**
 * Where and why a JSON text is malformed. JSON.parse says neither reliably: Node 20 gives a
 * position for some errors only, and quotes the whole input in others (a variables file can be
 * large). Run only after JSON.parse has failed, so its speed does not matter.
 */
export interface JsonErrorLocation {
  readonly offset: number;
  readonly message: string;
}

class Found extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

export function locateJsonError(text: string): JsonErrorLocation {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new Found(at, message);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (char: string, message: string) => {
    if (text[i] !== char) fail(text[i] === undefined ? `${message}, but the file ends here.` : `${message}, found "${text[i]}".`);
    i++;
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('a string is not closed with ".');
      if (c === '"') return void i++;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u must be followed by four hex digits.');
          i += 6;
        } else if (next !== undefined && ESCAPES.has(next)) i += 2;
        else fail(`"\\${next ?? ''}" is not a JSON escape.`);
      } else if (c.charCodeAt(0) < 0x20) fail('a string holds a line break or control character; write it as an escape such as \\n.');
      else i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === undefined) return fail('a value is missing: the file ends here.');
    if (c === '{') return members('}', true);
    if (c === '[') return members(']', false);
    if (c === '"') return string();
    for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, i)) return void (i += literal.length);
    NUMBER.lastIndex = i;
    if ((c === '-' || (c >= '0' && c <= '9')) && NUMBER.test(text)) return void (i = NUMBER.lastIndex);
    fail(c === "'" ? 'strings must use double quotes (").' : `unexpected "${c}"; a value (object, array, string, number, true, false or null) was expected.`);
  };
  const members = (close: string, isObject: boolean) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      if (isObject) {
        space();
        if (text[i] !== '"') fail(text[i] === undefined ? 'a property name was expected, but the file ends here.' : `a property name in double quotes was expected, found "${text[i]}".`);
        string();
        space();
        expect(':', 'a ":" was expected after the property name');
      }
      value();
      space();
      if (text[i] === ',') {
        const comma = i++;
        space();
        if (text[i] === close) fail(`a comma is not allowed before "${close}".`, comma);
        continue;
      }
      expect(close, `a "," or "${close}" was expected after the ${isObject ? 'property value' : 'array element'}`);
      return;
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail(`unexpected "${text[i]}" after the end of the JSON value.`);
  } catch (error) {
    if (error instanceof Found) return { offset: error.offset, message: error.message };
    // Nesting too deep for this scanner: JSON.parse's message is all there is.
  }
  return { offset: 0, message: 'the text is not valid JSON.' };
}
