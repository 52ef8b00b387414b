import * as vscode from 'vscode';
import { withLockouts } from '../../core/graphql/lockoutView';
import type { OriginGate } from '../../core/graphql/originGate';
import { IndicatorTooltip, IndicatorView, indicatorStateOf, renderIndicator } from '../../core/token/indicatorView';
import type { ActiveTokenState } from '../tokens/activeTokenState';

export const TOKEN_ACTIONS_COMMAND = 'pipefy.showTokenActions';

/**
 * A timer may fire a hair early or late; a few milliseconds past the boundary the new figure is
 * certain to show, and the next delay is computed again from the absolute expiry.
 */
const TICK_SLACK_MS = 5;

/**
 * The one status-bar item. What it shows is `renderIndicator`'s pure output; this class
 * only applies it and keeps exactly one timer, armed for the moment the text next changes: none
 * without a countdown on screen, once a minute while more than an hour is left, once a second after.
 */
export class StatusBarTokenIndicator implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('pipefy.token', vscode.StatusBarAlignment.Left, 100);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable;
  private shown: IndicatorView | undefined;

  constructor(
    private readonly state: ActiveTokenState,
    /** Origins held after a 429 show in the tooltip until their lockout ends. */
    private readonly rateLimits?: OriginGate,
    private readonly now: () => number = Date.now,
  ) {
    this.item.name = 'Pipefy Token';
    this.item.command = TOKEN_ACTIONS_COMMAND;
    this.subscriptions = vscode.Disposable.from(
      state.onDidChange(() => this.render()),
      new vscode.Disposable(rateLimits?.onDidChangeLockouts(() => this.render()) ?? (() => undefined)),
      // After a sleep, timers are late; coming back to the window shows the right figure at once.
      vscode.window.onDidChangeWindowState((e) => {
        if (e.focused) this.render();
      }),
    );
    this.render();
    this.item.show();
  }

  /** What the item shows now; for tests that run inside the extension host. */
  get view(): IndicatorView | undefined {
    return this.shown;
  }

  private render(): void {
    this.clearTimer();
    const now = this.now();
    const view = withLockouts(renderIndicator(indicatorStateOf(this.state.current, now), now), this.rateLimits?.lockouts(now) ?? [], now);
    this.apply(view);
    if (view.nextTickMs !== undefined) this.timer = setTimeout(() => this.render(), view.nextTickMs + TICK_SLACK_MS);
  }

  private apply(view: IndicatorView): void {
    const before = this.shown;
    this.shown = view;
    if (before?.text !== view.text) {
      this.item.text = view.text;
      this.item.accessibilityInformation = { label: `Pipefy token: ${view.text.replace(/\$\([^)]*\)\s*/g, '')}`, role: 'button' };
    }
    if (!before || JSON.stringify(before.tooltip) !== JSON.stringify(view.tooltip)) this.item.tooltip = tooltipMarkdown(view.tooltip);
    if (before?.background !== view.background) {
      this.item.backgroundColor = view.background ? new vscode.ThemeColor(`statusBarItem.${view.background}Background`) : undefined;
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.clearTimer();
    this.subscriptions.dispose();
    this.item.dispose();
  }
}

function tooltipMarkdown(tooltip: IndicatorTooltip): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown('**');
  markdown.appendText(tooltip.heading);
  markdown.appendMarkdown('**\n\n');
  for (const [label, value] of tooltip.rows) {
    markdown.appendMarkdown('**');
    markdown.appendText(label);
    markdown.appendMarkdown(':** ');
    markdown.appendText(value);
    markdown.appendMarkdown('  \n');
  }
  markdown.appendMarkdown('\n');
  markdown.appendText(tooltip.footer);
  return markdown;
}
