import * as v from 'valibot';

/**
 * Whether a parsed JSON value is an object (`{…}`): not null, not an array, not a primitive. The
 * one place this is decided, so that no reader takes an array's indexes for fields. (valibot's
 * record and object schemas copy their input, so an array would pass them as an empty object.)
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** isJsonObject as a schema, for schemas that read JSON. */
export const JsonObjectSchema = v.custom<Record<string, unknown>>(isJsonObject);

/** A JSON object read for these fields; an array is refused, where v.object alone would take it as an object without them. */
export function jsonObjectWith<const TEntries extends v.ObjectEntries>(entries: TEntries) {
  return v.pipe(JsonObjectSchema, v.object(entries));
}
