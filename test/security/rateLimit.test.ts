import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEFAULT_ALLOWED_API_ORIGINS } from '../../src/core/graphql/originAllowlist';
import { startSandbox, type Sandbox } from '../fixtures/sandbox';
import { addAccountThroughPalette, escapeRegExp } from '../e2e/helpers/accounts';
import { runCommand } from '../e2e/helpers/commandPalette';
import { clearNotifications, clickNotificationButton, waitForNotification } from '../e2e/helpers/notifications';
import { waitForLenses } from '../e2e/helpers/savedRequests';
import { statusBarTooltip } from '../e2e/helpers/statusBar';
import { waitUntil } from '../e2e/helpers/waitUntil';
import { closeSuiteWorkbench, openSuiteWorkbench } from '../e2e/session';
import { watchSandbox } from './figures';
import { naming } from './helpers/meaning';
import { PipefyLog } from './helpers/pipefyLog';
import { WorkspaceFiles, openRequest, rememberTokens, runByLens, sandboxBearerTokens, uniqueSandboxClient } from './helpers/savedRequests';
import { UserSettings } from './helpers/userSettings';

/**
 * A moment as the extension writes it: the host's toLocaleTimeString, e.g. `6:05:00 PM` or `18:05:00`,
 * after the host's date (`11/30/2026, `) when the moment is not today, as when a hold ends past midnight.
 * Its named parts are what readShownMoment reads; used at most once in any one pattern.
 */
const SHOWN_MOMENT = String.raw`(?<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s)?(?<hours>\d{1,2}):(?<minutes>\d\d):(?<seconds>\d\d)(?:\s?(?<half>[AP])M)?`;

/** Seconds since local midnight of a shown moment's time, and whether it carried a date. */
function readShownMoment(shown: string): { secondsOfDay: number; dated: boolean } {
  const parts = new RegExp(`^${SHOWN_MOMENT}$`).exec(shown.trim())?.groups;
  if (!parts) throw new Error(`"${shown}" is not a moment`);
  let hours = Number(parts.hours) % (parts.half ? 12 : 24);
  if (parts.half === 'P') hours += 12;
  return { secondsOfDay: hours * 3600 + Number(parts.minutes) * 60 + Number(parts.seconds), dated: parts.date !== undefined };
}

const localSecondsOfDay = (epochMs: number) => {
  const date = new Date(epochMs);
  return date.getHours() * 3600 + date.getMinutes() * 60 + date.getSeconds();
};

/**
 * Pipefy's rate limit as the user meets it in the real workbench: a 429 without Retry-After locks
 * the origin out for 5 minutes; the extension says until when in the notice, the response view and
 * the status bar's tooltip, and holds the next run instead of prolonging the block, unless the
 * user sends it anyway. Then Fetch Schema on a host that refuses introspection, falling back to
 * its paired host only when that host is an allowed origin, and saying which host served it.
 *
 * One sandbox answering on two origins (as Pipefy serves one API at api. and app.pipefy.com),
 * refusing introspection on the first; each test sets the rate limit it needs.
 */
