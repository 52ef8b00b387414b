/**
 * The Try It page's DOM, built here from nodes (the host sends only a shell with the CSP). The
 * views get their elements by reference from `TryItPage`; the ids set here exist for labels,
 * assistive technology, the stylesheet and the end-to-end tests, which look for them: keep them
 * when restyling.
 */
import type { SnippetLanguage } from '../../src/core/oauth/snippets';
import type { VscodeButton, VscodeIcon, VscodeSingleSelect, VscodeTabs, VscodeTextfield } from './components';
import { element as el, type AttributeValue } from './dom';

/** The fields a host problem can name (AccountDraft keys), each with its control and the slot beside it. */
export type ProblemField = 'tokenEndpoint' | 'clientId' | 'clientSecret' | 'authMode' | 'label' | 'graphqlEndpoint' | 'description';

export interface FieldSlot {
  /** What is marked invalid: a toolkit field, or the secret field's frame. */
  readonly control: HTMLElement;
  readonly problem: HTMLElement;
}

export interface TryItPage {
  readonly requestForm: HTMLFormElement;
  readonly account: VscodeSingleSelect;
  readonly accountDetails: HTMLElement;
  readonly tokenEndpoint: VscodeTextfield;
  readonly clientId: VscodeTextfield;
  readonly secretInput: HTMLInputElement;
  readonly revealSecret: VscodeIcon;
  readonly secretHelper: HTMLElement;
  readonly authMode: VscodeSingleSelect;
  readonly send: VscodeButton;
  readonly cancel: VscodeButton;
  readonly progress: HTMLElement;
  readonly status: HTMLElement;

  readonly result: HTMLElement;
  readonly resultPlaceholder: HTMLElement;
  readonly error: HTMLElement;
  readonly errorMessage: HTMLElement;
  readonly errorHint: HTMLElement;
  readonly showLogs: VscodeButton;

  readonly token: HTMLElement;
  readonly countdownCaption: HTMLElement;
  readonly countdown: HTMLElement;
  readonly tokenDetails: HTMLElement;
  readonly expired: HTMLElement;
  readonly expiredMessage: HTMLElement;
  readonly getNewToken: VscodeButton;

  readonly response: HTMLElement;
  readonly responseStatus: HTMLElement;
  readonly responseTime: HTMLElement;
  readonly responseSize: HTMLElement;
  readonly copyResponse: VscodeButton;
  readonly responseJson: HTMLElement;
  readonly responseHeaders: HTMLTableElement;
  readonly requestSent: HTMLElement;

  readonly save: HTMLElement;
  readonly saveForm: HTMLFormElement;
  readonly label: VscodeTextfield;
  readonly graphqlEndpoint: VscodeTextfield;
  readonly description: VscodeTextfield;
  readonly saveStatus: HTMLElement;

  readonly requestPreview: HTMLElement;
  readonly copySnippet: VscodeButton;
  readonly snippetTabs: VscodeTabs;
  readonly snippets: Readonly<Record<SnippetLanguage, HTMLElement>>;

  readonly fields: Readonly<Record<ProblemField, FieldSlot>>;
}

/** `id` and `data-testid` together: the tests find a control by either. */
function testable(id: string): Record<string, string> {
  return { id, 'data-testid': id };
}

function problemSlot(controlId: string): HTMLDivElement {
  return el('div', { class: 'problem', id: `${controlId}-problem`, 'aria-live': 'polite' });
}

function textfield(id: string, label: string, attributes: Record<string, AttributeValue> = {}): VscodeTextfield {
  return el('vscode-textfield', { ...testable(id), 'aria-label': label, autocomplete: 'off', ...attributes });
}

/** A labelled field: its label, its control, then whatever goes under it (helper text, problem slot). */
function field(controlId: string, label: string | HTMLElement, control: HTMLElement, ...below: HTMLElement[]): HTMLDivElement {
  const caption = typeof label === 'string' ? el('vscode-label', { for: controlId }, label) : label;
  return el('div', { class: 'field' }, caption, control, ...below);
}

