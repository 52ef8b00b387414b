import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { addAccountThroughPalette } from './helpers/accounts';
import { openFile } from './helpers/editor';
import { clearNotifications, waitForNotification } from './helpers/notifications';
import { sandboxAccount } from './helpers/sandboxAccount';
import { clickRunLens, waitForEditorText, waitForLenses } from './helpers/savedRequests';
import { closeSuiteWorkbench, e2eSession, openSuiteWorkbench } from './session';

const REQUEST_FILE = 'layout-e2e.graphql';
const RESPONSE_TAB = 'Response · Me.json';

/**
 * A small response reads like a JSON formatter's output in the response view: one property per
 * line, indented, so nothing is cut at the editor's edge beside the request.
 */
describe('The response view lays a small response out one property per line', () => {
  let page: Page;
  const requestPath = () => path.join(e2eSession().workspace, REQUEST_FILE);

  before(async () => {
    fs.writeFileSync(requestPath(), 'query Me {\n  me { id name email }\n}\n');
    page = await openSuiteWorkbench();
    await addAccountThroughPalette(page, sandboxAccount('layout'));
  });

  after(async () => {
    await closeSuiteWorkbench(page);
    fs.rmSync(requestPath(), { force: true });
  });

  it('shows data, me and each of its fields on lines of their own, indented by depth', async () => {
    await openFile(page, REQUEST_FILE);
    await waitForLenses(page, REQUEST_FILE, /^▶ Run with Pipefy \(layout\)$/);
    await clearNotifications(page);
    await clickRunLens(page, REQUEST_FILE, 0, 'Me');
    await waitForNotification(page, /^Pipefy: Me · 200 OK/);
    const text = await waitForEditorText(page, RESPONSE_TAB, /"email"/);
    const lines = text.split('\n').map((line) => line.trimEnd()).filter(Boolean);
    assert.deepEqual(
      lines.map((line) => line.replace(/: "[^"]*"/, ': "…"')),
      ['{', '  "data": {', '    "me": {', '      "id": "…",', '      "name": "…",', '      "email": "…"', '    }', '  }', '}'],
      text,
    );
  });
});
