/**
 * What kind of value arrived, for a message that must say what was wrong without quoting it
 * (it could be a secret): `null`, `an array`, `an object`, `a string`, `a number`…
 */
export function describeValueType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
