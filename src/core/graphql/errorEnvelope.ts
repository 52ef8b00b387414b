import * as v from 'valibot';
import { statusText } from '../http/statusText';
import { JsonObjectSchema, isJsonObject, jsonObjectWith } from '../json/jsonObject';
import { lenient } from '../json/lenient';

/** One error the API reported, whatever envelope it came in: what the notification, the lenses and the history show. */
export interface GraphQLErrorSummary {
  readonly message: string;
  readonly code?: string;
  readonly correlationId?: string;
  readonly path?: ReadonlyArray<string | number>;
}

type Json = Record<string, unknown>;

const NonBlank = v.pipe(v.string(), v.check((text) => text.trim() !== ''));

/** Text that says something; a blank string, or a value of another type, reads as absent. */
const Text = lenient(NonBlank);

/** A code as sent: a word, or a number written as its digits. */
const Code = lenient(v.union([NonBlank, v.pipe(v.number(), v.finite(), v.transform(String))]));

/** What an error says: its message, or the 401 envelope's title and detail. */
const MessageFields = { message: Text, title: Text, detail: Text };

/** How an error is coded: `PERMISSION_DENIED`, or the older numeric code with its type. */
const CodeFields = { code: Code, type: Text, correlation_id: Text };

/** An entry of errors[]; one that is not an object reads as an entry that says nothing. */
const ErrorsEntrySchema = v.fallback(
  jsonObjectWith({
    ...MessageFields,
    ...CodeFields,
    extensions: lenient(jsonObjectWith(CodeFields)),
    path: lenient(v.array(v.union([v.string(), v.number()]))),
  }),
  {},
);

/** The error object of `{"error": {"message", "details": {"code", "correlation_id"}}}`. */
const ErrorObjectSchema = jsonObjectWith({ ...MessageFields, ...CodeFields, details: lenient(jsonObjectWith(CodeFields)) });

/** OAuth's `{"error": "invalid_token", "error_description"}`, or a Rails-style `{"error": "Not Found"}`. */
const BareErrorSchema = v.object({ error: v.string(), error_description: Text, message: Text });

/** An answer that carries its own code, beside a message or not. */
const CodedAnswerSchema = v.object({ code: v.union([v.string(), v.number()]) });

/** The fields of an error, on whatever object they stand. */
const CodedErrorSchema = v.object({ ...MessageFields, ...CodeFields });

/** What a mutation payload says about its failure. Lists are kept whole: an entry that is not an object still counts as one. */
const MutationPayloadSchema = jsonObjectWith({
  success: v.optional(v.unknown()),
  message: Text,
  error_details: v.fallback(v.union([v.array(v.unknown()), v.pipe(JsonObjectSchema, v.transform((detail) => [detail]))]), []),
  errors: lenient(v.array(v.unknown())),
});

const ErrorDetailSchema = jsonObjectWith({
  object_name: Text,
  object_key: Code,
  messages: v.fallback(v.pipe(v.array(v.unknown()), v.transform((messages) => messages.filter((m): m is string => typeof m === 'string'))), []),
});

const PayloadErrorSchema = jsonObjectWith({ ...MessageFields, index: lenient(v.number()) });

/**
 * Every error in a GraphQL answer, read the same way from each envelope Pipefy is known to use:
 *
 * - `errors[]` with `extensions.code` and `extensions.correlation_id` (graphql-ruby's shape);
 * - the older `errors[]` whose entries carry a numeric `code` and a `type` beside the message (or
 *   the same fields on the answer itself);
 * - `{"error": {"message", "details": {"code", "correlation_id"}}}`, and a bare `{"error": "…"}`;
 * - a mutation payload in `data` that says it failed: `success: false`, `error_details {object_name,
 *   object_key, messages}`, or its own `errors [{index, message}]` (inviteMembers);
 * - the 401 `{"errors": [{"title", "detail"}]}`.
 *
 * On an HTTP error status an error without a code of its own gets `HTTP <status>`, and an answer
 * with no error in its body (an HTML page, an empty body) still yields one, so a failed call is
 * never shown without a message and a code.
 */
export function readApiErrors(status: number, json: unknown): GraphQLErrorSummary[] {
  const body = isJsonObject(json) ? json : undefined;
  const found = body ? [...fromErrorsArray(body), ...fromErrorObject(body), ...fromTopLevelCode(body), ...fromMutationPayloads(body)] : [];
  if (status < 400) return found;
  const httpCode = `HTTP ${status}`;
  if (found.length === 0) return [{ message: `${statusText(status).replace(/^\d+ ?/, '') || 'Error'}: the body carries no error message`, code: httpCode }];
  return found.map((error) => (error.code ? error : { ...error, code: httpCode }));
}

