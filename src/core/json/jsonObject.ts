/**
 * Whether a parsed JSON value is an object (`{…}`): not null, not an array, not a primitive. The
 * one place this is decided, so that no reader takes an array's indexes for fields. (valibot's
 * record and object schemas copy their input, so an array would pass them as an empty object.)
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
