import * as vscode from 'vscode';
import { type PipefySettings, type SettingValues, settingsFrom } from '../core/settings/settingsValues';

/**
 * Settings as the extension may use them, read afresh on every use so a change or a trust grant
 * applies at once. Which values count in Restricted Mode, and what a malformed value becomes, is
 * decided in core.
 */
export function readSettings(): PipefySettings {
  const config = vscode.workspace.getConfiguration('pipefy');
  return settingsFrom((key) => settingValues(config, key), vscode.workspace.isTrusted);
}

/** What the editor holds for one setting, in core's terms. */
export function settingValues(config: vscode.WorkspaceConfiguration, key: string): SettingValues {
  const inspected = config.inspect<unknown>(key);
  return { value: config.get<unknown>(key), globalValue: inspected?.globalValue, defaultValue: inspected?.defaultValue };
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
