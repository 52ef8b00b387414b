import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../fixtures/sandbox';
import { addAccountThroughPalette, addStep, type PaletteAccount } from '../e2e/helpers/accounts';
import { runCommand } from '../e2e/helpers/commandPalette';
import { rememberCanary, uniqueSecret } from '../e2e/helpers/leakCanaries';
import { clearNotifications, waitForNotification } from '../e2e/helpers/notifications';
import { inputBoxValidationMessage, pickQuickInputItem, submitInputBox, typeIntoQuickInput, waitForQuickInput } from '../e2e/helpers/quickInput';
import { waitForStatusBarText } from '../e2e/helpers/statusBar';
import { TryItPanel, openTryIt } from '../e2e/helpers/tryIt';
import { waitUntil } from '../e2e/helpers/waitUntil';
import { closeSuiteWorkbench, openSuiteWorkbench } from '../e2e/session';
import { watchSandbox } from './figures';
import {
  ADD_STEPS,
  addAccountUpTo,
  cancelPrompt,
  closeLeftoverPrompt,
  editAccountUpTo,
  savedAccountLabels,
  typeRefusedValue,
  waitForNoValidationMessage,
} from './helpers/accountPrompts';
import { naming } from './helpers/meaning';
import { uniqueClient } from './helpers/tokenFaults';
import { rememberCurrentSandboxToken } from '../e2e/helpers/sandboxAccount';

/** Saved first, on purpose: the account the edit tests try to spoil, and the one list every check expects. */
const BASELINE = 'input-baseline';
/** Saved by the §4.3 test: an account whose endpoints are http:// on loopback. */
const LOOPBACK = 'loopback-http';

/** The prompt step 3 shows while its value is acceptable (the message area shows the prompt then). */
const TOKEN_ENDPOINT_PROMPT = /^The token endpoint shown on the service account page in Pipefy/;

/**
 * What the product says about each bad value: the field, what is wrong with the value, and what to
 * do, by their key words (src/core/accounts/endpointUrl.ts words the URL ones).
 */
const notAUrl = (what: string, value: string) => naming(what, `"${value}"`, 'URL', 'https://');
const notLoopback = (what: string, host: string) => naming(what, `http:// to ${host}`, 'loopback', 'Use https://');
// The prompt names the same range as guidance; the problem says the value breaks it.
const LIFETIME_OUT_OF_RANGE = naming('lifetime must', '5 minutes', '30 days');
const CLIENT_ID_EMPTY = naming('client ID', 'empty', 'service account page');
const SECRET_EMPTY = naming('client secret', 'empty', 'create a new one');

/** One bad value typed into one step of "Pipefy: Add Service Account". */
interface AddCase {
  /** The ids of docs/security-rules.md this case proves, as the title starts with them. */
  readonly lines: string;
  readonly name: string;
  /** Each case's own label, so an account half-saved by it would show in the list. */
  readonly label: string;
  readonly step: number;
  readonly value: string;
  readonly problem: RegExp;
  /** A value the same box then accepts, which makes the message go. */
  readonly accepted: string;
}

