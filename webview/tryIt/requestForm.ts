/**
 * The request form: a saved account (its values shown read-only, its secret only as "stored") or
 * ad hoc values. The typed ad hoc secret lives in this object and the field, never in saved state.
 */
import { CLIENT_AUTH_MODES, isClientAuthMode, type ClientAuthMode } from '../../src/core/accounts/account';
import type { AccountSummary } from '../../src/protocol/tryIt/views';
import type { PreviewTarget, SendTarget } from '../../src/protocol/tryIt/webviewMessages';
import type { VscodeSingleSelect, VscodeTextfield } from './components';
import { AD_HOC, type PanelState } from './panelState';
import { SecretField } from './secretField';
import type { TryItPage } from './tryItPage';

type AdHocValues = PanelState['adHoc'];

export class RequestForm {
  private readonly accountSelect: VscodeSingleSelect;
  private readonly accountDetails: HTMLElement;
  private readonly endpoint: VscodeTextfield;
  private readonly clientId: VscodeTextfield;
  private readonly secret: SecretField;
  private readonly secretHelper: HTMLElement;
  private readonly authMode: VscodeSingleSelect;

  private accounts: readonly AccountSummary[] = [];
  private selection: string;
  private adHoc: AdHocValues;
  private adHocSecret = '';

  constructor(
    page: TryItPage,
    initial: PanelState,
    private readonly onChange: () => void,
  ) {
    this.accountSelect = page.account;
    this.accountDetails = page.accountDetails;
    this.endpoint = page.tokenEndpoint;
    this.clientId = page.clientId;
    this.secret = new SecretField(page.secretInput, page.revealSecret, () => this.readAdHoc());
    this.secretHelper = page.secretHelper;
    this.authMode = page.authMode;
    this.selection = initial.selection;
    this.adHoc = initial.adHoc;
    this.accountSelect.addEventListener('change', () => {
      this.selection = this.accountSelect.value || AD_HOC;
      this.render();
      this.onChange();
    });
    for (const field of [this.endpoint, this.clientId]) field.addEventListener('input', () => this.readAdHoc());
    this.authMode.addEventListener('change', () => this.readAdHoc());
    this.render();
  }

  get isAdHoc(): boolean {
    return this.selectedAccount() === undefined;
  }

  get selectedAccountId(): string | undefined {
    return this.selectedAccount()?.id;
  }

  /** The part that survives hiding: which account, and the non-secret ad hoc values. */
  get state(): Pick<PanelState, 'selection' | 'adHoc'> {
    return { selection: this.selection, adHoc: this.adHoc };
  }

  /**
   * A new list of accounts. When the active account changed (a switch, an add) and the panel is on
   * a saved account rather than values of its own, it moves to the new active one. Returns whether it did.
   */
  setAccounts(accounts: readonly AccountSummary[]): boolean {
    const activeBefore = this.accounts.find((account) => account.active)?.id;
    const activeNow = accounts.find((account) => account.active)?.id;
    const follows = this.accounts.length > 0 && this.selectedAccount() !== undefined && activeNow !== undefined && activeNow !== activeBefore;
    this.accounts = accounts;
    if (follows && activeNow) this.selection = activeNow;
    this.render();
    return follows;
  }

  select(selection: string): void {
    this.selection = selection;
    this.render();
  }

  previewTarget(): PreviewTarget {
    const account = this.selectedAccount();
    if (account) return { kind: 'account', accountId: account.id };
    return { kind: 'adhoc', ...this.adHoc, secretEntered: this.adHocSecret.length > 0 };
  }

  sendTarget(): SendTarget {
    const account = this.selectedAccount();
    if (account) return { kind: 'account', accountId: account.id };
    return { kind: 'adhoc', ...this.adHoc, clientSecret: this.adHocSecret };
  }

  adHocCredentials(): AdHocValues & { readonly clientSecret: string } {
    return { ...this.adHoc, clientSecret: this.adHocSecret };
  }

  /** After "Save as account" the secret belongs to SecretStorage; the page lets go of it. */
  forgetSecret(): void {
    this.adHocSecret = '';
    this.secret.value = '';
  }

  focusFirst(): void {
    (this.isAdHoc ? this.endpoint : this.accountSelect).focus();
  }

  private selectedAccount(): AccountSummary | undefined {
    return this.accounts.find((account) => account.id === this.selection);
  }

  private readAdHoc(): void {
    if (!this.isAdHoc) return;
    const authMode = this.authMode.value;
    this.adHoc = {
      tokenEndpoint: this.endpoint.value,
      clientId: this.clientId.value,
      authMode: isClientAuthMode(authMode) ? authMode : this.adHoc.authMode,
    };
    this.adHocSecret = this.secret.value;
    this.onChange();
  }

  private render(): void {
    this.renderAccountOptions();
    const account = this.selectedAccount();
    for (const field of [this.endpoint, this.clientId, this.secret]) field.readonly = account !== undefined;
    this.authMode.disabled = account !== undefined;
    if (account) {
      this.endpoint.value = account.tokenEndpoint;
      this.clientId.value = account.clientId;
      this.secret.value = '';
      this.secret.placeholder = account.hasSecret ? 'stored' : 'not set';
      this.setAuthMode(account.authMode);
      const active = this.accounts.find((candidate) => candidate.active);
      // One line when Send would not use the account the status bar and saved requests use.
      const notActive = !account.active && active ? `Not the active account: the status bar and saved requests use "${active.label}". ` : '';
      this.accountDetails.textContent = `${notActive}Saved account${account.active ? ' (active)' : ''}: ${account.tokenEndpoint} · client ID ${account.clientId}. Change it with "Pipefy: Edit Service Account".`;
      this.secretHelper.textContent = account.hasSecret
        ? 'Stored in VS Code\'s SecretStorage; it is never shown here.'
        : 'No secret is stored for this account. Add it with "Pipefy: Edit Service Account".';
    } else {
      this.endpoint.value = this.adHoc.tokenEndpoint;
      this.clientId.value = this.adHoc.clientId;
      this.secret.value = this.adHocSecret;
      this.secret.placeholder = 'Shown once in Pipefy when the service account was created';
      this.setAuthMode(this.adHoc.authMode);
      this.accountDetails.textContent = 'Ad hoc: type the values below. Nothing is stored unless you save them as an account.';
      this.secretHelper.textContent = '';
    }
  }

  private renderAccountOptions(): void {
    const options = [
      option(AD_HOC, 'Ad hoc values', 'Type a token endpoint, client ID and secret; nothing is stored.'),
      ...this.accounts.map((account) =>
        option(account.id, account.active ? `${account.label} (active)` : account.label, `${account.tokenEndpoint} · ${account.clientId}`),
      ),
    ];
    const wanted = this.selectedAccount() ? this.selection : AD_HOC;
    for (const element of options) element.selected = element.value === wanted;
    this.accountSelect.replaceChildren(...options);
    this.accountSelect.value = wanted;
  }

  private setAuthMode(mode: ClientAuthMode): void {
    if (CLIENT_AUTH_MODES.includes(mode)) this.authMode.value = mode;
  }

}

function option(value: string, text: string, description: string) {
  const element = document.createElement('vscode-option');
  element.value = value;
  element.description = description;
  element.textContent = text;
  return element;
}
