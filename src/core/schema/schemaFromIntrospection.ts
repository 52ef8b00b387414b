import { buildClientSchema, GraphQLSchema, IntrospectionQuery } from 'graphql';
import * as v from 'valibot';
import { JsonObjectSchema, isJsonObject, jsonObjectWith } from '../json/jsonObject';
import { describeValueType } from '../json/valueType';

export type SchemaErrorCode = 'not_json' | 'graphql_errors' | 'no_schema' | 'invalid_schema';

/** Why an introspection result could not be turned into a schema, with what to do about it. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    readonly code: SchemaErrorCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export interface IntrospectedSchema {
  readonly schema: GraphQLSchema;
  /** `{ __schema }`, what is cached and what buildClientSchema reads back. */
  readonly introspection: IntrospectionQuery;
  /** The schema's own types, without GraphQL's `__` introspection types. */
  readonly typeCount: number;
}

/**
 * Accepts what a server answers to the introspection query (`{ data: { __schema } }`, as text or
 * parsed) or a cached `{ __schema }`, and builds the schema from it. Anything else is a SchemaError
 * that says what was found instead.
 */
export function schemaFromIntrospection(input: unknown): IntrospectedSchema {
  const value = typeof input === 'string' ? parseJson(input) : input;
  if (!isJsonObject(value)) {
    throw new SchemaError('no_schema', `The introspection result is ${describeValueType(value)}, not a JSON object.`, FETCH_AGAIN);
  }
  const result = v.safeParse(IntrospectionResultSchema, value);
  if (!result.success) {
    const refusal = v.safeParse(RefusalSchema, value);
    if (refusal.success && refusal.output.errors.length) {
      throw new SchemaError(
        'graphql_errors',
        `The GraphQL endpoint answered the introspection query with errors: ${refusal.output.errors.join('; ')}`,
        'Introspection needs a valid token; check that this endpoint allows it.',
      );
    }
    throw new SchemaError('no_schema', 'The introspection result has no "__schema" (expected { "data": { "__schema": … } }).', FETCH_AGAIN);
  }
  const introspection = { __schema: result.output.__schema } as unknown as IntrospectionQuery;
  let schema: GraphQLSchema;
  try {
    schema = buildClientSchema(introspection);
  } catch (error) {
    throw new SchemaError('invalid_schema', `The introspection result does not describe a valid schema: ${error instanceof Error ? error.message : String(error)}`, FETCH_AGAIN);
  }
  const typeCount = Object.keys(schema.getTypeMap()).filter((name) => !name.startsWith('__')).length;
  return { schema, introspection, typeCount };
}

/** `{ __schema }`, as cached; buildClientSchema checks what is inside. */
const CachedIntrospectionSchema = jsonObjectWith({ __schema: JsonObjectSchema });

/** What a server answers to the introspection query, `{ data: { __schema } }`, or what is cached: __schema is looked for in data when there is one. */
const IntrospectionResultSchema = v.pipe(
  JsonObjectSchema,
  v.transform((value) => (isJsonObject(value.data) ? value.data : value)),
  CachedIntrospectionSchema,
);

/** A server that refuses introspection says why in errors[]: each error's message, or the error itself as JSON. */
const RefusalSchema = v.object({
  errors: v.array(
    v.union([v.pipe(jsonObjectWith({ message: v.string() }), v.transform(({ message }) => message)), v.pipe(v.unknown(), v.transform((error) => JSON.stringify(error)))]),
  ),
});

const FETCH_AGAIN = 'Run "Pipefy: Fetch Schema" again; if it keeps failing, check the account\'s GraphQL endpoint.';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const start = text.trimStart().slice(0, 40);
    throw new SchemaError(
      'not_json',
      `The introspection result is not JSON (${error instanceof Error ? error.message : String(error)})${start ? `; it starts with "${start}"` : ''}.`,
      FETCH_AGAIN,
    );
  }
}
