import type { GraphQLErrorSummary, GraphQLResponse } from '../graphql/graphqlRunner';
import { statusText } from '../http/statusText';

export { statusText };

/**
 * One line that says how a run went, for the notification, the response view and the history:
 * `200 OK · 123 ms · 2 KB · 1 GraphQL error: Pipe not found (RESOURCE_NOT_FOUND, correlation_id 9f…)`.
 */


/** `512 B`, `2 KB`, `1.5 MB`: 1 KB = 1024 bytes, as the editor counts file sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? Math.round(kb * 10) / 10 : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)} MB`;
}

/** `Pipe not found (RESOURCE_NOT_FOUND, correlation_id 9f2c…)`: message, code and correlation id. */
export function describeGraphQLError(error: Pick<GraphQLErrorSummary, 'message' | 'code' | 'correlationId'>): string {
  const details = [error.code, error.correlationId && `correlation_id ${error.correlationId}`].filter(Boolean);
  return details.length ? `${error.message} (${details.join(', ')})` : error.message;
}

export type ResponseFacts = Pick<GraphQLResponse, 'status' | 'durationMs' | 'sizeBytes' | 'errors' | 'problem'>;

/** Status, time, size, then each error and what is wrong with the answer (a 401, a 429, a body that is not JSON). */
export function summariseResponse(response: ResponseFacts): string {
  const parts = [statusText(response.status), `${response.durationMs} ms`, formatBytes(response.sizeBytes)];
  const { errors } = response;
  if (errors.length) {
    parts.push(`${errors.length} GraphQL error${errors.length === 1 ? '' : 's'}: ${errors.map(describeGraphQLError).join('; ')}`);
  }
  if (response.problem) parts.push(`${response.problem.message} ${response.problem.hint}`);
  return parts.join(' · ');
}

/** Whether the run should be reported as a success (information) or not (warning). */
export function isCleanResponse(response: ResponseFacts): boolean {
  return response.status >= 200 && response.status < 300 && response.errors.length === 0 && !response.problem;
}
