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
  constructor(private readonly page: TryItPage) {}

  show(result: ResultView): void {
    this.page.resultPlaceholder.hidden = true;
    this.showError(result.ok ? undefined : result.error);
    this.showResponse(result.response);
    this.page.requestSent.textContent = result.request ? formatRequest(result.request) : '';
    // Nothing came back (refused before sending, no answer, an answer too big to read): the error
    // says so, and an empty response section would only repeat it.
    this.page.response.hidden = !result.response;
  }

  private showError(error: Extract<ResultView, { ok: false }>['error'] | undefined): void {
    this.page.error.hidden = error === undefined;
    if (!error) return;
    this.page.error.dataset.code = error.code;
    this.page.errorMessage.textContent = error.message;
    this.page.errorHint.textContent = error.hint;
  }

  private showResponse(response: ResponseView | undefined): void {
    this.page.copyResponse.hidden = response === undefined;
    if (!response) {
      this.page.responseStatus.textContent = '';
      this.page.responseJson.textContent = '';
      this.page.responseHeaders.replaceChildren();
      return;
    }
    this.page.responseStatus.textContent = formatStatus(response.status);
    this.page.responseStatus.dataset.outcome = response.status >= 200 && response.status < 300 ? 'success' : 'failure';
    this.page.responseTime.textContent = formatDuration(response.durationMs);
    this.page.responseSize.textContent = formatBytes(response.sizeBytes);
    renderJson(this.page.responseJson, response.bodyText);
    this.page.responseHeaders.replaceChildren(
      ...Object.entries(response.headers).map(([name, value]) => {
        const row = document.createElement('tr');
        row.append(textElement('th', name), textElement('td', value));
        return row;
      }),
    );
  }
}
