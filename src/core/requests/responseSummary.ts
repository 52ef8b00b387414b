import type { GraphQLErrorSummary, GraphQLResponse } from '../graphql/graphqlRunner';
import { formatBytes } from '../http/byteSize';
import { statusText } from '../http/statusText';

export { statusText };

/** `Pipe not found (RESOURCE_NOT_FOUND, correlation_id 9f2c…)`: message, code and correlation id. */
export function describeGraphQLError(error: Pick<GraphQLErrorSummary, 'message' | 'code' | 'correlationId'>): string {
  const details = [error.code, error.correlationId && `correlation_id ${error.correlationId}`].filter(Boolean);
  return details.length ? `${error.message} (${details.join(', ')})` : error.message;
}

export type ResponseFacts = Pick<GraphQLResponse, 'status' | 'durationMs' | 'sizeBytes' | 'errors' | 'problem'>;

/**
 * One line that says how a run went, for the notification, the response view and the history:
 * `200 OK · 123 ms · 2 KB · 1 GraphQL error: Pipe not found (RESOURCE_NOT_FOUND, correlation_id 9f…)`.
 * Status, time, size, then each error and what is wrong with the answer (a 401, a 429, a body
 * that is not JSON).
 */
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
