/**
 * `npm run sandbox -- [--port 4010] [--lifetime 300] [--host 127.0.0.1] [--token-reuse same] [--latency-ms 0]`:
 * a Pipefy-compatible server for trying the extension without a Pipefy account. `--latency-ms 200`
 * holds every token and GraphQL request that long, to feel Pipefy's distance from Brazil or the US.
 */
import { parseArgs } from 'node:util';
import { DEMO_CLIENT, startSandbox, TOKEN_REUSE_MODES, type TokenReuse } from '../test/fixtures/sandbox';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      lifetime: { type: 'string', default: '300' },
      host: { type: 'string', default: '127.0.0.1' },
      'token-reuse': { type: 'string', default: 'same' },
      'latency-ms': { type: 'string', default: '0' },
    },
  });
  const port = Number(values.port);
  const lifetime = Number(values.lifetime);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number, got ${values.port}.`);
  if (!Number.isInteger(lifetime) || lifetime < 1) throw new Error(`--lifetime must be a whole number of seconds from 1, got ${values.lifetime}.`);
  const latencyMs = Number(values['latency-ms']);
  if (!Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 60_000) {
    throw new Error(`--latency-ms must be a whole number of milliseconds from 0 to 60000, got ${values['latency-ms']}.`);
  }

  const tokenReuse = values['token-reuse'] as TokenReuse;
  if (!TOKEN_REUSE_MODES.includes(tokenReuse)) throw new Error(`--token-reuse must be one of ${TOKEN_REUSE_MODES.join(', ')}, got ${tokenReuse}.`);

  const sandbox = await startSandbox({ host: values.host, port, tokenLifetimeSeconds: lifetime, tokenReuse, latencyMs });
  console.log(
    [
      'Pipefy sandbox running.',
      `  Token endpoint:   ${sandbox.tokenEndpoint}`,
      `  GraphQL endpoint: ${sandbox.graphqlEndpoint}`,
      `  Client ID:        ${DEMO_CLIENT.clientId}`,
      `  Client secret:    ${DEMO_CLIENT.clientSecret}`,
      `  Token lifetime:   ${lifetime} s`,
      `  Token reuse:      ${tokenReuse}`,
      `  Latency:          ${latencyMs} ms before each token and GraphQL request`,
      `  Controls:         ${sandbox.url}/__sandbox/{fail-token,fail-graphql,latency,lifetime,token-reuse,expire,reset,stats,rate-limit,service-account-admins}`,
      '  Rate limit:       500 GraphQL requests per 30 s per client, then 429 for 5 minutes (no Retry-After)',
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox.`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
