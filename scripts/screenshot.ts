import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './codeServer/chromium';
import { run } from './codeServer/exec';
import { startCodeServer } from './codeServer/host';
import { installCodeServer } from './codeServer/install';
import { productVsix, repoRoot, vscodeTestDir } from './codeServer/paths';
import { createSampleWorkspace } from './codeServer/workspace';
import { ADMIN_CLIENT, DEMO_CLIENT, startSandbox } from '../test/fixtures/sandbox';
import { BIG_PIPE_ID } from '../test/fixtures/sandbox/pipefyData';
import { addAccountThroughPalette, answerAddAccountPrompts, type PaletteAccount } from '../test/e2e/helpers/accounts';
import { runCommand } from '../test/e2e/helpers/commandPalette';
import { clearNotifications, waitForNotification } from '../test/e2e/helpers/notifications';
import { TIME_LEFT, waitForStatusBarText } from '../test/e2e/helpers/statusBar';
import { openFile } from '../test/e2e/helpers/editor';
import { clickRunLens, waitForEditorText, waitForLenses } from '../test/e2e/helpers/savedRequests';
import { pickQuickInputItem, submitInputBox, waitForQuickInput } from '../test/e2e/helpers/quickInput';
import { clickDialogButton } from '../test/e2e/helpers/dialogs';
import { openTryIt } from '../test/e2e/helpers/tryIt';
import { waitForWorkbench } from '../test/e2e/helpers/workbench';

/** Where the README's screenshots live. */
const SCREENSHOTS = path.join(repoRoot, 'media', 'screenshots');
const MAX_BYTES = 300 * 1024;

