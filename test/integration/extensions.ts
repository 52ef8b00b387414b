import * as vscode from 'vscode';
import type { HostRunnerApi } from '../host-runner/src/extension';

export const PRODUCT_ID = 'pipefy-playground.pipefy-playground';
export const HOST_RUNNER_ID = 'pipefy-playground.pipefy-test-host-runner';

export function productExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(PRODUCT_ID);
  if (!extension) throw new Error(`${PRODUCT_ID} is not installed in this extension host.`);
  return extension;
}

/** The test-only runner's API (a SecretStorage, the network log); it is installed next to the product. */
export async function hostRunner(): Promise<HostRunnerApi> {
  const extension = vscode.extensions.getExtension<HostRunnerApi>(HOST_RUNNER_ID);
  if (!extension) throw new Error(`${HOST_RUNNER_ID} is not installed; the integration run must install test/host-runner.`);
  return extension.activate();
}
