import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN_CLIENT } from '../fixtures/sandbox';
import { BIG_PIPE_ID } from '../fixtures/sandbox/pipefyData';
import { addAccountThroughPalette } from './helpers/accounts';
import { runCommand } from './helpers/commandPalette';
import { openFile } from './helpers/editor';
import { rememberCanary } from './helpers/leakCanaries';
import { clearNotifications, notificationMessages, waitForNotification } from './helpers/notifications';
import { pickQuickInputItem, submitInputBox, waitForQuickInput } from './helpers/quickInput';
import { createServiceAccountThroughPalette } from './helpers/serviceAccounts';
import { sandboxAccount } from './helpers/sandboxAccount';
import { clickRunLens } from './helpers/savedRequests';
import { TIME_LEFT, waitForStatusBarText } from './helpers/statusBar';
import { closeSuiteWorkbench, e2eSession, openSuiteWorkbench } from './session';

const NAME = 'e2e-reports';
const REQUEST_FILE = 'big-pipe-e2e.graphql';

/**
 * The half of Pipefy's Service Accounts page that the web app does by hand, walked in the
 * workbench: an admin's saved account creates a service account, whose secret goes straight into
 * SecretStorage; the new account joins pipe 3, gets its first token, reads pipe 3, and is deleted;
 * then Pipefy (the sandbox) refuses its client and its token. The secret is never on screen: the
 * test learns it only from what the sandbox received, and the security run's scan looks for it.
 */
describe('Create Service Account, from the palette to its deletion', () => {
  let page: Page;
  const workspaceFile = () => path.join(e2eSession().workspace, REQUEST_FILE);

  before(async () => {
    fs.writeFileSync(workspaceFile(), `query BigPipe {\n  pipe(id: ${BIG_PIPE_ID}) { id name }\n}\n`);
    page = await openSuiteWorkbench();
    await addAccountThroughPalette(page, sandboxAccount('admin', { clientId: ADMIN_CLIENT.clientId, clientSecret: ADMIN_CLIENT.clientSecret }));
  });

  after(async () => {
    await closeSuiteWorkbench(page);
    fs.rmSync(workspaceFile(), { force: true });
  });

  it('create → pipe 3 → first token → a query on pipe 3 → delete → Pipefy refuses its client and its token', async () => {
    const { sandbox } = e2eSession();
    const { notice: created, client } = await createServiceAccountThroughPalette(page, sandbox, { acting: 'admin', name: NAME, lifetime: '1 hour', pipeIds: [BIG_PIPE_ID] });
    assert.match(created, new RegExp(`added to pipe ${BIG_PIPE_ID}, where it sees [^.]*\\(${BIG_PIPE_ID}\\)`));
    // Proved at once: its first token, in the status bar.
    await waitForStatusBarText(page, new RegExp(`^${NAME} ${TIME_LEFT.source}`));

    // The secret, known only from the token POST the sandbox received; never on screen.
    const { clientId, clientSecret } = client;
    rememberCanary(clientSecret, 'the client secret createServiceAccount returned');
    for (const shown of [created, ...(await notificationMessages(page)), await page.locator('body').innerText()]) {
      assert.equal(shown.includes(clientSecret), false, 'the new secret is on screen');
    }

    // It reads pipe 3, which it was added to.
    await openFile(page, REQUEST_FILE);
    await clearNotifications(page);
    await clickRunLens(page, REQUEST_FILE, 0, 'BigPipe');
    await waitForNotification(page, /^Pipefy: BigPipe · 200 OK/);
    const token = (sandbox.requests.at(-1)?.authorization ?? '').replace(/^Bearer /, '');
    assert.ok(token, 'the query carried the new account\'s token');

    // Delete it: typed name, an admin acting; then it is gone here too.
    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Delete Service Account');
    await waitForQuickInput(page, 'Which service account to delete in Pipefy?');
    await pickQuickInputItem(page, new RegExp(`^${NAME}$`));
    await waitForQuickInput(page, `Which saved account deletes "${NAME}"?`);
    await pickQuickInputItem(page, /^admin$/);
    await submitInputBox(page, NAME, `Type ${NAME} to delete it in Pipefy`);
    await waitForNotification(page, `service account "${NAME}" deleted in Pipefy and removed here`);

    // Pipefy refuses what it had: the client (invalid_client) and the token it gave (401).
    const refused = await fetch(sandbox.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    });
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as { error?: string }).error, 'invalid_client');
    const query = await fetch(sandbox.graphqlEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ pipe(id: ${BIG_PIPE_ID}) { id } }` }),
    });
    assert.equal(query.status, 401);
  });
});
