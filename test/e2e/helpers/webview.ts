import type { FrameLocator, Page } from 'playwright-core';

/**
 * The content of a webview panel, which sits two iframes deep: the workbench's host frame, then
 * the frame holding the extension's HTML. With several webviews open, the most recent one is used.
 */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}
