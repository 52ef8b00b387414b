/**
 * A Send's outcome: the error (what went wrong, what to do), the response (status, time, size,
 * headers, body) and the request that went out, secret redacted. Built with textContent only.
 */
import type { ResponseView, ResultView } from '../../src/protocol/tryIt/views';
import { byId, textElement } from './dom';
import { formatBytes, formatDuration, formatRequest, formatStatus } from './format';
import { renderJson } from './jsonView';

export class ResultPanel {
  private readonly error = byId('error');
  private readonly errorMessage = byId('error-message');
  private readonly errorHint = byId('error-hint');
  private readonly response = byId('response');
  private readonly status = byId('response-status');
  private readonly time = byId('response-time');
  private readonly size = byId('response-size');
  private readonly body = byId('response-json');
  private readonly headers = byId<HTMLTableElement>('response-headers');
  private readonly sent = byId('request-sent');
  private readonly copy = byId('copy-response');

  private readonly placeholder = byId('result-placeholder');

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
