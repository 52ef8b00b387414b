import { statusText } from '../http/statusText';
import { isJsonObject } from '../json/jsonObject';

/** One error the API reported, whatever envelope it came in: what the notification, the lenses and the history show. */
export interface GraphQLErrorSummary {
  readonly message: string;
  readonly code?: string;
  readonly correlationId?: string;
  readonly path?: ReadonlyArray<string | number>;
}

type Json = Record<string, unknown>;

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
    const error = isJsonObject(entry) ? entry : {};
    const extensions = isJsonObject(error.extensions) ? error.extensions : {};
    return withoutUndefined({
      message: messageOf(error) ?? JSON.stringify(entry),
      code: codeOf(extensions.code, extensions.type) ?? codeOf(error.code, error.type),
      correlationId: text(extensions.correlation_id) ?? text(error.correlation_id),
      path: Array.isArray(error.path) ? (error.path as Array<string | number>) : undefined,
    });
  });
}

/** `{"error": {"message", "details": {"code", "correlation_id"}}}`, or OAuth's `{"error": "invalid_token", "error_description"}`. */
function fromErrorObject(body: Json): GraphQLErrorSummary[] {
  const { error } = body;
  if (typeof error === 'string') {
    const description = text(body.error_description) ?? text(body.message);
    // A bare word such as invalid_token is a code; a phrase such as "Not Found" is a message.
    return /^[a-z0-9_]+$/.test(error) ? [withoutUndefined({ message: description ?? error, code: error })] : [{ message: description ? `${error}: ${description}` : error }];
  }
  if (!isJsonObject(error)) return [];
  const details = isJsonObject(error.details) ? error.details : {};
  return [
    withoutUndefined({
      message: messageOf(error) ?? JSON.stringify(error),
      code: codeOf(details.code, details.type) ?? codeOf(error.code, error.type),
      correlationId: text(details.correlation_id) ?? text(error.correlation_id),
    }),
  ];
}

/** The older envelope with the code and type on the answer itself. */
function fromTopLevelCode(body: Json): GraphQLErrorSummary[] {
  if (Array.isArray(body.errors) || 'error' in body || body.code === undefined || (typeof body.code !== 'number' && typeof body.code !== 'string')) return [];
  return [withoutUndefined({ message: messageOf(body) ?? 'The API reported an error', code: codeOf(body.code, body.type), correlationId: text(body.correlation_id) })];
}

/** Mutation payloads that report failure in their data rather than in errors[]. */
function fromMutationPayloads(body: Json): GraphQLErrorSummary[] {
  if (!isJsonObject(body.data)) return [];
  const errors: GraphQLErrorSummary[] = [];
  for (const [field, payload] of Object.entries(body.data)) {
    if (!isJsonObject(payload)) continue;
    const details = Array.isArray(payload.error_details) ? payload.error_details : isJsonObject(payload.error_details) ? [payload.error_details] : [];
    for (const detail of details.filter(isJsonObject)) {
      const messages = Array.isArray(detail.messages) ? detail.messages.filter((m): m is string => typeof m === 'string') : [];
      const subject = [text(detail.object_name), text(detail.object_key) ?? numberText(detail.object_key)].filter(Boolean).join(' ');
      errors.push({ message: `${field}: ${subject ? `${subject}: ` : ''}${messages.join('; ') || 'failed'}`, path: [field] });
    }
    if (Array.isArray(payload.errors)) {
      for (const entry of payload.errors.filter(isJsonObject)) {
        const index = typeof entry.index === 'number' ? `, item ${entry.index}` : '';
        errors.push({ message: `${field}${index}: ${messageOf(entry) ?? JSON.stringify(entry)}`, path: [field] });
      }
    }
    if (payload.success === false && details.length === 0 && !(Array.isArray(payload.errors) && payload.errors.length)) {
      errors.push({ message: `${field} answered success: false${text(payload.message) ? `: ${text(payload.message)}` : ''}`, path: [field] });
    }
  }
  return errors;
}

function messageOf(entry: Json): string | undefined {
  const message = text(entry.message);
  if (message) return message;
  const title = text(entry.title);
  const detail = text(entry.detail);
  return title && detail ? `${title}: ${detail}` : title ?? detail;
}

/** `PERMISSION_DENIED`, or `30000 ExecutionError` for the numeric code with its type. */
function codeOf(code: unknown, type: unknown): string | undefined {
  const codeText = text(code) ?? numberText(code);
  const typeText = text(type);
  if (codeText && typeText) return `${codeText} ${typeText}`;
  return codeText ?? typeText;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function numberText(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}


function withoutUndefined(error: GraphQLErrorSummary): GraphQLErrorSummary {
  return Object.fromEntries(Object.entries(error).filter(([, value]) => value !== undefined)) as unknown as GraphQLErrorSummary;
}
