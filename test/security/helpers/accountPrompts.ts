import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { AUTH_MODE_ITEMS, addStep, escapeRegExp, type EditableField, type PaletteAccount } from '../../e2e/helpers/accounts';
import { runCommand } from '../../e2e/helpers/commandPalette';
import {
  closeQuickInput,
  inputBoxValidationMessage,
  pickQuickInputItem,
  quickInputBox,
  quickInputDescription,
  quickInputWidget,
  submitInputBox,
  typeIntoQuickInput,
  waitForQuickInput,
} from '../../e2e/helpers/quickInput';
import { waitUntil } from '../../e2e/helpers/waitUntil';

/**
 * The palette's account prompts, stopped at the one a test is about, so the test can type a bad
 * value there and see what the user sees. (test/e2e/helpers/accounts.ts answers every prompt.)
 */

/** The steps of "Pipefy: Add Service Account", in order (the n of its "(n/8)" titles). */
export const ADD_STEPS = {
  label: 1,
  description: 2,
  tokenEndpoint: 3,
  graphqlEndpoint: 4,
  clientId: 5,
  clientSecret: 6,
  authMode: 7,
  lifetime: 8,
} as const;

/**
 * Runs "Pipefy: Add Service Account" and answers every step before `step` with `account`'s values,
 * leaving the box of `step` open.
 */
export async function addAccountUpTo(page: Page, account: PaletteAccount, step: number): Promise<void> {
  await runCommand(page, 'Pipefy: Add Service Account');
  const answers = [account.label, account.description ?? '', account.tokenEndpoint, account.graphqlEndpoint, account.clientId, account.clientSecret];
  for (let n = 1; n < step; n++) {
    if (n === ADD_STEPS.authMode) {
      await waitForQuickInput(page, addStep(n));
      await pickQuickInputItem(page, AUTH_MODE_ITEMS[account.authMode]);
    } else {
      await submitInputBox(page, answers[n - 1], addStep(n));
    }
  }
  await waitForQuickInput(page, addStep(step));
}

/**
 * Runs "Pipefy: Edit Service Account" for `account` (picking it first when `several` exist),
 * ticks `field`, and leaves that field's input box open.
 */
export async function editAccountUpTo(page: Page, account: string, field: Exclude<EditableField, 'Client authentication'>, several: boolean): Promise<RegExp> {
  await runCommand(page, 'Pipefy: Edit Service Account');
  if (several) {
    await waitForQuickInput(page, 'Which service account to edit?');
    await pickQuickInputItem(page, new RegExp(`^${escapeRegExp(account)}$`));
  }
  await waitForQuickInput(page, `Edit Pipefy Service Account "${account}"`);
  const widget = quickInputWidget(page);
  const fieldName = page.locator('.label-name', { hasText: new RegExp(`^${field}$`) });
  await widget.locator('.quick-input-list .monaco-list-row').filter({ has: fieldName }).locator('.monaco-checkbox').click();
  await widget.locator('.quick-input-list .monaco-list-row[aria-checked="true"]').filter({ has: fieldName }).waitFor();
  await quickInputBox(page).press('Enter');
  const prompt = new RegExp(`Edit "${escapeRegExp(account)}" \\(1/1\\)`);
  await waitForQuickInput(page, prompt);
  return prompt;
}

/** Waits until the open input box shows a validation message matching `problem`, and returns it. */
export async function waitForValidationMessage(page: Page, problem: RegExp): Promise<string> {
  let shown = '';
  return waitUntil(async () => {
    shown = await inputBoxValidationMessage(page);
    return problem.test(shown) ? shown : undefined;
  }, () => `the input box to say ${String(problem)}; it says "${shown}"`);
}

/** Waits until the open input box no longer shows a message matching `problem` (it shows its prompt again). */
export async function waitForNoValidationMessage(page: Page, problem: RegExp): Promise<void> {
  let shown = '';
  await waitUntil(async () => {
    shown = await inputBoxValidationMessage(page);
    return problem.test(shown) ? undefined : true;
  }, () => `the input box to stop saying ${String(problem)}; it says "${shown}"`);
}

/** How long a refused box is watched after Enter: the extension host would have moved on well within it. */
const REFUSAL_WATCH_MS = 1_500;

/**
 * Types `value` into the open input box (titled `prompt`) and presses Enter, as a user would; the
 * box must say what is wrong (as soon as it is typed, for a value that is not empty) and stay put
 * with that message and the value in it for a while: a prompt that accepted the value would have
 * closed or moved to the next step. Returns the message.
 */
export async function typeRefusedValue(page: Page, prompt: RegExp, value: string, problem: RegExp): Promise<string> {
  await waitForQuickInput(page, prompt);
  await typeIntoQuickInput(page, value);
  // An empty box is only checked on Enter: nothing was typed that could be checked before.
  if (value !== '') await waitForValidationMessage(page, problem);
  await quickInputBox(page).press('Enter');
  const message = await waitForValidationMessage(page, problem);
  const until = Date.now() + REFUSAL_WATCH_MS;
  while (Date.now() < until) {
    assert.match(await quickInputDescription(page), prompt, 'the prompt moved on after Enter with a refused value');
    assert.equal(await quickInputBox(page).inputValue(), value);
    assert.match(await inputBoxValidationMessage(page), problem);
    await page.waitForTimeout(100);
  }
  return message;
}

/** Escape: the command ends quietly, with nothing saved. */
export async function cancelPrompt(page: Page): Promise<void> {
  await closeQuickInput(page);
}

/**
 * The labels "Pipefy: Switch Service Account" offers (every saved account), sorted; the pick is
 * closed again. Each row's first label only: its detail line (the token endpoint) is a label too.
 */
export async function savedAccountLabels(page: Page): Promise<string[]> {
  await runCommand(page, 'Pipefy: Switch Service Account');
  await waitForQuickInput(page, 'Which service account to use in this workspace?');
  const rows = quickInputWidget(page).locator('.quick-input-list .monaco-list-row');
  const labels = await waitUntil(async () => {
    const count = await rows.count();
    if (count === 0) return undefined;
    const texts = await Promise.all([...Array(count).keys()].map((index) => rows.nth(index).locator('.label-name').first().innerText()));
    return texts.map((text) => text.trim());
  }, () => 'the saved accounts to be listed');
  await closeQuickInput(page);
  return labels.sort();
}

/**
 * After a failed test: ends a prompt it left open (they ignore focus loss), which would otherwise
 * take the next test's palette input as its answer.
 */
export async function closeLeftoverPrompt(page: Page): Promise<void> {
  if (await quickInputBox(page).isVisible()) await closeQuickInput(page);
}
