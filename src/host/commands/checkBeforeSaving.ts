import * as vscode from 'vscode';
import type { AccountDraft, AccountMetadata } from '../../core/accounts/account';
import { judgeCheckFailure, SUSPECT_FIELD_NAMES, type SuspectField } from '../../core/accounts/credentialCheck';
import { CommandCancelled } from '../../core/commands/commandArgs';
import type { TokenOutcome } from '../../core/oauth/requestToken';
import { withDelayedProgress } from '../delayedProgress';
import { promptFix } from './accountPrompts';
import type { CommandDeps } from './commandRunner';

/** A draft ready to save: checked, with the token the check got, or saved anyway, with why it could not be checked. */
export type CheckedDraft =
  | { readonly draft: AccountDraft; readonly checked: Extract<TokenOutcome, { ok: true }> }
  | { readonly draft: AccountDraft; readonly unchecked: string };

type Choice = vscode.MessageItem & ({ readonly field: SuspectField } | { readonly again: true } | { readonly anyway: true });

/**
 * Asks the token endpoint for a token with the draft's credentials before anything is saved, so a
 * mistyped secret is caught while the user still has it in mind. On a refusal a modal names the
 * field it points at: Fix reopens that field's step with what was typed, then checks again; Save
 * Anyway is for an endpoint that is down; Cancel saves nothing. `editing` is the account an edit
 * changes: an empty secret in the draft then means its stored one.
 */
export async function checkBeforeSaving(deps: CommandDeps, draft: AccountDraft, editing?: AccountMetadata): Promise<CheckedDraft> {
  const storedSecret = editing && !draft.clientSecret ? await deps.accounts.readSecret(editing.id) : undefined;
  for (;;) {
    const secret = draft.clientSecret || storedSecret || '';
    const outcome = await withDelayedProgress(`Pipefy: asking ${draft.tokenEndpoint} for a token as "${draft.label}"…`, (signal) => deps.tokens.request(draft, secret, signal));
    if (outcome.ok) return { draft, checked: outcome };

    const refusal = judgeCheckFailure(outcome.error, draft.authMode);
    const choices: Choice[] = [
      ...refusal.suspects.map((field) => ({ title: `Fix ${SUSPECT_FIELD_NAMES[field]}`, field })),
      ...(refusal.unjudged ? [{ title: 'Try Again', again: true as const }] : []),
      { title: 'Save Anyway', anyway: true },
    ];
    const choice = await vscode.window.showWarningMessage(
      `"${draft.label}" is not saved yet: ${refusal.reason}.`,
      // The endpoint's words may echo what was sent: the secret is redacted from them, as in every error shown.
      { modal: true, detail: `${deps.log.redactor.redact(refusal.detail)}\n\nWhat you typed is kept: fix a field and it is checked again, or save it as it is.` },
      ...choices,
    );
    if (!choice) throw new CommandCancelled();
    if ('anyway' in choice) return { draft, unchecked: refusal.reason };
    if ('field' in choice) draft = await promptFix(deps.accounts, draft, choice.field, editing);
  }
}
