/**
 * Small building blocks for checking messages that arrive from a webview. A webview is a web page:
 * whatever it posts is untrusted input, so every field is checked for type, length and presence,
 * and unknown fields make the message invalid rather than being carried along unseen.
 */

export type Check = (value: unknown) => boolean;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string no longer than `maxLength` (in UTF-16 units), so a huge payload is refused early. */
export function boundedString(maxLength: number, options: { nonEmpty?: boolean } = {}): Check {
  return (value) => typeof value === 'string' && value.length <= maxLength && (!options.nonEmpty || value.length > 0);
}

export function oneOf(values: readonly string[]): Check {
  return (value) => typeof value === 'string' && values.includes(value);
}

export function literal(expected: string | boolean): Check {
  return (value) => value === expected;
}

export const isBoolean: Check = (value) => typeof value === 'boolean';

export function optional(check: Check): Check {
  return (value) => value === undefined || check(value);
}

/**
 * An object with exactly the given fields (optional ones may be absent), each passing its check.
 * Prototype-polluting or surplus keys fail the whole object.
 */
export function exactObject(shape: Readonly<Record<string, Check>>): Check {
  const allowed = new Set(Object.keys(shape));
  return (value) => {
    if (!isRecord(value)) return false;
    for (const key of Object.keys(value)) if (!allowed.has(key)) return false;
    for (const [key, check] of Object.entries(shape)) if (!check(value[key])) return false;
    return true;
  };
}

/** A union discriminated by `field`: the value of that field picks which shape applies. */
export function taggedUnion(field: string, variants: Readonly<Record<string, Check>>): Check {
  return (value) => {
    if (!isRecord(value)) return false;
    const tag = value[field];
    if (typeof tag !== 'string' || !Object.prototype.hasOwnProperty.call(variants, tag)) return false;
    return variants[tag](value);
  };
}
