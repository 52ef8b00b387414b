import * as vscode from 'vscode';
import { DEFAULT_ALLOWED_API_ORIGINS } from '../core/graphql/originAllowlist';

/**
 * Settings as the extension may use them. In Restricted Mode a workspace must not widen where the
 * token goes (SPEC §4.4), so only user-level values count there.
 */
export function readSettings() {
  const config = vscode.workspace.getConfiguration('pipefy');
  const trusted = vscode.workspace.isTrusted;
  const userLevel = <T>(key: string, fallback: T): T => {
    if (trusted) return config.get<T>(key, fallback);
    const inspected = config.inspect<T>(key);
    return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
  };
  return {
    allowedApiOrigins: userLevel<string[]>('allowedApiOrigins', [...DEFAULT_ALLOWED_API_ORIGINS]),
    tokenTimeoutMs: userLevel<number>('tokenRequestTimeoutSeconds', 15) * 1000,
    graphqlTimeoutMs: userLevel<number>('graphqlTimeoutSeconds', 60) * 1000,
  };
}