function button(id: string, text: string, attributes: Record<string, AttributeValue>): VscodeButton {
  return el('vscode-button', { ...testable(id), ...attributes }, text);
}

function codeBlock(id: string, label: string, className = 'code'): HTMLPreElement {
  return el('pre', { ...testable(id), class: className, tabindex: '0', 'aria-label': label });
}

function codicon(name: string): HTMLSpanElement {
  return el('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/** A tab's header and its panel, in the order vscode-tabs pairs them. */
function tab(header: HTMLElement, content: HTMLElement): HTMLElement[] {
  return [header, el('vscode-tab-panel', {}, content)];
}

export function buildTryItPage(root: HTMLElement): TryItPage {
  const account = el('vscode-single-select', { ...testable('account'), 'aria-label': 'Account' });
  const accountDetails = el('div', { class: 'helper', id: 'account-details' });
  const tokenEndpoint = textfield('token-endpoint', 'Token endpoint', { type: 'url', placeholder: 'https://app.pipefy.com/oauth/token' });
  const clientId = textfield('client-id', 'Client ID');
  // A native field, not a vscode-textfield: see secretField.ts for why.
  const secretInput = el('input', {
    id: 'client-secret-input',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    'aria-label': 'Client secret',
    'aria-describedby': 'client-secret-helper client-secret-problem',
  });
  const revealSecret = el('vscode-icon', { ...testable('reveal-secret'), name: 'eye', 'action-icon': true, label: 'Show the secret', title: 'Show the secret' });
  const secretFrame = el('div', { ...testable('client-secret'), class: 'secret-field' }, secretInput, revealSecret);
  const secretHelper = el('div', { class: 'helper', id: 'client-secret-helper' });
  const authMode = el(
    'vscode-single-select',
    { ...testable('auth-mode'), 'aria-label': 'Client authentication' },
    el('vscode-option', { value: 'form', description: "client_id and client_secret in the form body (RFC 6749 client_secret_post). Pipefy's default." }, 'Form body'),
    el('vscode-option', { value: 'json', description: 'client_id and client_secret in a JSON body.' }, 'JSON body'),
    el('vscode-option', { value: 'basic', description: 'client_id and client_secret in an HTTP Basic header (client_secret_basic).' }, 'HTTP Basic'),
  );
  const send = button('send', 'Send', { type: 'submit', icon: 'send', 'aria-label': 'Send the token request' });
  const cancel = button('cancel', 'Cancel', { secondary: true, hidden: true, 'aria-label': 'Cancel the token request' });
  const progress = el('vscode-progress-ring', { id: 'progress', hidden: true, 'aria-label': 'Waiting for the token endpoint' });
  const status = el('span', { ...testable('status'), role: 'status', 'aria-live': 'polite' });
  const problems = {
    tokenEndpoint: problemSlot('token-endpoint'),
    clientId: problemSlot('client-id'),
    clientSecret: problemSlot('client-secret'),
    authMode: problemSlot('auth-mode'),
    label: problemSlot('label'),
    graphqlEndpoint: problemSlot('graphql-endpoint'),
    description: problemSlot('description'),
  };
  const requestForm = el(
    'form',
    { id: 'request-form', class: 'panel-section', novalidate: true, 'aria-label': 'Token request' },
    field('account', 'Account', account, accountDetails),
    field('token-endpoint', 'Token endpoint', tokenEndpoint, problems.tokenEndpoint),
    field('client-id', 'Client ID', clientId, problems.clientId),
    field('client-secret-input', 'Client secret', secretFrame, secretHelper, problems.clientSecret),
    field('auth-mode', 'Client authentication', authMode, problems.authMode),
    field('grant-type', 'Grant type', el('vscode-textfield', { ...testable('grant-type'), value: 'client_credentials', readonly: true, 'aria-label': 'Grant type (fixed)' })),
    el('div', { class: 'actions' }, send, cancel, progress, status),
  );

  const errorMessage = el('span', { id: 'error-message' });
  const errorHint = el('p', { id: 'error-hint' });
  const showLogs = el('vscode-button', { id: 'show-logs', secondary: true, 'aria-label': 'Show the Pipefy log' }, 'Show Logs');
  const error = el(
    'section',
    { ...testable('error'), class: 'panel-section error', role: 'alert', hidden: true, 'aria-labelledby': 'error-title' },
    el('h2', { id: 'error-title' }, codicon('error'), ' ', errorMessage),
    errorHint,
    el('div', { class: 'actions' }, showLogs),
  );

  const countdownCaption = el('span', { class: 'countdown-caption', id: 'countdown-caption' }, 'Expires in');
  const countdown = el('span', { ...testable('countdown'), role: 'timer', 'aria-live': 'off', 'data-urgency': 'unknown' });
  const tokenDetails = el('p', { id: 'token-details', class: 'helper' });
  const expiredMessage = el('span', { id: 'expired-message' }, 'This token has expired. Requests sent with it will be refused.');
  const getNewToken = button('get-new-token', 'Get a new token', { icon: 'refresh' });
  const expired = el('div', { ...testable('expired'), hidden: true }, el('p', { role: 'status' }, codicon('warning'), ' ', expiredMessage), getNewToken);
  const token = el(
    'section',
    { id: 'token', class: 'panel-section', hidden: true, 'aria-labelledby': 'token-title' },
    el('h2', { id: 'token-title' }, 'Token'),
    el('p', { class: 'countdown-line' }, countdownCaption, ' ', countdown),
    tokenDetails,
    expired,
  );

  const responseStatus = el('span', testable('response-status'));
  const responseTime = el('span', testable('response-time'));
  const responseSize = el('span', testable('response-size'));
  const copyResponse = button('copy-response', 'Copy', { secondary: true, icon: 'copy', 'aria-label': 'Copy the response body' });
  const responseJson = codeBlock('response-json', 'Response body', 'code json');
  const responseHeaders = el('table', { ...testable('response-headers'), class: 'headers', 'aria-label': 'Response headers' });
  const requestSent = codeBlock('request-sent', 'Request sent, secret redacted');
  const response = el(
    'section',
    { id: 'response', class: 'panel-section', hidden: true, 'aria-labelledby': 'response-title' },
    el(
      'div',
      { class: 'section-header' },
      el('h2', { id: 'response-title' }, 'Response'),
      el('div', { class: 'response-meta' }, responseStatus, ' ', responseTime, ' ', responseSize),
      copyResponse,
    ),
    el(
      'vscode-tabs',
      { id: 'response-tabs' },
      ...tab(el('vscode-tab-header', { slot: 'header', id: 'response-body-tab' }, 'Body'), responseJson),
      ...tab(el('vscode-tab-header', { slot: 'header', id: 'response-headers-tab' }, 'Headers'), responseHeaders),
      ...tab(el('vscode-tab-header', { slot: 'header', id: 'response-request-tab' }, 'Request sent'), requestSent),
    ),
  );

  const resultPlaceholder = el('p', { ...testable('result-placeholder'), class: 'helper placeholder' }, 'The token, its countdown and the response appear here after Send.');
  const result = el('div', { ...testable('result'), class: 'result-column', 'aria-label': 'Result' }, resultPlaceholder, error, token, response);

  const label = textfield('label', 'Account label', { placeholder: 'prod' });
  const graphqlEndpoint = textfield('graphql-endpoint', 'GraphQL endpoint', { type: 'url' });
  const description = textfield('description', 'Account description');
  const saveStatus = el('span', { ...testable('save-status'), role: 'status', 'aria-live': 'polite' });
  const saveForm = el(
    'form',
    { id: 'save-form', novalidate: true, 'aria-label': 'Save as account' },
    field('label', el('vscode-label', { for: 'label', required: true }, 'Label'), label, problems.label),
    field('graphql-endpoint', 'GraphQL endpoint', graphqlEndpoint, problems.graphqlEndpoint),
    field('description', 'Description (optional)', description, problems.description),
    el('div', { class: 'actions' }, button('save-account', 'Save as account', { type: 'submit', icon: 'save', 'aria-label': 'Save as account' }), saveStatus),
  );
  const save = el(
    'section',
    { id: 'save', class: 'panel-section', 'aria-labelledby': 'save-title', hidden: true },
    el('h2', { id: 'save-title' }, 'Save as account'),
    el('p', { class: 'helper' }, "Keeps these values as a service account. The secret goes to VS Code's SecretStorage and is never shown here again."),
    saveForm,
  );

  const requestPreview = codeBlock('request-preview', 'Request preview');
  const preview = el(
    'section',
    { id: 'request', class: 'panel-section', 'aria-labelledby': 'request-title' },
    el('h2', { id: 'request-title' }, 'Request preview ', el('span', { class: 'helper' }, '(secret redacted)')),
    requestPreview,
  );

  const snippets = {
    curl: codeBlock('snippet-curl', 'curl snippet'),
    node: codeBlock('snippet-node', 'Node snippet'),
    python: codeBlock('snippet-python', 'Python snippet'),
  };
  const copySnippet = button('copy-snippet', 'Copy', { secondary: true, icon: 'copy', 'aria-label': 'Copy the selected snippet' });
  const snippetTabs = el(
    'vscode-tabs',
    { id: 'snippet-tabs' },
    ...tab(el('vscode-tab-header', { slot: 'header', 'data-language': 'curl' }, 'curl'), snippets.curl),
    ...tab(el('vscode-tab-header', { slot: 'header', 'data-language': 'node' }, 'Node'), snippets.node),
    ...tab(el('vscode-tab-header', { slot: 'header', 'data-language': 'python' }, 'Python'), snippets.python),
  );
  const snippetSection = el(
    'section',
    { id: 'snippets', class: 'panel-section', 'aria-labelledby': 'snippets-title' },
    el('div', { class: 'section-header' }, el('h2', { id: 'snippets-title' }, 'Code'), copySnippet),
    el('p', { class: 'helper' }, 'These read the secret from the ', el('code', {}, 'PIPEFY_CLIENT_SECRET'), ' environment variable and never contain it.'),
    snippetTabs,
  );

  const header = el(
    'header',
    { class: 'page-header' },
    el('h1', { id: 'title' }, 'Try It: get a service-account token'),
    el(
      'p',
      { class: 'lede' },
      'Sends ', el('code', {}, 'POST'), ' to the token endpoint with ', el('code', {}, 'grant_type=client_credentials'),
      ", the way Pipefy's API docs do, and shows what went out and what came back.",
    ),
  );
  root.prepend(
    el(
      'main',
      { id: 'try-it', 'aria-labelledby': 'title' },
      header,
      el('div', { class: 'request-column' }, requestForm, result, save, preview, snippetSection),
    ),
  );

  return {
    requestForm, account, accountDetails, tokenEndpoint, clientId, secretInput, revealSecret, secretHelper, authMode, send, cancel, progress, status,
    result, resultPlaceholder, error, errorMessage, errorHint, showLogs,
    token, countdownCaption, countdown, tokenDetails, expired, expiredMessage, getNewToken,
    response, responseStatus, responseTime, responseSize, copyResponse, responseJson, responseHeaders, requestSent,
    save, saveForm, label, graphqlEndpoint, description, saveStatus,
    requestPreview, copySnippet, snippetTabs, snippets,
    fields: {
      tokenEndpoint: { control: tokenEndpoint, problem: problems.tokenEndpoint },
      clientId: { control: clientId, problem: problems.clientId },
      clientSecret: { control: secretFrame, problem: problems.clientSecret },
      authMode: { control: authMode, problem: problems.authMode },
      label: { control: label, problem: problems.label },
      graphqlEndpoint: { control: graphqlEndpoint, problem: problems.graphqlEndpoint },
      description: { control: description, problem: problems.description },
    },
  };
}
