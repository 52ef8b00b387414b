import { GraphQLResponse, GraphQLRunner } from '../../../../src/core/graphql/graphqlRunner';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { INTROSPECTION_OPERATION_NAME, INTROSPECTION_QUERY } from '../../../../src/core/schema/introspectionQuery';
import { coreTokenSource } from '../../../fixtures/coreTokenSource';
import type { Sandbox } from '../../../fixtures/sandbox';

/**
 * What Fetch Schema does, without the editor: the introspection query through the real runner,
 * with a token the real token client got from the sandbox.
 */
export async function introspectSandbox(sandbox: Sandbox): Promise<GraphQLResponse> {
  const runner = new GraphQLRunner({
    tokens: coreTokenSource(sandbox),
    http: axiosPost,
    allowedOrigins: [sandbox.url],
  });
  return runner.run({ endpoint: sandbox.graphqlEndpoint, query: INTROSPECTION_QUERY, operationName: INTROSPECTION_OPERATION_NAME });
}