const ADD_CASES: readonly AddCase[] = [
  {
    lines: '§5.input.url',
    name: 'a token endpoint without a scheme',
    label: 'add-no-scheme',
    step: ADD_STEPS.tokenEndpoint,
    value: 'app.pipefy.com/oauth/token',
    problem: notAUrl('token endpoint', 'app.pipefy.com/oauth/token'),
    accepted: 'https://app.pipefy.com/oauth/token',
  },
  {
    lines: '§5.input.url',
    name: 'a token endpoint with another scheme (ftp://)',
    label: 'add-ftp',
    step: ADD_STEPS.tokenEndpoint,
    value: 'ftp://app.pipefy.com/oauth/token',
    problem: naming('token endpoint', '"ftp:"', 'https://'),
    accepted: 'https://app.pipefy.com/oauth/token',
  },
  {
    lines: '§5.input.url',
    name: 'a token endpoint with a user name and password in it',
    label: 'add-userinfo',
    step: ADD_STEPS.tokenEndpoint,
    value: 'https://me:pass@app.pipefy.com/oauth/token',
    problem: naming('token endpoint', 'user name or password', 'client ID and secret'),
    accepted: 'https://app.pipefy.com/oauth/token',
  },
  {
    lines: '§5.input.url',
    name: 'a GraphQL endpoint that is not a URL',
    label: 'add-bad-graphql',
    step: ADD_STEPS.graphqlEndpoint,
    value: 'not a url',
    problem: notAUrl('GraphQL endpoint', 'not a url'),
    accepted: 'https://api.pipefy.com/graphql',
  },
  {
    lines: '§4.3 §5.input.url',
    name: 'an http:// token endpoint on a host that is not loopback',
    label: 'add-http-token',
    step: ADD_STEPS.tokenEndpoint,
    value: 'http://app.pipefy.com/oauth/token',
    problem: notLoopback('token endpoint', 'app.pipefy.com'),
    accepted: 'https://app.pipefy.com/oauth/token',
  },
  {
    lines: '§4.3 §5.input.url',
    name: 'an http:// token endpoint on a look-alike of loopback (localhost.example.com)',
    label: 'add-http-lookalike',
    step: ADD_STEPS.tokenEndpoint,
    value: 'http://localhost.example.com/oauth/token',
    problem: notLoopback('token endpoint', 'localhost.example.com'),
    accepted: 'https://localhost.example.com/oauth/token',
  },
  {
    lines: '§4.3 §5.input.url',
    name: 'an http:// GraphQL endpoint on a host that is not loopback',
    label: 'add-http-graphql',
    step: ADD_STEPS.graphqlEndpoint,
    value: 'http://api.pipefy.com/graphql',
    problem: notLoopback('GraphQL endpoint', 'api.pipefy.com'),
    accepted: 'https://api.pipefy.com/graphql',
  },
  {
    lines: '§5.input.credentials',
    name: 'an empty client ID',
    label: 'add-empty-id',
    step: ADD_STEPS.clientId,
    value: '',
    problem: CLIENT_ID_EMPTY,
    accepted: 'some-client-id',
  },
  {
    lines: '§5.input.credentials',
    name: 'a client ID of spaces only',
    label: 'add-blank-id',
    step: ADD_STEPS.clientId,
    value: '   ',
    problem: CLIENT_ID_EMPTY,
    accepted: 'some-client-id',
  },
  {
    lines: '§5.input.credentials',
    name: 'an empty client secret',
    label: 'add-empty-secret',
    step: ADD_STEPS.clientSecret,
    value: '',
    problem: SECRET_EMPTY,
    accepted: 'x',
  },
  {
    lines: '§5.input.lengths',
    name: 'a description of 141 characters',
    label: 'add-long-description',
    step: ADD_STEPS.description,
    value: 'd'.repeat(141),
    problem: naming('description', '141 characters', 'limit is 140'),
    accepted: 'd'.repeat(140),
  },
  {
    lines: '§5.input.lifetime',
    name: 'a lifetime of 4 minutes (under 5 minutes)',
    label: 'add-short-lifetime',
    step: ADD_STEPS.lifetime,
    value: '4m',
    problem: LIFETIME_OUT_OF_RANGE,
    accepted: '5m',
  },
  {
    lines: '§5.input.lifetime',
    name: 'a lifetime of 31 days (over 30 days)',
    label: 'add-long-lifetime',
    step: ADD_STEPS.lifetime,
    value: '31d',
    problem: LIFETIME_OUT_OF_RANGE,
    accepted: '30d',
  },
  {
    lines: '§5.input.lifetime',
    name: 'a lifetime that is not a duration ("soon")',
    label: 'add-word-lifetime',
    step: ADD_STEPS.lifetime,
    value: 'soon',
    problem: naming('seconds', 'm, h or d', '30d'),
    accepted: '12h',
  },
];

/** One bad value typed into a field of "Pipefy: Edit Service Account", for the baseline account. */
interface EditCase {
  readonly lines: string;
  readonly name: string;
  readonly field: 'Label' | 'Token endpoint' | 'Client ID';
  readonly value: string;
  readonly problem: RegExp;
}

const EDIT_CASES: readonly EditCase[] = [
  {
    lines: '§5.input.lengths',
    name: 'a new label of 21 characters',
    field: 'Label',
    value: 'a-label-of-21-chars-x',
    problem: naming('label', '21 characters', 'limit is 20'),
  },
  { lines: '§5.input.credentials', name: 'a client ID cleared', field: 'Client ID', value: '', problem: CLIENT_ID_EMPTY },
  {
    lines: '§4.3 §5.input.url',
    name: 'a token endpoint changed to http:// on a host that is not loopback',
    field: 'Token endpoint',
    value: 'http://app.pipefy.com/oauth/token',
    problem: notLoopback('token endpoint', 'app.pipefy.com'),
  },
];

