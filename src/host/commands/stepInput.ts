import * as vscode from 'vscode';
import { CommandCancelled } from '../../core/commands/commandArgs';

/**
 * One step of a multi-step prompt, built on createInputBox / createQuickPick rather than
 * showInputBox, because only those carry VS Code's Back button. Escape cancels the whole command;
 * Back returns what was in the box, so coming forward again shows it as it was left.
 */

export interface StepTitle {
  readonly title: string;
  /** Whether there is a step to go back to. */
  readonly canGoBack: boolean;
}

export type StepResult<T> = { readonly back: false; readonly value: T } | { readonly back: true; readonly draft?: string };

export interface InputStepOptions {
  readonly prompt: string;
  readonly value?: string;
  readonly password?: boolean;
  readonly placeholder?: string;
  /** A problem to show, or undefined when the value is fine. */
  readonly validate: (value: string) => string | undefined;
}

export function inputStep(step: StepTitle, options: InputStepOptions): Promise<StepResult<string>> {
  const box = vscode.window.createInputBox();
  box.title = step.title;
  box.prompt = options.prompt;
  box.value = options.value ?? '';
  box.password = options.password ?? false;
  box.placeholder = options.placeholder;
  // Stays open while the user switches to Pipefy to copy a value.
  box.ignoreFocusOut = true;
  box.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  // An empty box is only judged on Enter: nothing has been typed that could be wrong yet.
  if (box.value) box.validationMessage = options.validate(box.value);
  return new Promise<StepResult<string>>((resolve, reject) => {
    let settled = false;
    const finish = (result: StepResult<string>) => {
      settled = true;
      resolve(result);
      box.hide();
    };
    const subscriptions = vscode.Disposable.from(
      box.onDidChangeValue((value) => (box.validationMessage = options.validate(value))),
      box.onDidAccept(() => {
        const problem = options.validate(box.value);
        box.validationMessage = problem;
        if (problem === undefined) finish({ back: false, value: box.value });
      }),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish({ back: true, draft: box.value });
      }),
      box.onDidHide(() => {
        subscriptions.dispose();
        box.dispose();
        if (!settled) reject(new CommandCancelled());
      }),
    );
    box.show();
  });
}

export function pickStep<T extends vscode.QuickPickItem>(step: StepTitle, items: readonly T[], options: { readonly placeholder: string; readonly active?: T }): Promise<StepResult<T>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = step.title;
  pick.placeholder = options.placeholder;
  pick.items = items;
  if (options.active) pick.activeItems = [options.active];
  pick.ignoreFocusOut = true;
  pick.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  return new Promise<StepResult<T>>((resolve, reject) => {
    let settled = false;
    const finish = (result: StepResult<T>) => {
      settled = true;
      resolve(result);
      pick.hide();
    };
    const subscriptions = vscode.Disposable.from(
      pick.onDidAccept(() => {
        const [chosen] = pick.selectedItems.length ? pick.selectedItems : pick.activeItems;
        if (chosen) finish({ back: false, value: chosen });
      }),
      pick.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish({ back: true });
      }),
      pick.onDidHide(() => {
        subscriptions.dispose();
        pick.dispose();
        if (!settled) reject(new CommandCancelled());
      }),
    );
    pick.show();
  });
}

/**
 * Runs `steps` in order; a step's Back runs the one before it again. Each step keeps what it
 * was given in the caller's own state, so a step shown again starts from what was typed there.
 */
export async function runSteps(steps: ReadonlyArray<(canGoBack: boolean) => Promise<boolean>>): Promise<void> {
  let index = 0;
  while (index < steps.length) {
    const wentBack = await steps[index](index > 0);
    index = wentBack ? Math.max(0, index - 1) : index + 1;
  }
}
