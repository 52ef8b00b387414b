/**
 * The page's controller: form events become messages to the host, host messages become DOM
 * updates. The page holds no credentials beyond what the user is typing, and computes nothing
 * that the host must trust.
 */
import { isHostMessage, type HostMessage } from '../../src/protocol/tryIt/hostMessages';
import type { CopyTarget, ResultView } from '../../src/protocol/tryIt/views';
import { CountdownView } from './countdownView';
import { FieldProblems } from './fieldProblems';
import { formatDuration, formatRequest, formatStatus } from './format';
import { RequestForm } from './requestForm';
import { ResultPanel } from './resultView';
import { SaveForm } from './saveForm';
import { SnippetsView } from './snippetsView';
import { buildTryItPage, type TryItPage } from './tryItPage';
import { loadPanelState, post, savePanelState } from './vscodeApi';

/** Typing sends a preview request at most this often. */
const PREVIEW_DELAY_MS = 150;
const COPIED_FEEDBACK_MS = 1500;
/** Where the stylesheet puts request and result side by side (media/tryIt.css). */
const SIDE_BY_SIDE = '(min-width: 860px)';

export class TryItApp {
  private readonly page: TryItPage;
  private readonly form: RequestForm;
  private readonly saveForm: SaveForm;
  private readonly snippets: SnippetsView;
  private readonly result: ResultPanel;
  private readonly countdown: CountdownView;
  private readonly problems: FieldProblems;
  private lastResult: ResultView | undefined;
  /** The ad hoc values (secret included, in memory only) of the last Send, when it failed. */
  private failedAdHoc: string | undefined;
  private busy = false;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement) {
    const page = buildTryItPage(root);
    this.page = page;
    const initial = loadPanelState();
    this.form = new RequestForm(page, initial, () => this.formChanged());
    this.saveForm = new SaveForm(page, initial.save, () => this.persist());
    this.snippets = new SnippetsView(page.snippetTabs, page.snippets, initial.snippetLanguage, () => this.persist());
    this.result = new ResultPanel(page);
    this.countdown = new CountdownView(page);
    this.problems = new FieldProblems(page.fields);

    page.requestForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    page.saveForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.saveAccount();
    });
    // vscode-button is form-associated, so a click on `type="submit"` submits its form above.
    page.cancel.addEventListener('click', () => post({ type: 'cancel' }));
    page.getNewToken.addEventListener('click', () => this.submit());
    page.showLogs.addEventListener('click', () => post({ type: 'showLogs' }));
    page.copyResponse.addEventListener('click', () => post({ type: 'copy', what: 'responseBody' }));
    page.copySnippet.addEventListener('click', () => post({ type: 'copy', what: this.snippets.selected }));

    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isHostMessage(event.data)) this.receive(event.data);
    });
    this.saveForm.visible = this.canSave();
    post({ type: 'ready' });
  }

  private receive(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.form.setAccounts(message.accounts);
        if (message.selectAccountId) this.form.select(message.selectAccountId);
        this.setBusy(message.busy);
        if (message.result) this.showResult(message.result);
        this.formChanged(true);
        this.form.focusFirst();
        return;
      case 'accounts':
        if (this.form.setAccounts(message.accounts)) this.form.focusFirst();
        this.formChanged(true);
        return;
      case 'select':
        this.form.select(message.accountId);
        this.formChanged(true);
        // Focus scrolls the Account box into view: the user sees which account Send will use.
        this.form.focusFirst();
        return;
      case 'preview':
        this.page.requestPreview.textContent = formatRequest(message.request);
        this.snippets.show(message.snippets);
        if (this.form.isAdHoc) this.problems.set('tokenEndpoint', message.endpointProblem);
        return;
      case 'busy':
        this.setBusy(message.busy);
        return;
      case 'result':
        this.showResult(message.result);
        this.bringResultIntoView();
        return;
      case 'tokenTimes':
        if (this.lastResult?.source.kind === 'account' && this.lastResult.source.accountId === message.accountId) {
          // After a failed Send, a token still in the cache stays in use; with none, the error says what to do.
          const noToken = this.lastResult.ok ? 'cleared' : undefined;
          const owner = `"${this.lastResult.source.label}"${this.lastResult.ok ? '' : ' (cached earlier; still in use)'}`;
          this.countdown.show(message.token ?? noToken, owner, !this.lastResult.ok);
        }
        return;
      case 'saved':
        this.form.setAccounts(message.accounts);
        this.form.select(message.account.id);
        this.form.forgetSecret();
        this.saveForm.reset();
        this.problems.clear();
        // The save section hides once the saved account is selected, so say it where Send reports.
        this.saveForm.setStatus('');
        this.page.status.dataset.outcome = 'success';
        this.page.status.textContent = `Saved "${message.account.label}" and selected it. Its secret is in VS Code's SecretStorage and will not be shown here again.`;
        this.formChanged(true);
        return;
      case 'saveFailed':
        this.problems.clear();
        this.saveForm.setStatus(this.withUnplaced(message.message, this.problems.show(message.problems)), 'error');
        return;
      case 'copied':
        this.flashCopied(message.what);
        return;
    }
  }

  private submit(): void {
    if (this.busy) return;
    this.problems.clear(['tokenEndpoint', 'clientId', 'clientSecret', 'authMode']);
    post({ type: 'send', target: this.form.sendTarget() });
  }

  private saveAccount(): void {
    if (!this.form.isAdHoc) return;
    this.problems.clear();
    this.saveForm.setStatus('Saving…');
    post({ type: 'saveAccount', draft: this.saveForm.draft(this.form.adHocCredentials()) });
  }

  private showResult(result: ResultView): void {
    this.lastResult = result;
    this.result.show(result);
    const owner = result.source.kind === 'account' ? `"${result.source.label}"` : 'the ad hoc values';
    this.countdown.show(result.ok ? result.token : undefined, owner);
    if (!result.ok && result.error.fieldProblems) this.problems.show(result.error.fieldProblems);
    const status = this.page.status;
    status.dataset.outcome = result.ok ? 'success' : 'failure';
    // Beside Send, only the outcome in a word: what went wrong and what to do is said once, in the
    // error banner at the top of the result.
    const response = result.response;
    const timing = response && `${formatStatus(response.status)} in ${formatDuration(response.durationMs)}`;
    if (timing) status.textContent = result.ok ? timing : `Failed (${timing}).`;
    else if (result.ok) status.textContent = 'Token received.';
    else status.textContent = result.error.code === 'cancelled' ? 'Cancelled.' : result.error.code === 'invalid_config' ? 'Not sent.' : 'Failed.';
    // Values that just failed are not offered for saving; changing any of them offers it again.
    this.failedAdHoc = !result.ok && result.error.code !== 'cancelled' && result.source.kind === 'adhoc' ? this.adHocFingerprint() : undefined;
    this.saveForm.visible = this.canSave();
  }

  /** In one column the result is below the form, out of sight after Send: scroll it up. */
  private bringResultIntoView(): void {
    if (!window.matchMedia(SIDE_BY_SIDE).matches) this.page.result.scrollIntoView({ block: 'start' });
  }

  private canSave(): boolean {
    return this.form.isAdHoc && (this.failedAdHoc === undefined || this.failedAdHoc !== this.adHocFingerprint());
  }

  private adHocFingerprint(): string {
    return JSON.stringify(this.form.adHocCredentials());
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.page.send.disabled = busy;
    this.page.cancel.hidden = !busy;
    this.page.progress.hidden = !busy;
    if (busy) {
      this.page.status.dataset.outcome = 'pending';
      this.page.status.textContent = 'Waiting for the token endpoint…';
    }
  }

  /** Any form change: keep the non-secret state, and ask the host for a fresh preview (debounced). */
  private formChanged(immediately = false): void {
    this.saveForm.visible = this.canSave();
    this.persist();
    if (this.previewTimer !== undefined) clearTimeout(this.previewTimer);
    const ask = () => post({ type: 'preview', target: this.form.previewTarget() });
    if (immediately) ask();
    else this.previewTimer = setTimeout(ask, PREVIEW_DELAY_MS);
  }

  private persist(): void {
    savePanelState({ ...this.form.state, save: this.saveForm.state, snippetLanguage: this.snippets.selected });
  }

  /** The host says it copied: say so on the button for a moment. */
  private flashCopied(what: CopyTarget): void {
    const button = what === 'responseBody' ? this.page.copyResponse : this.page.copySnippet;
    button.dataset.label ??= button.textContent ?? 'Copy';
    button.textContent = 'Copied';
    clearTimeout(Number(button.dataset.timer));
    button.dataset.timer = String(setTimeout(() => (button.textContent = button.dataset.label ?? 'Copy'), COPIED_FEEDBACK_MS));
  }

  private withUnplaced(message: string, unplaced: ReadonlyArray<{ message: string }>): string {
    return [message, ...unplaced.map((problem) => problem.message)].join(' ');
  }
}
