import { getIntrospectionQuery } from 'graphql';

/**
 * The standard introspection query with graphql's defaults: no `includeDeprecated` on arguments,
 * no `specifiedByURL`, no `isRepeatable`, so that older servers (and Pipefy's) accept it.
 */
export const INTROSPECTION_QUERY = getIntrospectionQuery();

/** The operation name inside INTROSPECTION_QUERY, sent as `operationName`. */
export const INTROSPECTION_OPERATION_NAME = 'IntrospectionQuery';
