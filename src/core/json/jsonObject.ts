import * as v from 'valibot';

// valibot's object schemas take arrays too (an array is an object in JavaScript); a JSON object here
// is what `{…}` parses to, so that a field read from it is never an array index.
const JsonObjectSchema = v.pipe(
  v.record(v.string(), v.unknown()),
  v.check((value) => !Array.isArray(value)),
);

/** Whether a parsed JSON value is an object (`{…}`): not null, not an array, not a primitive. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return v.is(JsonObjectSchema, value);
}
