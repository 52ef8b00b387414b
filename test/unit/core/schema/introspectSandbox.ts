import { GraphQLResponse, GraphQLRunner } from '../../../../src/core/graphql/graphqlRunner';
import { axiosPost } from '../../../../src/core/http/axiosPost';
import { requestToken } from '../../../../src/core/oauth/requestToken';
import { INTROSPECTION_OPERATION_NAME, INTROSPECTION_QUERY } from '../../../../src/core/schema/introspectionQuery';
import { MemoryTokenStore, TokenCache } from '../../../../src/core/token/tokenCache';
import { DEMO_CLIENT, type Sandbox } from '../../../fixtures/sandbox';

/**
 * What Fetch Schema does, without the editor: the introspection query through the real runner,
 * with a token the real token client got from the sandbox.
 */
export async function introspectSandbox(sandbox: Sandbox): Promise<GraphQLResponse> {
  const cache = new TokenCache(new MemoryTokenStore());
  const fetch = async () => {
    const result = await requestToken({ tokenEndpoint: sandbox.tokenEndpoint, ...DEMO_CLIENT, authMode: 'form' }, axiosPost);
    return { issued: result.token, ...result.exchange };
  };
  const runner = new GraphQLRunner({
    tokens: { acquire: async (options) => (await cache.acquire('sandbox', fetch, options)).token, invalidate: (accessToken) => cache.invalidate('sandbox', accessToken) },
    http: axiosPost,
    allowedOrigins: [sandbox.url],
  });
  return runner.run({ endpoint: sandbox.graphqlEndpoint, query: INTROSPECTION_QUERY, operationName: INTROSPECTION_OPERATION_NAME });
}
