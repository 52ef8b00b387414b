import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchChromium } from './codeServer/chromium';
import { run } from './codeServer/exec';
import { startCodeServer } from './codeServer/host';
import { installCodeServer } from './codeServer/install';
import { productVsix, repoRoot, vscodeTestDir } from './codeServer/paths';
import { createSampleWorkspace } from './codeServer/workspace';
import { DEMO_CLIENT, startSandbox } from '../test/fixtures/sandbox';
import { addAccountThroughPalette } from '../test/e2e/helpers/accounts';
import { runCommand } from '../test/e2e/helpers/commandPalette';
import { clearNotifications } from '../test/e2e/helpers/notifications';
import { TIME_LEFT, waitForStatusBarText } from '../test/e2e/helpers/statusBar';
import { openTryIt } from '../test/e2e/helpers/tryIt';
import { waitForWorkbench } from '../test/e2e/helpers/workbench';

/** Where the README's screenshot lives. */
const OUTPUT = path.join(repoRoot, 'media', 'screenshots', 'try-it.png');
const MAX_BYTES = 300 * 1024;

/**
 * `npx tsx scripts/screenshot.ts`: the README screenshot, taken in the real workbench. Packages
 * the extension, starts the sandbox and code-server on a clean workspace, adds an account through
 * the palette, presses Send in Try It, and captures the panel (200 response, live countdown) with
 * the status-bar item. The same helpers as the end-to-end tests drive it.
 */
async function main(): Promise<void> {
  await installCodeServer();
  await run('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const sandbox = await startSandbox();
  const workspace = createSampleWorkspace(path.join(vscodeTestDir, 'screenshot-workspace'));
  const codeServer = await startCodeServer({ extensions: [productVsix], workspace });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(codeServer.url);
    await waitForWorkbench(page, 'trust');
    await runCommand(page, 'View: Close Primary Side Bar');

    await addAccountThroughPalette(page, {
      label: 'sandbox',
      tokenEndpoint: sandbox.tokenEndpoint,
      graphqlEndpoint: sandbox.graphqlEndpoint,
      clientId: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
      authMode: 'form',
    });
    await clearNotifications(page);

    const panel = await openTryIt(page);
    await panel.selectAccount('sandbox');
    const outcome = await panel.send();
    if (!outcome.startsWith('200')) throw new Error(`Send did not succeed: ${outcome}`);
    await waitForStatusBarText(page, TIME_LEFT);
    // A few seconds in, so the picture shows a countdown under way.
    await panel.waitForText('countdown', /^04m 5[0-7]s$/);
    // The form from the Account field down to the response body, in one view.
    await panel.el('account').evaluate((element) => (element.parentElement ?? element).scrollIntoView({ block: 'start' }));
    await panel.el('response-json').waitFor({ state: 'visible' });
    await page.mouse.move(0, 0);

    fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
    await page.screenshot({ path: OUTPUT });
    const bytes = fs.statSync(OUTPUT).size;
    if (bytes > MAX_BYTES) throw new Error(`${OUTPUT} is ${Math.round(bytes / 1024)} KB, over the ${MAX_BYTES / 1024} KB budget.`);
    console.log(`Wrote ${path.relative(repoRoot, OUTPUT)} (${Math.round(bytes / 1024)} KB).`);
  } finally {
    await browser.close().catch(() => undefined);
    await codeServer.stop();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