describe('Rate-limit lockout and the schema host, in the workbench', () => {
  const label = 'sec-rate';
  const client = uniqueSandboxClient('sec-rate');
  const files = new WorkspaceFiles();
  const settings = new UserSettings();
  const ME = 'sec-rate-me.graphql';
  let sandbox: Sandbox;
  let page: Page;
  let log: PipefyLog;

  before(async function () {
    // A fresh workbench and an account added through the palette: minutes on a busy machine.
    this.timeout(300_000);
    sandbox = watchSandbox('the rate-limit suite\'s sandbox', await startSandbox({ clients: [client], secondOrigin: true, refuseIntrospection: 'first' }));
    files.write(ME, 'query Me {\n  me { id name }\n}\n');
    page = await openSuiteWorkbench();
    await addAccountThroughPalette(page, { label, tokenEndpoint: sandbox.tokenEndpoint, graphqlEndpoint: sandbox.graphqlEndpoint, ...client, authMode: 'form' });
    log = await PipefyLog.containing(`Service account "${label}" added`);
  });

  after(async () => {
    if (page && log) await settings.restore(page, log).catch(() => settings.restoreOnDisk());
    else settings.restoreOnDisk();
    await closeSuiteWorkbench(page);
    if (sandbox) rememberTokens(sandboxBearerTokens(sandbox.requests), 'a token of the rate-limit suite\'s sandbox');
    await sandbox?.close();
    files.removeAll();
  });

  it('§5.graphql.busy a 429 without Retry-After: the notice, the response view and the status bar say requests are held for 5 minutes; the next run is held, and Send Anyway sends it', async function () {
    this.timeout(300_000);
    // Why the hold is 5 minutes: the server gave no Retry-After, so Pipefy's block is assumed.
    const assumed = ['no Retry-After', '5-minute'];
    sandbox.setRateLimit({ requests: 1, lockoutSeconds: 300 });
    await openRequest(page, ME);
    await runByLens(page, ME, 'Me', /^Pipefy: Me · 200 OK/);

    const before = Date.now();
    const notice = await runByLens(page, ME, 'Me', /^Pipefy: Me · 429 Too Many Requests/);
    const after = Date.now();
    assert.match(notice, naming(sandbox.url, 'held until', ...assumed, 'prolong'));
    const [, until] = new RegExp(`held until (${SHOWN_MOMENT})`).exec(notice) ?? assert.fail(`the notice does not say until when requests are held: ${notice}`);
    const shown = readShownMoment(until);
    const earliest = localSecondsOfDay(before) + 300;
    const latest = localSecondsOfDay(after) + 300;
    assert.ok([shown.secondsOfDay, shown.secondsOfDay + 86_400].some((s) => s >= earliest && s <= latest), `held until ${until}: 5 minutes after the 429, which came between ${new Date(before).toTimeString()} and ${new Date(after).toTimeString()}`);
    // The date is shown exactly when the hold ends on another day than the notice's.
    // (Left unchecked in the rare run whose 429 window itself straddles a day's edge.)
    const day = (epochMs: number) => new Date(epochMs).toDateString();
    if (day(before) === day(after) && day(before + 300_000) === day(after + 300_000)) {
      assert.equal(shown.dated, day(after + 300_000) !== day(after), `held until ${until}: the date is shown only when the hold ends on another day`);
    }
    await waitForLenses(page, 'Response · Me.json', new RegExp(`held until ${escapeRegExp(until)}`));
    const tooltip = await statusBarTooltip(page);
    // The tooltip's spaces are normalised; a time may hold a narrow no-break space before AM/PM.
    const untilInTooltip = until.replace(/\s+/g, ' ');
    assert.match(tooltip, naming('Rate limited', `until ${untilInTooltip}`, ...assumed, sandbox.url));

    // The next run is held: nothing reaches the sandbox.
    const sent = sandbox.stats.graphqlRequests;
    const heldNotice = await runByLens(page, ME, 'Me', /^Pipefy: Me was not sent/);
    assert.match(heldNotice, naming('Me was not sent', sandbox.url, '429', `until ${until}`, /in \d\d:\d\d/, ...assumed, 'prolong'));
    assert.equal(sandbox.stats.graphqlRequests, sent, 'a held run sends nothing');

    // Send Anyway sends it; the sandbox, still blocking, answers 429 again. The log, not a toast:
    // the workbench may fold this notification into the earlier one.
    const limited = log.count('Me: 429 Too Many Requests');
    await clickNotificationButton(page, /^Pipefy: Me was not sent/, 'Send Anyway');
    await log.waitForMore('Me: 429 Too Many Requests', limited);
    assert.equal(sandbox.stats.graphqlRequests, sent + 1);

    // Once the server lets requests through again, a run sent anyway succeeds and ends the hold.
    sandbox.setRateLimit(false);
    await runByLens(page, ME, 'Me', /^Pipefy: Me was not sent/);
    const answered = log.count('Me: 200 OK');
    await clickNotificationButton(page, /^Pipefy: Me was not sent/, 'Send Anyway');
    await log.waitForMore('Me: 200 OK', answered);
    assert.ok(!(await statusBarTooltip(page)).includes('Rate limited'), 'the tooltip no longer shows the lockout');
    await runByLens(page, ME, 'Me', /^Pipefy: Me · 200 OK/);
  });

  it('§5.graphql.busy a 429 with Retry-After: the notice says requests are held for that long', async () => {
    sandbox.setRateLimit({ requests: 1, lockoutSeconds: 90, retryAfter: true });
    await openRequest(page, ME);
    await runByLens(page, ME, 'Me', /^Pipefy: Me · 200 OK/);
    const notice = await runByLens(page, ME, 'Me', /^Pipefy: Me · 429 Too Many Requests/);
    assert.match(notice, naming(sandbox.url, new RegExp(`held until ${SHOWN_MOMENT}`), 'Retry-After: 90 s'));
    // Leave the origin open for the next test: the server's block ends, and a run sent anyway says so.
    sandbox.setRateLimit(false);
    await runByLens(page, ME, 'Me', /^Pipefy: Me was not sent/);
    const answered = log.count('Me: 200 OK');
    await clickNotificationButton(page, /^Pipefy: Me was not sent/, 'Send Anyway');
    // The log, not a toast: the workbench may fold this 200's notification into the earlier one.
    await log.waitForMore('Me: 200 OK', answered);
  });

  it('§4.2a Fetch Schema on a host that refuses introspection falls back to its paired host only when that host is allowed, and says which host served the schema', async function () {
    this.timeout(240_000);
    const first = new URL(sandbox.url).host;
    const second = sandbox.secondUrl ?? assert.fail('the sandbox has a second origin');
    await settings.set(page, log, { 'pipefy.schema.hostPairs': [[sandbox.url, second]] });

    // The paired host is not an allowed origin: the token does not go there.
    const sent = sandbox.stats.graphqlRequests;
    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Fetch Schema');
    const refused = await waitForNotification(page, new RegExp(`^Pipefy: Fetching the schema from ${escapeRegExp(second)}/graphql failed: `));
    assert.match(refused, /is not an allowed origin|not sent to/);
    assert.match(refused, new RegExp(`before that, ${escapeRegExp(first)}: .*__schema`));
    await waitUntil(async () => (sandbox.stats.graphqlRequests > sent ? true : undefined), () => 'the first origin to be asked');
    assert.equal(sandbox.stats.graphqlRequests, sent + 1, 'only the account\'s own origin was asked');

    await settings.set(page, log, { 'pipefy.allowedApiOrigins': [...DEFAULT_ALLOWED_API_ORIGINS, second] });
    await clearNotifications(page);
    await runCommand(page, 'Pipefy: Fetch Schema');
    const served = await waitForNotification(page, new RegExp(`^Schema fetched for ${escapeRegExp(sandbox.graphqlEndpoint)}: \\d+ types, served by ${escapeRegExp(new URL(second).host)} \\(${escapeRegExp(first)}: `));
    assert.match(served, /Field '__schema' doesn't exist on type 'Query'/);
    await log.waitForLine(new RegExp(`Schema for ${escapeRegExp(sandbox.graphqlEndpoint)} fetched with "${label}" from ${escapeRegExp(second)}/graphql`));
  });
});
