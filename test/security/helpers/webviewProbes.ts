import type { Frame, Page, Response } from 'playwright-core';
import type { TryItPanel } from '../../e2e/helpers/tryIt';
import { waitUntil } from '../../e2e/helpers/waitUntil';

/**
 * Probes that run inside the Try It webview, for the 4.5 tests (the webview rules of docs/security-rules.md). The page functions are plain
 * JavaScript in strings: the test runner's TypeScript transform adds helper calls (e.g. `__name`)
 * to functions it compiles, which do not exist in the page. Arguments go in as JSON.
 */

/**
 * The two frames of the panel: `content` holds the extension's HTML (`iframe#active-frame`);
 * `host` is VS Code's webview host page around it (`iframe.webview`, pre/index.html), which
 * relays the content's messages to the extension host.
 */
export interface TryItFrames {
  readonly content: Frame;
  readonly host: Frame;
}

export async function tryItFrames(panel: TryItPanel): Promise<TryItFrames> {
  const send = await panel.el('send').elementHandle();
  const content = await send?.ownerFrame();
  const host = content?.parentFrame();
  if (!content || !host) throw new Error('The Try It panel has no content frame inside a webview host frame.');
  return { content, host };
}

/** Calls a page function (source text) with one JSON argument. */
export async function callInFrame<T>(frame: Frame, pageFunction: string, arg?: unknown): Promise<T> {
  return (await frame.evaluate(`(${pageFunction})(${JSON.stringify(arg ?? null)})`)) as T;
}

/** The page's CSP, from its `<meta http-equiv>`, as directive name → sources. */
export async function contentSecurityPolicy(content: Frame): Promise<Map<string, string[]>> {
  const policy = await callInFrame<string | null>(content, `() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null`);
  if (policy === null) throw new Error('The Try It page has no Content-Security-Policy meta element.');
  const directives = new Map<string, string[]>();
  for (const directive of policy.split(';').map((part) => part.trim()).filter(Boolean)) {
    const [name, ...sources] = directive.split(/\s+/);
    if (directives.has(name)) throw new Error(`The CSP names ${name} twice: ${policy}`);
    directives.set(name, sources);
  }
  return directives;
}

/** Whether a CSP host-source such as `https://*.vscode-cdn.net` allows `url`. */
export function hostSourceAllows(source: string, url: string): boolean {
  const match = /^(https?):\/\/(\*\.)?([^/:*]+)(?::(\d+))?$/.exec(source);
  if (!match) return false;
  const [, scheme, wildcard, host, port] = match;
  const target = new URL(url);
  if (target.protocol !== `${scheme}:`) return false;
  if (port !== undefined && target.port !== port) return false;
  return wildcard ? target.hostname.endsWith(`.${host}`) : target.hostname === host;
}

/** The URLs the page loads its own stylesheets and scripts from. */
export async function pageAssetUrls(content: Frame): Promise<{ stylesheets: string[]; scripts: string[] }> {
  return callInFrame(content, `() => ({
    stylesheets: [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.href),
    scripts: [...document.querySelectorAll('script[src]')].map((script) => script.src),
  })`);
}

/** What became of each attempt to run or load something the CSP must stop. */
export interface BlockedLoadOutcomes {
  readonly ranWithoutNonce: boolean;
  readonly ranWithGuessedNonce: boolean;
  /** The control: an inline script carrying the page's own nonce runs. */
  readonly ranWithNonce: boolean;
  /** `loaded`, `refused` (an error event) or `no event`, per element; `fetch` too. */
  readonly loads: Record<string, string>;
  readonly inlineStyleApplied: boolean;
}

/**
 * Inserts what an injected payload would (inline scripts, remote script, image and stylesheet, an
 * inline <style>, a fetch) and reports what happened. Every securitypolicyviolation event lands in
 * `window.__cspViolations`, which violationsSoFar reads.
 */
const ATTEMPT_BLOCKED_LOADS = String.raw`async ({ foreign, nonce }) => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI });
  });
  const inlineScript = (nonceAttribute, code) => {
    const script = document.createElement('script');
    if (nonceAttribute) script.setAttribute('nonce', nonceAttribute);
    script.textContent = code;
    document.body.append(script);
  };
  inlineScript(undefined, 'window.__ranWithoutNonce = true;');
  inlineScript('AAAAAAAAAAAAAAAAAAAAAAAA', 'window.__ranWithGuessedNonce = true;');
  inlineScript(nonce, 'window.__ranWithNonce = true;');

  const settle = (element) => new Promise((resolve) => {
    element.addEventListener('load', () => resolve('loaded'));
    element.addEventListener('error', () => resolve('refused'));
    setTimeout(() => resolve('no event'), 20000);
  });
  const remote = (tag, attribute, path, extra) => {
    const element = document.createElement(tag);
    Object.assign(element, extra || {});
    element.setAttribute(attribute, foreign + path);
    const settled = settle(element);
    (tag === 'link' ? document.head : document.body).append(element);
    return settled;
  };
  const [script, image, stylesheet] = await Promise.all([
    remote('script', 'src', '/probe.js'),
    remote('img', 'src', '/probe.png'),
    remote('link', 'href', '/probe.css', { rel: 'stylesheet' }),
  ]);
  let fetched;
  try {
    await fetch(foreign + '/probe-fetch');
    fetched = 'loaded';
  } catch {
    fetched = 'refused';
  }

  const style = document.createElement('style');
  style.textContent = '#send { outline: 7px dashed rgb(1, 2, 3) !important; }';
  document.head.append(style);
  const inlineStyleApplied = getComputedStyle(document.getElementById('send')).outlineColor === 'rgb(1, 2, 3)';

  return {
    ranWithoutNonce: window.__ranWithoutNonce === true,
    ranWithGuessedNonce: window.__ranWithGuessedNonce === true,
    ranWithNonce: window.__ranWithNonce === true,
    loads: { script, image, stylesheet, fetch: fetched },
    inlineStyleApplied,
  };
}`;