function fromErrorsArray(body: Json): GraphQLErrorSummary[] {
  if (!Array.isArray(body.errors)) return [];
  return body.errors.map((entry): GraphQLErrorSummary => {
    const error = v.parse(ErrorsEntrySchema, entry);
    return withoutUndefined({
      message: messageOf(error) ?? JSON.stringify(entry),
      code: codeOf(error.extensions ?? {}) ?? codeOf(error),
      correlationId: error.extensions?.correlation_id ?? error.correlation_id,
      path: error.path,
    });
  });
}

/** `{"error": {"message", "details": {"code", "correlation_id"}}}`, or OAuth's `{"error": "invalid_token", "error_description"}`. */
function fromErrorObject(body: Json): GraphQLErrorSummary[] {
  const bare = v.safeParse(BareErrorSchema, body);
  if (bare.success) {
    const { error, error_description, message } = bare.output;
    const description = error_description ?? message;
    // A bare word such as invalid_token is a code; a phrase such as "Not Found" is a message.
    return /^[a-z0-9_]+$/.test(error) ? [withoutUndefined({ message: description ?? error, code: error })] : [{ message: description ? `${error}: ${description}` : error }];
  }
  const parsed = v.safeParse(ErrorObjectSchema, body.error);
  if (!parsed.success) return [];
  const error = parsed.output;
  return [
    withoutUndefined({
      message: messageOf(error) ?? JSON.stringify(body.error),
      code: codeOf(error.details ?? {}) ?? codeOf(error),
      correlationId: error.details?.correlation_id ?? error.correlation_id,
    }),
  ];
}

/** The older envelope with the code and type on the answer itself; only when no other envelope is there. */
function fromTopLevelCode(body: Json): GraphQLErrorSummary[] {
  if (Array.isArray(body.errors) || 'error' in body || !v.is(CodedAnswerSchema, body)) return [];
  const error = v.parse(CodedErrorSchema, body);
  return [withoutUndefined({ message: messageOf(error) ?? 'The API reported an error', code: codeOf(error), correlationId: error.correlation_id })];
}

/** Mutation payloads that report failure in their data rather than in errors[]. */
function fromMutationPayloads(body: Json): GraphQLErrorSummary[] {
  if (!isJsonObject(body.data)) return [];
  const errors: GraphQLErrorSummary[] = [];
  for (const [field, value] of Object.entries(body.data)) {
    const parsed = v.safeParse(MutationPayloadSchema, value);
    if (!parsed.success) continue;
    const payload = parsed.output;
    for (const detail of payload.error_details) {
      const read = v.safeParse(ErrorDetailSchema, detail);
      if (!read.success) continue;
      const subject = [read.output.object_name, read.output.object_key].filter(Boolean).join(' ');
      errors.push({ message: `${field}: ${subject ? `${subject}: ` : ''}${read.output.messages.join('; ') || 'failed'}`, path: [field] });
    }
    for (const entry of payload.errors ?? []) {
      const read = v.safeParse(PayloadErrorSchema, entry);
      if (!read.success) continue;
      const index = read.output.index !== undefined ? `, item ${read.output.index}` : '';
      errors.push({ message: `${field}${index}: ${messageOf(read.output) ?? JSON.stringify(entry)}`, path: [field] });
    }
    if (payload.success === false && payload.error_details.length === 0 && !payload.errors?.length) {
      errors.push({ message: `${field} answered success: false${payload.message ? `: ${payload.message}` : ''}`, path: [field] });
    }
  }
  return errors;
}

function messageOf(entry: { readonly message?: string; readonly title?: string; readonly detail?: string }): string | undefined {
  if (entry.message) return entry.message;
  const { title, detail } = entry;
  return title && detail ? `${title}: ${detail}` : title ?? detail;
}

/** `PERMISSION_DENIED`, or `30000 ExecutionError` for the numeric code with its type. */
function codeOf({ code, type }: { readonly code?: string; readonly type?: string }): string | undefined {
  if (code && type) return `${code} ${type}`;
  return code ?? type;
}

function withoutUndefined(error: GraphQLErrorSummary): GraphQLErrorSummary {
  return Object.fromEntries(Object.entries(error).filter(([, value]) => value !== undefined)) as unknown as GraphQLErrorSummary;
}
