import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/codeServer/paths';
import { listCommands, runCommand } from './helpers/commandPalette';
import { statusBarIcons, statusBarItem, waitForStatusBarText } from './helpers/statusBar';
import { waitUntil } from './helpers/waitUntil';
import { isRestrictedMode } from './helpers/workbench';
import { openWorkbench } from './session';

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus?: { commandPalette?: Array<{ command: string; when?: string }> };
    viewsContainers?: { activitybar?: Array<{ id: string; title: string }> };
    views?: Record<string, Array<{ id: string; name: string }>>;
  };
}

/**
 * The palette titles the manifest promises with no account yet, e.g. "Pipefy: Add Service Account":
 * every command except those whose palette entry has a `when` clause (they wait for an account or
 * a token, and tests that create one check them), plus the "Focus on … View" command VS Code adds
 * for each of the sidebar's views.
 */
function paletteTitlesWithoutContext(): string[] {
  const { contributes } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  const conditional = new Set((contributes.menus?.commandPalette ?? []).filter((entry) => entry.when).map((entry) => entry.command));
  const commands = contributes.commands
    .filter(({ command }) => !conditional.has(command))
    .map(({ title, category }) => (category ? `${category}: ${title}` : title));
  const viewFocus = (contributes.viewsContainers?.activitybar ?? []).flatMap((container) =>
    (contributes.views?.[container.id] ?? []).map((view) => `${container.title}: Focus on ${view.name} View`),
  );
  return [...commands, ...viewFocus].sort();
}

describe('The extension in real VS Code (code-server in Chromium)', () => {
  it('loads the workbench and activates: the token indicator appears in the status bar', async () => {
    const page = await openWorkbench();
    assert.equal(await isRestrictedMode(page), false);
    await statusBarItem(page).waitFor({ state: 'visible', timeout: 60_000 });
    assert.deepEqual(await statusBarIcons(page), ['key']);
  });

  it('lists the Pipefy commands of the manifest in the command palette', async () => {
    const page = await openWorkbench();
    await statusBarItem(page).waitFor({ timeout: 60_000 });
    const expected = paletteTitlesWithoutContext();
    assert.ok(expected.length > 0);
    assert.deepEqual(await listCommands(page, 'Pipefy:'), expected);
  });

  it('shows the no-token state in the status bar before any token was requested', async () => {
    const page = await openWorkbench();
    await waitForStatusBarText(page, /no (token|account)/i, undefined, 60_000);
  });

  it('runs a command from the palette: "Pipefy: Show Logs" opens the Pipefy output channel', async () => {
    const page = await openWorkbench();
    await statusBarItem(page).waitFor({ timeout: 60_000 });
    await runCommand(page, 'Pipefy: Show Logs');
    // The Output view's channel picker shows the channel on screen.
    const selectedChannel = page.locator('.part.panel select.monaco-select-box option:checked').first();
    let shown = '';
    await waitUntil(async () => ((shown = (await selectedChannel.textContent())?.trim() ?? '') === 'Pipefy' ? true : undefined),
      () => `the Output view to show the "Pipefy" channel; it shows "${shown}"`);
  });
});