/** The saved request the second screenshot runs: variables from the file beside it, a nested answer. */
const ONBOARDING_REQUEST = `# The Onboarding pipe: its phases and its first cards.
query Onboarding($pipeId: ID!) {
  pipe(id: $pipeId) {
    id
    name
    phases { id name }
  }
  cards(pipe_id: $pipeId, first: 2) {
    edges { node { id title } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/** The paginated query the third screenshot runs through all its pages: the sandbox's 10,000-card pipe. */
const ALL_CARDS_REQUEST = `# Every card of the Support tickets pipe, 50 per page.
query AllCards($pipeId: ID!, $after: String) {
  allCards(pipeId: $pipeId, first: 50, after: $after) {
    edges { node { id title fields { name value } } }
    pageInfo { hasNextPage endCursor }
  }
}
`;

/**
 * `npx tsx scripts/screenshot.ts`: the README screenshots, taken in the real workbench. Packages
 * the extension, starts the sandbox and code-server on a clean workspace, adds an account through
 * the palette, then captures the check before saving refusing a mistyped secret, Try It after Send (request and result side by side: the 200 response,
 * the live countdown, the status-bar item) and the sample saved request run through its CodeLens
 * (the response beside it), Run All Pages over 10,000 cards and Create Service Account at its
 * summary (an admin's account acting), in a dark and then a light theme. The same helpers as the end-to-end
 * tests drive it.
 */
async function main(): Promise<void> {
  await installCodeServer();
  await run('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const sandbox = await startSandbox();
  const workspace = createSampleWorkspace(path.join(vscodeTestDir, 'screenshot-workspace'));
  fs.writeFileSync(path.join(workspace, 'onboarding.graphql'), ONBOARDING_REQUEST);
  fs.writeFileSync(path.join(workspace, 'onboarding.variables.json'), '{ "pipeId": "1" }\n');
  fs.writeFileSync(path.join(workspace, 'all-cards.graphql'), ALL_CARDS_REQUEST);
  fs.writeFileSync(path.join(workspace, 'all-cards.variables.json'), `{ "pipeId": "${BIG_PIPE_ID}" }\n`);
  const codeServer = await startCodeServer({ extensions: [productVsix], workspace });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(codeServer.url);
    await waitForWorkbench(page, 'trust');
    await runCommand(page, 'View: Close Primary Side Bar');

    // An organization admin's account, for Create Service Account; then the demo account, active.
    /** An account on the sandbox with a client's ID and secret, as a user types it. */
    const accountOf = (label: string, client: { clientId: string; clientSecret: string }): PaletteAccount => ({
      label,
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      authMode: 'form',
    });
    await addAccountThroughPalette(page, accountOf('admin', ADMIN_CLIENT));
    await addAccountThroughPalette(page, accountOf('sandbox', DEMO_CLIENT));
    await clearNotifications(page);

    // A mistyped secret caught before saving: the dialog names the field and keeps what was typed (cancelled).
    await runCommand(page, 'Pipefy: Add Service Account');
    await answerAddAccountPrompts(page, accountOf('typo', { ...DEMO_CLIENT, clientSecret: `${DEMO_CLIENT.clientSecret}x` }), false);
    await page.locator('.monaco-dialog-box').filter({ hasText: '"typo" is not saved yet' }).waitFor();
    await page.mouse.move(0, 0);
    await capture(page, 'checked-before-saved.png');
    await clickDialogButton(page, '"typo" is not saved yet', 'Cancel');

    // Create Service Account at its summary, which says the lifetime is fixed for good (cancelled), in the default dark theme.
    await runCommand(page, 'Pipefy: Create Service Account');
    await waitForQuickInput(page, 'Which saved account creates it?');
    await pickQuickInputItem(page, /^admin$/);
    await submitInputBox(page, 'reports-bot', /Name \(at most 20 characters/);
    await submitInputBox(page, 'Nightly reports', /Description/);
    await waitForQuickInput(page, 'Role in the organization');
    await pickQuickInputItem(page, /^normal$/);
    await submitInputBox(page, '30 days', /Token lifetime/);
    await page.locator('.monaco-dialog-box').filter({ hasText: 'can never be changed' }).waitFor();
    await page.mouse.move(0, 0);
    await capture(page, 'create-service-account.png');
    await clickDialogButton(page, 'Create the service account "reports-bot"', 'Cancel');

    // Dark first (the README's default), then the same pictures in a light theme.
    for (const theme of [{ name: 'Dark Modern', suffix: '' }, { name: 'Light Modern', suffix: '-light' }]) {
      await runCommand(page, 'Preferences: Color Theme');
      await pickQuickInputItem(page, new RegExp(`^${theme.name}$`), theme.name);
      await runCommand(page, 'View: Close All Editors');
      await clearNotifications(page);
      // A fresh token each time, so the picture shows a countdown just under way.
      sandbox.expireTokens();

      const panel = await openTryIt(page);
      const outcome = await panel.send();
      if (!outcome.startsWith('200')) throw new Error(`Send did not succeed: ${outcome}`);
      await waitForStatusBarText(page, TIME_LEFT);
      await panel.waitForText('countdown', /^04m 5[0-7]s$/);
      await panel.el('response-json').waitFor({ state: 'visible' });
      await page.mouse.move(0, 0);
      await capture(page, `try-it${theme.suffix}.png`);

      await runCommand(page, 'View: Close All Editors');
      await openFile(page, 'onboarding.graphql');
      await clickRunLens(page, 'onboarding.graphql', 0, 'Onboarding');
      await waitForEditorText(page, 'Response · Onboarding', /"endCursor"/);
      await waitForLenses(page, 'Response · Onboarding', /200 OK/);
      await clearNotifications(page);
      await page.mouse.move(0, 0);
      await capture(page, `saved-request${theme.suffix}.png`);

      await runCommand(page, 'View: Close All Editors');
      await openFile(page, 'all-cards.graphql');
      const [runAll] = await waitForLenses(page, 'all-cards.graphql', /^▶ Run all pages$/);
      await runAll.at.click();
      await waitForNotification(page, /^Pipefy: AllCards · Complete: 200 pages, 10,000 items/, 180_000);
      await waitForLenses(page, 'All pages · AllCards', /^Complete: 200 pages, 10,000 items/);
      await page.mouse.move(0, 0);
      await capture(page, `run-all-pages${theme.suffix}.png`);

    }
  } finally {
    await browser.close().catch(() => undefined);
    await codeServer.stop();
    await sandbox.close();
  }
}

async function capture(page: Page, name: string): Promise<void> {
  const output = path.join(SCREENSHOTS, name);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: output });
  const bytes = fs.statSync(output).size;
  if (bytes > MAX_BYTES) throw new Error(`${output} is ${Math.round(bytes / 1024)} KB, over the ${MAX_BYTES / 1024} KB budget.`);
  console.log(`Wrote ${path.relative(repoRoot, output)} (${Math.round(bytes / 1024)} KB).`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