/** A bad ad hoc value in Try It, refused at Send; `field` is the control whose problem slot says why. */
interface SendCase {
  readonly lines: string;
  readonly name: string;
  readonly values: { readonly tokenEndpoint?: string; readonly clientId?: string; readonly clientSecret?: string };
  readonly field: 'token-endpoint' | 'client-id' | 'client-secret';
  readonly problem: RegExp;
}

const SEND_CASES: readonly SendCase[] = [
  {
    lines: '§5.input.url',
    name: 'a token endpoint that is not a URL',
    values: { tokenEndpoint: 'app.pipefy.com/oauth/token' },
    field: 'token-endpoint',
    problem: notAUrl('token endpoint', 'app.pipefy.com/oauth/token'),
  },
  {
    lines: '§4.3 §5.input.url',
    name: 'an http:// token endpoint on a host that is not loopback',
    values: { tokenEndpoint: 'http://app.pipefy.com/oauth/token' },
    field: 'token-endpoint',
    problem: notLoopback('token endpoint', 'app.pipefy.com'),
  },
  { lines: '§5.input.credentials', name: 'an empty client ID', values: { clientId: '' }, field: 'client-id', problem: CLIENT_ID_EMPTY },
  { lines: '§5.input.credentials', name: 'an empty client secret', values: { clientSecret: '' }, field: 'client-secret', problem: SECRET_EMPTY },
];

/** A bad value in Try It's "Save as account" form; `field` is the control whose problem slot says why. */
interface SaveCase {
  readonly lines: string;
  readonly name: string;
  readonly label: string;
  readonly graphqlEndpoint?: string;
  readonly description?: string;
  readonly clientSecret?: string;
  readonly field: 'label' | 'graphql-endpoint' | 'description' | 'client-secret';
  readonly problem: RegExp;
}

const SAVE_CASES: readonly SaveCase[] = [
  {
    lines: '§5.input.lengths',
    name: 'a label of 21 characters',
    label: 'save-label-of-21-chrs',
    field: 'label',
    problem: naming('label', '21 characters', 'limit is 20'),
  },
  {
    lines: '§5.input.lengths',
    name: 'a description of 141 characters',
    label: 'save-long-desc',
    description: 'd'.repeat(141),
    field: 'description',
    problem: naming('description', '141 characters', 'limit is 140'),
  },
  {
    lines: '§4.3 §5.input.url',
    name: 'an http:// GraphQL endpoint on a host that is not loopback',
    label: 'save-http-graphql',
    graphqlEndpoint: 'http://api.pipefy.com/graphql',
    field: 'graphql-endpoint',
    problem: notLoopback('GraphQL endpoint', 'api.pipefy.com'),
  },
  {
    lines: '§5.input.credentials',
    name: 'no client secret',
    label: 'save-no-secret',
    clientSecret: '',
    field: 'client-secret',
    problem: SECRET_EMPTY,
  },
];

/**
 * Bad input the user types (5.input.*) and HTTPS except on loopback (4.3), see
 * docs/security-rules.md: every bad value typed into the palette's account
 * prompts and the Try It panel, one at a time, in the real workbench. Each is refused with a
 * message that says what is wrong and what is expected, where it was typed; nothing is saved or
 * sent; and the extension goes on working.
 */
