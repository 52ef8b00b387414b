import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { addAccountThroughPalette, escapeRegExp } from './helpers/accounts';
import { runCommand } from './helpers/commandPalette';
import { openFile } from './helpers/editor';
import { clearNotifications, waitForNotification } from './helpers/notifications';
import { quickInputBox, submitInputBox } from './helpers/quickInput';
import { rememberCurrentSandboxToken, sandboxAccount } from './helpers/sandboxAccount';
import { waitUntil } from './helpers/waitUntil';
import { focusWorkbench } from './helpers/workbench';
import { closeSuiteWorkbench, e2eSession, openSuiteWorkbench } from './session';

const FILE_NAME = 'schema-e2e.graphql';
/** Two operations: the cursor goes inside `me { }` on line 1, and inside the top-level selection on line 2. */
const FILE_TEXT = 'query Me { me {  } }\nquery Top {  }\n';
const INSIDE_ME = { line: 1, column: 17 };
const TOP_LEVEL = { line: 2, column: 13 };

/** Moves the cursor through Quick Open's go-to-line mode (`:line:column`, both 1-based). */
async function moveCursor(page: Page, at: { line: number; column: number }): Promise<void> {
  await page.keyboard.press('Control+P');
  await submitInputBox(page, `:${at.line}:${at.column}`);
  await quickInputBox(page).waitFor({ state: 'hidden' });
}

/** Triggers suggestions with Ctrl+Space and returns the labels the suggest widget lists. */
async function suggestionsAt(page: Page, at: { line: number; column: number }, expected: readonly string[]): Promise<string[]> {
  await moveCursor(page, at);
  await page.keyboard.press('Control+Space');
  const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name');
  let labels: string[] = [];
  await waitUntil(async () => {
    labels = (await rows.allInnerTexts()).map((label) => label.trim());
    return expected.every((label) => labels.includes(label)) ? true : undefined;
  }, () => `the suggest widget to offer ${expected.join(', ')}; it offers [${labels.join(', ')}]`);
  await page.keyboard.press('Escape');
  return labels;
}

/**
 * Schema-aware editing in the real workbench: add a sandbox account, fetch its schema
 * from the palette, then completion in a .graphql file offers the sandbox schema's fields.
 */
describe('Fetch Schema and completion in a .graphql file', () => {
  let page: Page;
  const file = () => path.join(e2eSession().workspace, FILE_NAME);

  before(async () => {
    fs.writeFileSync(file(), FILE_TEXT);
    page = await openSuiteWorkbench();
  });

  after(async () => {
    await closeSuiteWorkbench(page);
    fs.rmSync(file(), { force: true });
  });

  it('"Pipefy: Fetch Schema" introspects the sandbox with the account\'s token and says how many types it found', async () => {
    const account = sandboxAccount('schema');
    await addAccountThroughPalette(page, account);
    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Fetch Schema');
    const message = await waitForNotification(page, `Schema fetched for ${account.graphqlEndpoint}:`);
    assert.match(message, new RegExp(`: \\d+ types, served by ${escapeRegExp(new URL(account.graphqlEndpoint).host)}$`));
    // The token it fetched is one the secret-leak check looks for afterwards.
    await rememberCurrentSandboxToken('the token Fetch Schema used');
  });

  it('Ctrl+Space inside `me { }` offers the User fields, and at the top level the query fields', async () => {
    await openFile(page, FILE_NAME);
    await focusWorkbench(page);
    await page.locator('.editor-instance .view-lines').first().click();
    const inside = await suggestionsAt(page, INSIDE_ME, ['email', 'name']);
    assert.ok(!inside.includes('organizations'), `inside me { } only User fields: ${inside.join(', ')}`);
    const top = await suggestionsAt(page, TOP_LEVEL, ['me', 'organizations']);
    assert.ok(!top.includes('email'), `at the top level only Query fields: ${top.join(', ')}`);
  });
});
