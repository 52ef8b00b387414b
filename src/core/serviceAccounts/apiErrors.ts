import type { GraphQLErrorSummary } from '../graphql/errorEnvelope';

/** Pipefy's errors as they came: each message with its code and correlation id. */
export function describeApiErrors(errors: readonly GraphQLErrorSummary[]): string {
  return errors
    .map((error) => {
      const tags = [error.code, error.correlationId && `correlation_id ${error.correlationId}`].filter(Boolean).join(', ');
      return `${error.message}${tags ? ` (${tags})` : ''}`;
    })
    .join('; ');
}
