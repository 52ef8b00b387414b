/**
 * A Send's outcome: the error (what went wrong, what to do), the response (status, time, size,
 * headers, body) and the request that went out, secret redacted. Built with textContent only.
 */
import type { ResponseView, ResultView } from '../../src/protocol/tryIt/views';
import { textElement } from './dom';
import { formatBytes, formatDuration, formatRequest, formatStatus } from './format';
import { renderJson } from './jsonView';
import type { TryItPage } from './tryItPage';

export class ResultPanel {
  private readonly error: HTMLElement;
  private readonly errorMessage: HTMLElement;
  private readonly errorHint: HTMLElement;
  private readonly response: HTMLElement;
  private readonly status: HTMLElement;
  private readonly time: HTMLElement;
  private readonly size: HTMLElement;
  private readonly body: HTMLElement;
  private readonly headers: HTMLTableElement;
  private readonly sent: HTMLElement;
  private readonly copy: HTMLElement;
  private readonly placeholder: HTMLElement;

  constructor(page: TryItPage) {
    this.error = page.error;
    this.errorMessage = page.errorMessage;
    this.errorHint = page.errorHint;
    this.response = page.response;
    this.status = page.responseStatus;
    this.time = page.responseTime;
    this.size = page.responseSize;
    this.body = page.responseJson;
    this.headers = page.responseHeaders;
    this.sent = page.requestSent;
    this.copy = page.copyResponse;
    this.placeholder = page.resultPlaceholder;
  }

  show(result: ResultView): void {
    this.placeholder.hidden = true;
    this.showError(result.ok ? undefined : result.error);
    this.showResponse(result.response);
    this.sent.textContent = result.request ? formatRequest(result.request) : '';
    // Nothing came back (refused before sending, no answer, an answer too big to read): the error
    // says so, and an empty response section would only repeat it.
    this.response.hidden = !result.response;
  }

  private showError(error: Extract<ResultView, { ok: false }>['error'] | undefined): void {
    this.error.hidden = error === undefined;
    if (!error) return;
    this.error.dataset.code = error.code;
    this.errorMessage.textContent = error.message;
    this.errorHint.textContent = error.hint;
  }

  private showResponse(response: ResponseView | undefined): void {
    this.copy.hidden = response === undefined;
    if (!response) {
      this.status.textContent = '';
      this.body.textContent = '';
      this.headers.replaceChildren();
      return;
    }
    this.status.textContent = formatStatus(response.status);
    this.status.dataset.outcome = response.status >= 200 && response.status < 300 ? 'success' : 'failure';
    this.time.textContent = formatDuration(response.durationMs);
    this.size.textContent = formatBytes(response.sizeBytes);
    renderJson(this.body, response.bodyText);
    this.headers.replaceChildren(
      ...Object.entries(response.headers).map(([name, value]) => {
        const row = document.createElement('tr');
        row.append(textElement('th', name), textElement('td', value));
        return row;
      }),
    );
  }
}
