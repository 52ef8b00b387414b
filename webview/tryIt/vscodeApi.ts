/** The one place the page talks to VS Code: typed messages out, non-secret state kept. */
import type { WebviewMessage } from '../../src/protocol/tryIt/webviewMessages';
import { parsePanelState, type PanelState } from './panelState';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called only once per page load.
const api = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  api.postMessage(message);
}

export function loadPanelState(): PanelState {
  return parsePanelState(api.getState());
}

export function savePanelState(state: PanelState): void {
  api.setState(state);
}
