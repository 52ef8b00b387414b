import * as vscode from 'vscode';
import { DEFAULT_GRAPHQL_TIMEOUT_MS } from '../core/graphql/graphqlRunner';
import { DEFAULT_ALLOWED_API_ORIGINS } from '../core/graphql/originAllowlist';
import { PIPEFY_REQUESTS_PER_WINDOW } from '../core/graphql/originGate';
import { DEFAULT_TOKEN_TIMEOUT_MS } from '../core/oauth/requestToken';
import { PIPEFY_HOST_PAIRS } from '../core/schema/introspectionHosts';

/** How many items Run All Pages takes at most, unless the setting says otherwise. */
const DEFAULT_MAX_ITEMS = 10_000;

export interface PipefySettings {
  readonly allowedApiOrigins: readonly string[];
  readonly tokenTimeoutMs: number;
  readonly graphqlTimeoutMs: number;
  /** GraphQL requests to one origin are paced to at most this many per 30 seconds. */
  readonly requestsPer30Seconds: number;
  /** Origins that serve the same API: Fetch Schema falls back from one to the other. */
  readonly schemaHostPairs: ReadonlyArray<readonly [string, string]>;
  /** Run All Pages stops once it holds this many items. */
  readonly runAllPagesMaxItems: number;
}

/**
 * Settings as the extension may use them, read afresh on every use so a change or a trust grant
 * applies at once. In Restricted Mode a workspace must not widen where the token goes,
 * so only user-level values count there.
 */
export function readSettings(): PipefySettings {
  const config = vscode.workspace.getConfiguration('pipefy');
  const trusted = vscode.workspace.isTrusted;
  const userLevel = <T>(key: string, fallback: T): T => {
    if (trusted) return config.get<T>(key, fallback);
    const inspected = config.inspect<T>(key);
    return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
  };
  const origins = userLevel<unknown>('allowedApiOrigins', [...DEFAULT_ALLOWED_API_ORIGINS]);
  return {
    allowedApiOrigins: Array.isArray(origins) ? origins.filter((o): o is string => typeof o === 'string') : [...DEFAULT_ALLOWED_API_ORIGINS],
    tokenTimeoutMs: seconds(userLevel<unknown>('tokenRequestTimeoutSeconds', DEFAULT_TOKEN_TIMEOUT_MS / 1000), DEFAULT_TOKEN_TIMEOUT_MS / 1000, 300) * 1000,
    graphqlTimeoutMs: seconds(userLevel<unknown>('graphqlTimeoutSeconds', DEFAULT_GRAPHQL_TIMEOUT_MS / 1000), DEFAULT_GRAPHQL_TIMEOUT_MS / 1000, 600) * 1000,
    requestsPer30Seconds: wholeNumber(userLevel<unknown>('rateLimit.requestsPer30Seconds', PIPEFY_REQUESTS_PER_WINDOW), PIPEFY_REQUESTS_PER_WINDOW, 100_000),
    schemaHostPairs: hostPairs(userLevel<unknown>('schema.hostPairs', PIPEFY_HOST_PAIRS)),
    runAllPagesMaxItems: wholeNumber(config.get<unknown>('runAllPages.maxItems', DEFAULT_MAX_ITEMS), DEFAULT_MAX_ITEMS, 1_000_000),
  };
}

function wholeNumber(value: unknown, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(1, Math.floor(value))) : fallback;
}

/** Pairs of two origins; anything else in a hand-edited settings.json is left out. */
function hostPairs(value: unknown): ReadonlyArray<readonly [string, string]> {
  if (!Array.isArray(value)) return PIPEFY_HOST_PAIRS;
  return value.filter(
    (pair): pair is [string, string] => Array.isArray(pair) && pair.length === 2 && pair.every((origin) => typeof origin === 'string' && URL.canParse(origin)),
  );
}

/** A hand-edited settings.json can hold anything; out-of-range values fall back or are clamped. */
function seconds(value: unknown, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(1, value)) : fallback;
}

/** Fires when what readSettings() returns may have changed: a pipefy.* edit, or the workspace becoming trusted. */
export function onDidChangeSettings(listener: (reason: 'configuration' | 'trust') => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('pipefy')) listener('configuration');
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => listener('trust')),
  );
}
