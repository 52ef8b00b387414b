/**
 * One way a user's network can be set up, as the in-host suite (inHost.ts) receives it: what the
 * product must do there. The outer runner (runInWorkbench.ts) starts a code-server per scenario
 * with its environment and settings, and passes this as JSON in PIPEFY_NETWORK_SCENARIO.
 */
export interface NetworkScenario {
  readonly name: string;
  /** The first token request's failure, as the user reads it (message and hint); absent: it succeeds. */
  readonly tokenRefusal?: string;
  /** A GraphQL run's failure, as the user reads it; absent: runs, Run All Pages and Fetch Schema succeed. */
  readonly runRefusal?: string;
}

export const SCENARIO_ENV = 'PIPEFY_NETWORK_SCENARIO';

/** Pipefy's real endpoints, exactly as a user's account holds them. */
export const PIPEFY_TOKEN_ENDPOINT = 'https://app.pipefy.com/oauth/token';
export const PIPEFY_GRAPHQL_ENDPOINT = 'https://api.pipefy.com/graphql';