describe('Account input: refused where it is typed, nothing saved or sent', () => {
  const client = uniqueClient('account-input');
  let sandbox: Sandbox;
  let page: Page;
  /** The accounts saved on purpose; every check of the saved list expects exactly these. */
  const saved: string[] = [];

  /** An account on this file's sandbox, as a user would type it. */
  function accountDraft(label: string, overrides: Partial<PaletteAccount> = {}): PaletteAccount {
    return { label, tokenEndpoint: sandbox.tokenEndpoint, graphqlEndpoint: sandbox.graphqlEndpoint, ...client, authMode: 'form', ...overrides };
  }

  async function expectOnlyTheAccountsSavedOnPurpose(): Promise<void> {
    assert.deepEqual(await savedAccountLabels(page), [...saved].sort());
  }

  before(async () => {
    rememberCanary(client.clientSecret, 'the client secret of the account-input tests');
    sandbox = watchSandbox('the account-input sandbox', await startSandbox({ clients: [client] }));
    page = await openSuiteWorkbench();
    await waitForStatusBarText(page, 'no account', undefined, 60_000);
    await addAccountThroughPalette(page, accountDraft(BASELINE));
    saved.push(BASELINE);
  });

  after(async () => {
    await closeSuiteWorkbench(page);
    await sandbox?.close();
  });

  // Before, not after, each test: a failed test's screenshot then shows the prompt it left open.
  beforeEach(() => closeLeftoverPrompt(page));

  describe('"Pipefy: Add Service Account"', () => {
    for (const row of ADD_CASES) {
      it(`${row.lines} ${row.name}: the prompt says what is wrong, Enter does not get past it, nothing is saved`, async () => {
        const secret = uniqueSecret('input-attempt-secret');
        // Reaching a step after the client secret means typing one: never saved, it must not be found at rest either.
        if (row.step > ADD_STEPS.clientSecret) rememberCanary(secret, `a client secret typed into a refused Add Service Account (${row.label})`);
        await addAccountUpTo(page, accountDraft(row.label, { clientSecret: secret }), row.step);
        await typeRefusedValue(page, addStep(row.step), row.value, row.problem);
        // The same box takes a good value: the message was about this value, not the box.
        await typeIntoQuickInput(page, row.accepted);
        await waitForNoValidationMessage(page, row.problem);
        await cancelPrompt(page);
        await expectOnlyTheAccountsSavedOnPurpose();
      });
    }

    it('§4.3 http:// on loopback is accepted: 127.0.0.1, [::1] and localhost pass the prompt, and an account on http://localhost gets a token', async () => {
      const account = accountDraft(LOOPBACK, {
        tokenEndpoint: sandbox.tokenEndpoint.replace('://127.0.0.1:', '://localhost:'),
        graphqlEndpoint: sandbox.graphqlEndpoint,
      });
      assert.match(account.tokenEndpoint, /^http:\/\/localhost:\d+\/oauth\/token$/);
      await addAccountUpTo(page, account, ADD_STEPS.tokenEndpoint);
      // The box refuses http:// elsewhere, then takes each loopback form.
      await typeIntoQuickInput(page, 'http://app.pipefy.com/oauth/token');
      await waitUntil(async () => (notLoopback('token endpoint', 'app.pipefy.com').test(await inputBoxValidationMessage(page)) ? true : undefined),
        () => 'the token endpoint box to refuse http://app.pipefy.com');
      for (const loopback of ['http://127.0.0.1:8080/oauth/token', 'http://[::1]:8080/oauth/token', account.tokenEndpoint]) {
        await typeIntoQuickInput(page, loopback);
        let shown = '';
        await waitUntil(async () => (TOKEN_ENDPOINT_PROMPT.test((shown = await inputBoxValidationMessage(page))) ? true : undefined),
          () => `the token endpoint box to accept ${loopback}; it says "${shown}"`);
      }
      await submitInputBox(page, account.tokenEndpoint, addStep(ADD_STEPS.tokenEndpoint));
      await submitInputBox(page, account.graphqlEndpoint, addStep(ADD_STEPS.graphqlEndpoint));
      await submitInputBox(page, account.clientId, addStep(ADD_STEPS.clientId));
      await submitInputBox(page, account.clientSecret, addStep(ADD_STEPS.clientSecret));
      await waitForQuickInput(page, addStep(ADD_STEPS.authMode));
      await pickQuickInputItem(page, /^Form body/);
      await submitInputBox(page, '', addStep(ADD_STEPS.lifetime));
      await waitForNotification(page, `service account "${LOOPBACK}" saved`);
      saved.push(LOOPBACK);

      await clearNotifications(page);
      await runCommand(page, 'Pipefy: Get Token');
      await waitForNotification(page, `token for "${LOOPBACK}" ready`);
      await rememberCurrentSandboxToken('the token of the account on http://localhost (account-input tests)', sandbox, client);
      await expectOnlyTheAccountsSavedOnPurpose();
    });
  });

  describe('"Pipefy: Edit Service Account"', () => {
    for (const row of EDIT_CASES) {
      it(`${row.lines} ${row.name}: the prompt says what is wrong, Enter does not get past it, the account is unchanged`, async () => {
        const prompt = await editAccountUpTo(page, BASELINE, row.field, saved.length > 1);
        await typeRefusedValue(page, prompt, row.value, row.problem);
        await cancelPrompt(page);
        // Unchanged: still listed under its label (its endpoint and client ID get a token at the end).
        await expectOnlyTheAccountsSavedOnPurpose();
      });
    }
  });

  describe('Try It', () => {
    let panel: TryItPanel;

    before(async () => {
      panel = await openTryIt(page);
      await panel.selectAccount('Ad hoc values');
    });

    /** The saved accounts the Account dropdown offers, by label, sorted. */
    async function dropdownAccounts(): Promise<string[]> {
      const options = await panel.el('account').locator('vscode-option').allTextContents();
      return options
        .map((option) => option.trim().replace(/ \(active\)$/, ''))
        .filter((option) => option !== 'Ad hoc values')
        .sort();
    }

    for (const row of SEND_CASES) {
      it(`${row.lines} ad hoc ${row.name}: the field says why, Send refuses it, nothing is sent`, async () => {
        const posts = sandbox.stats.tokenPosts;
        await panel.fillAdHoc({ tokenEndpoint: sandbox.tokenEndpoint, ...client, ...row.values });
        // A bad URL is marked while the user types, before any Send.
        if (row.field === 'token-endpoint') await panel.waitForText('token-endpoint-problem', row.problem);
        const outcome = await panel.send();
        assert.match(outcome.replace(/^Failed: /, ''), row.problem, outcome);
        assert.equal(await panel.el('error').getAttribute('data-code'), 'invalid_config');
        assert.match(await panel.text('error-message'), row.problem);
        assert.equal(await panel.text('error-hint'), 'Fix the marked fields and press Send again.');
        // The cause is said once, in the banner; beside Send only that nothing went out.
        assert.equal(await panel.text('status'), 'Not sent.');
        assert.match(await panel.text(`${row.field}-problem`), row.problem);
        // Nothing went out: no response section at all, and this file's sandbox saw no token request.
        assert.equal(await panel.el('response').isHidden(), true);
        assert.equal(sandbox.stats.tokenPosts, posts);
      });
    }

    it('§4.3 ad hoc http://127.0.0.1 and http://localhost token endpoints are accepted and get a token', async () => {
      for (const tokenEndpoint of [sandbox.tokenEndpoint, sandbox.tokenEndpoint.replace('://127.0.0.1:', '://localhost:')]) {
        assert.match(tokenEndpoint, /^http:\/\/(127\.0\.0\.1|localhost):\d+\//);
        await panel.fillAdHoc({ tokenEndpoint, ...client });
        assert.match(await panel.send(), /^200 OK/, tokenEndpoint);
        assert.equal(await panel.text('token-endpoint-problem'), '');
        rememberCanary((await panel.responseJson()).access_token as string, 'an ad hoc token from http:// on loopback (account-input tests)');
      }
    });

    for (const row of SAVE_CASES) {
      it(`${row.lines} Save as account with ${row.name}: not saved, the field says why`, async () => {
        const secret = row.clientSecret ?? uniqueSecret('save-attempt-secret');
        if (secret) rememberCanary(secret, `a client secret in a refused Save as account (${row.label})`);
        await panel.fillAdHoc({ tokenEndpoint: sandbox.tokenEndpoint, clientId: client.clientId, clientSecret: secret });
        await panel.el('label').locator('input').fill(row.label);
        await panel.el('graphql-endpoint').locator('input').fill(row.graphqlEndpoint ?? sandbox.graphqlEndpoint);
        await panel.el('description').locator('input').fill(row.description ?? '');
        // Cleared first, so an earlier attempt's identical message cannot pass for this one's.
        await panel.el('save-status').evaluate((element) => (element.textContent = ''));
        await panel.el('save-account').click();
        await panel.waitForText('save-status', naming('not saved', 'marked fields'));
        assert.equal(await panel.el('save-status').getAttribute('data-kind'), 'error');
        assert.match(await panel.waitForText(`${row.field}-problem`, row.problem), row.problem);
        assert.deepEqual(await dropdownAccounts(), [...saved].sort());
        await expectOnlyTheAccountsSavedOnPurpose();
      });
    }

    it('after every refused input, the saved accounts are as they were and each still gets a token', async () => {
      assert.deepEqual(await dropdownAccounts(), [...saved].sort());
      for (const label of saved) {
        await panel.selectAccount(label);
        assert.match(await panel.send(), /^200 OK/, label);
      }
      await expectOnlyTheAccountsSavedOnPurpose();
    });
  });
});