export async function attemptBlockedLoads(content: Frame, foreignOrigin: string, nonce: string): Promise<BlockedLoadOutcomes> {
  return callInFrame(content, ATTEMPT_BLOCKED_LOADS, { foreign: foreignOrigin, nonce });
}

export interface Violation {
  readonly directive: string;
  readonly blocked: string;
}

export async function violationsSoFar(content: Frame): Promise<Violation[]> {
  return callInFrame(content, `() => window.__cspViolations || []`);
}

/** One file the page asks the webview resource loader for, by its path from the extension folder. */
export interface ResourceProbe {
  readonly path: string;
  /** `loaded` (a load event) or `refused` (an error event), as the page saw it. */
  readonly outcome: string;
  /** The HTTP status VS Code's resource loader (the webview service worker) answered. */
  readonly status: number | undefined;
}

/**
 * `<link rel=preload as=style>` for each URL. A preload's load event depends on the status only,
 * not on the file's type (unlike a stylesheet's, which a JSON file could fail for the wrong reason),
 * and style-src allows the extension's origin, so the CSP lets each request through to the loader.
 */
const PRELOAD_EACH = String.raw`async (urls) => {
  const outcomes = [];
  for (const url of urls) {
    outcomes.push(await new Promise((resolve) => {
      const link = document.createElement('link');
      link.rel = 'preload';
      link.as = 'style';
      link.addEventListener('load', () => resolve('loaded'));
      link.addEventListener('error', () => resolve('refused'));
      setTimeout(() => resolve('no event'), 20000);
      link.href = url;
      document.head.append(link);
    }));
  }
  return outcomes;
}`;

/**
 * Asks for each path (relative to `extensionRoot`, the extension folder's URL as the page sees
 * it; without a query of its own) and reports the page's outcome and the loader's status, matched by a
 * query unique to the call.
 */
export async function probeExtensionFiles(page: Page, content: Frame, extensionRoot: string, paths: readonly string[]): Promise<ResourceProbe[]> {
  const run = globalThis.crypto.randomUUID();
  const urls = paths.map((path, index) => `${extensionRoot}${path}?probe=${run}-${index}`);
  const statuses = new Map<string, number>();
  const record = (response: Response) => {
    const probe = new URL(response.url()).searchParams.get('probe');
    if (probe?.startsWith(run)) statuses.set(probe, response.status());
  };
  page.on('response', record);
  try {
    const outcomes = await callInFrame<string[]>(content, PRELOAD_EACH, urls);
    // The response event may trail the page's load or error event.
    await waitUntil(async () => (statuses.size === paths.length ? true : undefined),
      () => `a response for each of ${paths.length} probes; got ${statuses.size}`);
    return paths.map((path, index) => ({ path, outcome: outcomes[index], status: statuses.get(`${run}-${index}`) }));
  } finally {
    page.off('response', record);
  }
}

/**
 * Delivers `messages` to the extension host exactly as the page's own `vscode.postMessage` does:
 * the content frame's acquireVsCodeApi() posts through the host page's
 * `__vscode_post_message__('onmessage', { message })` (pre/index.html), bound before VS Code
 * deletes `window.parent` from the content frame. The messages are parsed in the page from JSON,
 * so a `"__proto__"` key arrives as an own property, as a hostile page could send it.
 */
export async function postAsWebview(host: Frame, messagesJson: string): Promise<void> {
  await callInFrame(host, `(json) => {
    for (const message of JSON.parse(json)) window.__vscode_post_message__('onmessage', { message });
  }`, messagesJson);
}

/** Starts recording, as JSON, every message the content frame receives from VS Code. */
export async function recordReceivedMessages(content: Frame): Promise<void> {
  await callInFrame(content, `() => {
    window.__receivedMessages = [];
    window.addEventListener('message', (event) => window.__receivedMessages.push(JSON.stringify(event.data)));
  }`);
}

export async function receivedMessages(content: Frame): Promise<string[]> {
  return callInFrame(content, `() => window.__receivedMessages || []`);
}

/** The page's markup and every form value, shadow roots of the vscode-elements included. */
export interface PageText {
  readonly html: string;
  readonly values: readonly string[];
}

const DUMP_PAGE_TEXT = String.raw`() => {
  const html = [document.documentElement.outerHTML];
  const values = [];
  const visit = (root) => {
    for (const element of root.querySelectorAll('*')) {
      if (typeof element.value === 'string') values.push(element.value);
      if (element.shadowRoot) {
        html.push(element.shadowRoot.innerHTML);
        visit(element.shadowRoot);
      }
    }
  };
  visit(document);
  return { html: html.join('\n'), values };
}`;

export async function pageText(content: Frame): Promise<PageText> {
  return callInFrame(content, DUMP_PAGE_TEXT);
}

/** The Account dropdown's entries: the value (an account id, or the ad hoc marker) and the text shown. */
export async function accountOptions(content: Frame): Promise<Array<{ value: string; text: string }>> {
  return callInFrame(content, `() => [...document.querySelectorAll('#account vscode-option')].map((option) => ({ value: option.value, text: option.textContent.trim() }))`);
}
