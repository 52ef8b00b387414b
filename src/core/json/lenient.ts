import * as v from 'valibot';

/**
 * An optional field whose value of the wrong type reads as absent: for records where one odd field
 * must not cost the rest (a stored history entry, an error envelope, a setting).
 */
export const lenient = <TSchema extends v.GenericSchema>(schema: TSchema) => v.fallback(v.optional(schema), undefined);
