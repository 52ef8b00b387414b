import * as vscode from 'vscode';
import { registerMemoryText } from './memoryText';
import { installNetworkTripwire, type NetworkAttempt } from './networkTripwire';
import { runStartupCommands } from './startupCommands';
import { runSuiteFromEnvironment } from './suiteRunner';

/** The extension under test. */
const PRODUCT_ID = 'pipefy-playground.pipefy-playground';
/** The `source` of network attempts made by the product's activation or anything it started. */
export const PRODUCT_ACTIVATION = 'product-activation';

/**
 * What integration tests get from `vscode.extensions.getExtension(HOST_RUNNER_ID).exports`.
 * Test-only: never shipped, and the product never sees it.
 */
export interface HostRunnerApi {
  /** A real SecretStorage, for tests that need one before the product exposes its own store. */
  secrets: vscode.SecretStorage;
  /** This extension's real global state, kept where the product's is. */
  globalState: vscode.Memento;
  /** Every outgoing connection since this extension host started (see networkTripwire). */
  networkAttempts: readonly NetworkAttempt[];
  /** Runs `work` so that the network attempts it causes carry `source`. */
  traced<T>(source: string, work: () => T): T;
  /** The product's activation, started by this runner under PRODUCT_ACTIVATION; undefined if it had started already. */
  productActivation: Thenable<unknown> | undefined;
}

export function activate(context: vscode.ExtensionContext): HostRunnerApi {
  const tripwire = installNetworkTripwire();
  // This extension activates on `*`, before the product's own activation event fires, so the
  // product activates here, inside a traced context that marks whatever network use it causes.
  const product = vscode.extensions.getExtension(PRODUCT_ID);
  const productActivation = product && !product.isActive ? tripwire.traced(PRODUCT_ACTIVATION, () => product.activate()) : undefined;

  const log = vscode.window.createOutputChannel('Pipefy Test Host Runner', { log: true });
  context.subscriptions.push(log, registerMemoryText());
  // Later, so activate() returns and the exports are available to the suite it starts.
  setTimeout(() => {
    runStartupCommands(context).catch((error: unknown) => log.error('startup commands failed', error));
    runSuiteFromEnvironment().catch((error: unknown) => log.error('integration suite failed', error));
  }, 0);
  return { secrets: context.secrets, globalState: context.globalState, networkAttempts: tripwire.attempts, traced: tripwire.traced, productActivation };
}

export function deactivate(): void {}
