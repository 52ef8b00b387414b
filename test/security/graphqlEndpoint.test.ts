import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEFAULT_ALLOWED_API_ORIGINS } from '../../src/core/graphql/originAllowlist';
import { DEFAULT_MAX_GRAPHQL_RESPONSE_BYTES } from '../../src/core/graphql/graphqlRunner';
import { formatBytes } from '../../src/core/http/byteSize';
import { RESPONSE_VIEW_LIMITS } from '../../src/core/requests/responseDocument';
import { startSandbox, type Sandbox } from '../fixtures/sandbox';
import type { Responder } from '../fixtures/servers/recordingServer';
import { addAccountThroughPalette } from '../e2e/helpers/accounts';
import { clearNotifications, clickNotificationButton, waitForNotification } from '../e2e/helpers/notifications';
import { closeSuiteWorkbench, openSuiteWorkbench } from '../e2e/session';
import { watchSandbox, watchServer } from './figures';
import {
  WorkspaceFiles,
  bearerTokenOf,
  bearerTokens,
  openRequest,
  rememberTokens,
  runByLens,
  sandboxBearerTokens,
  serverBearerTokens,
  startScriptedServer,
  uniqueSandboxClient,
  waitForProblem,
  type ScriptedServer,
} from './helpers/savedRequests';
import { naming } from './helpers/meaning';
import { PipefyLog } from './helpers/pipefyLog';
import { UserSettings } from './helpers/userSettings';
import { clickRunLens, waitForEditorText, waitForLenses } from '../e2e/helpers/savedRequests';
import { runCommand } from '../e2e/helpers/commandPalette';

/**
 * Request files that cannot be sent as they stand (5.workspace.files in
 * docs/security-rules.md: a malformed .graphql file or variables file). A file that does not parse has no run lens, only one that says where it is
 * broken, so the palette's Run GraphQL Request is tried on it instead.
 */
interface MalformedFile {
  readonly title: string;
  readonly file: string;
  readonly text: string;
  readonly variables?: string;
  readonly runBy: 'lens' | 'palette';
  readonly notice: RegExp;
  /** What the request file's CodeLens says. */
  readonly lens?: RegExp;
  /** A row of the Problems panel. */
  readonly problem?: RegExp;
}

const MALFORMED: readonly MalformedFile[] = [
  {
    title: '§5.workspace.files a request file with a syntax error: its CodeLens and the Problems panel say where, and Run says it cannot be run',
    file: 'sec-gql-bad-syntax.graphql',
    text: 'query BadSyntax {\n  me { id\n}\n',
    runBy: 'palette',
    lens: /^Cannot run: Syntax Error: Expected Name, found <EOF> \(line 4, column 1\)\.$/,
    notice: /^Pipefy: sec-gql-bad-syntax\.graphql cannot be run: Syntax Error: Expected Name, found <EOF> \(line 4, column 1\)\.$/,
    problem: /Syntax Error: Expected Name, found <EOF>.*\[Ln 4, Col 1\]/,
  },
  {
    title: '§5.workspace.files a variables file that is not valid JSON: the run stops and says where, and the Problems panel marks the place',
    file: 'sec-gql-bad-json-vars.graphql',
    text: 'query BadJsonVars($id: ID!) {\n  pipe(id: $id) { id }\n}\n',
    variables: '{\n  "id": "1",\n}\n',
    runBy: 'lens',
    notice: /^Pipefy: The request was not sent: sec-gql-bad-json-vars\.variables\.json is not valid JSON: a comma is not allowed before "}" \(line 2, column 12\)\.$/,
    problem: /sec-gql-bad-json-vars\.variables\.json is not valid JSON: a comma is not allowed before "}".*\[Ln 2, Col 12\]/,
  },
  {
    title: '§5.workspace.files a variables file that holds an array, not an object: the run stops and says what it must hold',
    file: 'sec-gql-array-vars.graphql',
    text: 'query ArrayVars($id: ID!) {\n  pipe(id: $id) { id }\n}\n',
    variables: '[ "1" ]\n',
    runBy: 'lens',
    notice: /^Pipefy: The request was not sent: sec-gql-array-vars\.variables\.json must hold one JSON object of variables, such as \{"id": "123"\}; it holds an array \(line 1, column 1\)\.$/,
    problem: /sec-gql-array-vars\.variables\.json must hold one JSON object of variables.*\[Ln 1, Col 1\]/,
  },
  {
    title: '§5.workspace.files an operation that spreads a fragment the file does not define: the run stops and names it',
    file: 'sec-gql-no-fragment.graphql',
    text: 'query NoFragment {\n  me { ...Missing }\n}\n',
    runBy: 'lens',
    notice: /^Pipefy: sec-gql-no-fragment\.graphql: The fragment "Missing" is not defined in this file \(line 2, column 8\)\.$/,
  },
  {
    title: '§5.workspace.files a # @endpoint line that is not a URL: the run stops and says where',
    file: 'sec-gql-bad-endpoint.graphql',
    text: '# @endpoint not-a-url\nquery BadEndpoint {\n  me { id }\n}\n',
    runBy: 'lens',
    notice: /^Pipefy: sec-gql-bad-endpoint\.graphql: The endpoint in "# @endpoint" "not-a-url" is not a valid URL\. .*\(line 1, column 13\)\.$/,
  },
  {
    title: '§4.3 §5.workspace.files a # @endpoint line with http:// to a host that is not loopback: the run stops and asks for https://',
    file: 'sec-gql-http-endpoint.graphql',
    text: '# @endpoint http://api.pipefy.com/graphql\nquery HttpEndpoint {\n  me { id }\n}\n',
    runBy: 'lens',
    notice: /^Pipefy: sec-gql-http-endpoint\.graphql: The endpoint in "# @endpoint" uses http:\/\/ to api\.pipefy\.com, which is not a loopback address\. Use https:\/\//,
  },
];

/**
 * Saved GraphQL requests against a GraphQL endpoint that misbehaves (5.graphql.*,
 * 4.6, 4.7a, 4.7c in docs/security-rules.md) and request files that are malformed
 * (5.workspace.files), in the real workbench: each run goes through the CodeLens (or the palette),
 * and each fault must end in a message that says what happened, with nothing sent that should not be.
 *
 * The account's endpoints are a sandbox of this suite's own, with a client nobody else uses, so
 * every request and token counted here is this suite's. A second server, allowed through the user
 * setting pipefy.allowedApiOrigins, serves what the sandbox cannot: a body over the view's limit,
 * and an error that echoes the token.
 */
describe('Saved GraphQL requests: faults of the GraphQL endpoint, malformed request files, logs', () => {
  const label = 'sec-gql';
  const client = uniqueSandboxClient('sec-gql');
  const files = new WorkspaceFiles();
  const settings = new UserSettings();
  let sandbox: Sandbox;
  /** An allowed origin (user settings) whose answers the tests choose. */
  let api: ScriptedServer;
  let page: Page;
  let log: PipefyLog;

  const ME = 'sec-gql-me.graphql';
  const PIPES = 'sec-gql-pipes.graphql';
  const ECHO = 'sec-gql-echo.graphql';
  const HUGE = 'sec-gql-huge.graphql';
  const CUT = 'sec-gql-cut.graphql';

  before(async () => {
    // The slow fault outlasts any timeout a test sets, so a run can only end by timing out.
    sandbox = watchSandbox('the GraphQL fault suite\'s sandbox', await startSandbox({ clients: [client], slowMs: 30_000 }));
    api = await startScriptedServer();
    watchServer('the GraphQL fault suite\'s second API (allowed by user setting)', api, { foreign: false });
    files.write(ME, 'query Me {\n  me { id name email }\n}\n');
    // Two errors in one answer: pipes 404 and 405 do not exist in the sandbox, which answers PERMISSION_DENIED as Pipefy does.
    files.write(PIPES, 'query Pipes($id: ID!, $other: ID!) {\n  first: pipe(id: $id) { id }\n  second: pipe(id: $other) { id }\n}\n');
    files.write('sec-gql-pipes.variables.json', '{ "id": "404", "other": "405" }\n');
    files.write(ECHO, `# @endpoint ${api.origin}/graphql\nquery Echo {\n  me { id }\n}\n`);
    // One string of 64 MB, which JSON escaping makes larger than the runner accepts.
    files.write(HUGE, `query Huge {\n  bigText(sizeKb: ${DEFAULT_MAX_GRAPHQL_RESPONSE_BYTES / 1024})\n}\n`);
    files.write(CUT, `# @endpoint ${api.origin}/graphql\nquery Cut {\n  cards { id title }\n}\n`);
    for (const row of MALFORMED) {
      files.write(row.file, row.text);
      if (row.variables !== undefined) files.write(row.file.replace('.graphql', '.variables.json'), row.variables);
    }

    page = await openSuiteWorkbench();
    await addAccountThroughPalette(page, { label, tokenEndpoint: sandbox.tokenEndpoint, graphqlEndpoint: sandbox.graphqlEndpoint, ...client, authMode: 'form' });
    log = await PipefyLog.containing(`Service account "${label}" added`);
    await settings.set(page, log, { 'pipefy.allowedApiOrigins': [...DEFAULT_ALLOWED_API_ORIGINS, api.origin] });
  });

  after(async () => {
    if (page && log) await settings.restore(page, log).catch(() => settings.restoreOnDisk());
    else settings.restoreOnDisk();
    await closeSuiteWorkbench(page);
    if (sandbox) rememberTokens(sandboxBearerTokens(sandbox.requests), 'a token of the GraphQL fault suite\'s sandbox');
    if (api) rememberTokens(serverBearerTokens(api.requests), 'a token sent to the GraphQL fault suite\'s second API');
    await api?.close();
    await sandbox?.close();
    files.removeAll();
  });

  /** What the sandbox and the second API have received so far; a refused run must leave it unchanged. */
  const sent = () => ({ tokenPosts: sandbox.stats.tokenPosts, graphql: sandbox.stats.graphqlRequests, api: api.requests.length });

  it('§5.graphql.errors errors[] on a 200: the notice leads with the first error and counts the rest; the lenses above the response show each error with its message, code and correlation id', async () => {
    await openRequest(page, PIPES);
    const notice = await runByLens(page, PIPES, 'Pipes', /^Pipefy: Pipes · Permission denied/);
    const error = 'Permission denied \\(PERMISSION_DENIED, correlation_id [0-9a-f]{32}\\)';
    // The first error leads, with a count of the others; then the cause (the account's membership or the ID), in brief.
    assert.match(notice, /^Pipefy: Pipes · Permission denied \(PERMISSION_DENIED\) and 1 more error · /);
    assert.match(notice, naming(`"${label}"`, 'member', '404, 405', 'ID'));
    await waitForEditorText(page, 'Response · Pipes.json', /"errors"/);
    const lenses = await waitForLenses(page, 'Response · Pipes.json', /^Permission denied/, 2);
    assert.match(lenses[0].text, new RegExp(`^${error}$`));
    assert.match(lenses[1].text, new RegExp(`^${error}$`));
  });

  it('§5.graphql.errors §4.6 an error message that echoes the token: the notice, the lenses and the log show it redacted', async () => {
    api.respondWith(echoTokenInError);
    await openRequest(page, ECHO);
    const notice = await runByLens(page, ECHO, 'Echo', /^Pipefy: Echo · The token/);
    const [token] = serverBearerTokens(api.requests).slice(-1);
    assert.ok(token, 'the second API received the token (it is an allowed origin)');
    assert.match(notice, /^Pipefy: Echo · The token «redacted» may not read this pipe \(PERMISSION_DENIED\) · .*"sec-gql"/);
    const [lens] = await waitForLenses(page, 'Response · Echo.json', /^The token/);
    assert.match(lens.text, /^The token «redacted» may not read this pipe/);
    const line = await log.waitForLine(/Echo: 200 OK .*PERMISSION_DENIED/);
    assert.match(line, /The token «redacted» may not read this pipe/);
    assert.ok(!notice.includes(token) && !lens.text.includes(token) && !log.text().includes(token));
  });

  it('§5.graphql.401 a 401 invalid_token: one new token is fetched and the request sent once more with it; the run succeeds', async () => {
    await openRequest(page, ME);
    await runByLens(page, ME, 'Me', /^Pipefy: Me · 200 OK/);
    // The sandbox now refuses the token the extension holds, which the extension cannot know.
    sandbox.expireTokens();
    const from = sandbox.requests.length;
    await runByLens(page, ME, 'Me', /^Pipefy: Me · 200 OK/);
    const trace = sandbox.requests.slice(from);
    assert.deepEqual(trace.map((request) => request.path), ['/graphql', '/oauth/token', '/graphql']);
    const [expired, renewed] = sandboxBearerTokens(trace);
    assert.notEqual(renewed, expired, 'the retry carried the new token');
    assert.equal(sandbox.stats.expiredTokenRequests, 1, 'the expired token was sent once, never again');
    await log.waitForLine(/Me: 200 OK .*The token had been refused \(401\).*sent again/);
  });

  it('§5.graphql.401 a 401 again after the retry: a clear message, and no third attempt', async () => {
    await openRequest(page, ME);
    sandbox.failNextGraphQL('unauthorized', 2);
    const from = sandbox.requests.length;
    const notice = await runByLens(page, ME, 'Me', /^Pipefy: Me · 401 Unauthorized/);
    assert.match(notice, /The API refused the token \(401\) even after a new token was fetched\. Check that the service account still exists and has access/);
    assert.deepEqual(sandbox.requests.slice(from).map((request) => request.path), ['/graphql', '/oauth/token', '/graphql']);
  });

  it('§5.graphql.busy 429: the notice says the rate limit was hit and when to retry; the request is not repeated', async () => {
    await openRequest(page, ME);
    sandbox.failNextGraphQL('rate_limited');
    const before = sent();
    const notice = await runByLens(page, ME, 'Me', /^Pipefy: Me · 429 Too Many Requests/);
    assert.match(notice, /The API rate limit was hit \(429\); retry after 30 s\. Pipefy allows about 500 requests per 30 seconds/);
    assert.equal(sandbox.stats.graphqlRequests - before.graphql, 1);
    const [summary] = await waitForLenses(page, 'Response · Me.json', /429/);
    assert.match(summary.text, /^429 Too Many Requests · \d+ ms/);
    // The 429 holds further runs to this origin for its Retry-After; one sent anyway that succeeds ends the hold.
    assert.match(notice, /Requests to \S+ are held until .* \(Retry-After: 30 s\)/);
    const held = await runByLens(page, ME, 'Me', /^Pipefy: Me was not sent/);
    assert.match(held, /blocked until .*Retry-After: 30 s/);
    assert.equal(sandbox.stats.graphqlRequests - before.graphql, 1, 'the held run sent nothing');
    // The run sent anyway is read from the log: the workbench may fold its toast behind the others.
    const answered = log.count('Me: 200 OK');
    await clickNotificationButton(page, /^Pipefy: Me was not sent/, 'Send Anyway');
    await log.waitForMore('Me: 200 OK', answered);
    assert.equal(sandbox.stats.graphqlRequests - before.graphql, 2, 'Send Anyway sent the held run once');
  });

  it('§5.graphql.notJson a 200 whose body is an HTML page: the notice says it is not JSON, and the view shows the page as text', async () => {
    await openRequest(page, ME);
    sandbox.failNextGraphQL('not_json');
    const notice = await runByLens(page, ME, 'Me', /^Pipefy: Me · 200 OK/);
    assert.match(notice, /The API answered 200 with a body that is not JSON\. Check that the GraphQL endpoint URL is right/);
    await waitForEditorText(page, 'Response · Me.txt', /<h1>Pipefy is under maintenance<\/h1>/);
    // Shown as text, with the run's status above it like any response.
    await waitForLenses(page, 'Response · Me.txt', /200 OK · \d+ ms/);
  });

  it('§5.graphql.huge a body over the runner\'s 64 MB limit is refused with a message that says so', async function () {
    this.timeout(300_000);
    await openRequest(page, HUGE);
    const notice = await runByLens(page, HUGE, 'Huge', /^Pipefy: Huge failed/, 180_000);
    assert.match(notice, naming(new URL(sandbox.url).host, 'larger', '64 MB', 'fewer items'));
  });

  it('§4.7c §5.graphql.huge a body larger than the view shows: the notice and the lens above the response say it is cut, and the view shows its start', async function () {
    this.timeout(420_000);
    const body = cardsBodyLongerThan(RESPONSE_VIEW_LIMITS.chars);
    api.respondWith((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(body);
    });
    try {
      await openRequest(page, CUT);
      const cut = new RegExp(`The response body is \\d+ MB, too long to show whole; the view shows its first ${formatBytes(RESPONSE_VIEW_LIMITS.chars)} \\([\\d,]+ lines\\), as text\\. Ask for fewer items per page to see all of it\\.`);
      const notice = await runByLens(page, CUT, 'Cut', /^Pipefy: Cut · 200 OK/, 240_000);
      assert.match(notice, new RegExp(`· ${cut.source}$`));
      await waitForEditorText(page, 'Response · Cut.txt', /"title": "Card 1 of \d+/, 240_000);
      // The view is open. VS Code provides no CodeLens for a model too large to tokenize (over
      // 20 MiB or 300,000 lines): this lens shows because the view stays under that.
      const lenses = await waitForLenses(page, 'Response · Cut.txt', cut, 1, 60_000);
      assert.match(lenses[0].text, new RegExp(`^${cut.source}$`));
      await runCommand(page, 'View: Close All Editor Groups');
    } finally {
      api.respondWith();
    }
  });

  it('a slow run shows a notification after a second whose Cancel stops the run and says so', async () => {
    await openRequest(page, ME);
    sandbox.failNextGraphQL('slow');
    const cancelled = log.count('Me: cancelled.');
    await runByLens(page, ME, 'Me', /^Pipefy: running Me as /);
    await clickNotificationButton(page, /^Pipefy: running Me as /, 'Cancel');
    await log.waitForMore('Me: cancelled.', cancelled);
  });

  it('§4.7a pipefy.graphqlTimeoutSeconds in the user settings: a GraphQL endpoint slower than it fails the run with a message naming the timeout', async () => {
    await settings.set(page, log, { 'pipefy.graphqlTimeoutSeconds': 2 });
    try {
      await openRequest(page, ME);
      sandbox.failNextGraphQL('slow');
      const notice = await runByLens(page, ME, 'Me', /^Pipefy: Me failed/);
      // The default is 60 s: a message naming 2 s shows the setting applied. (The hint may name the setting too.)
      assert.match(notice, naming(new URL(sandbox.url).host, 'within 2 s', 'timeout'));
    } finally {
      await settings.unset(page, log, 'pipefy.graphqlTimeoutSeconds');
    }
  });

  for (const row of MALFORMED) {
    it(`${row.title}; nothing is sent`, async () => {
      const before = sent();
      await openRequest(page, row.file);
      if (row.lens) await waitForLenses(page, row.file, row.lens);
      await clearNotifications(page);
      if (row.runBy === 'palette') await runCommand(page, 'Pipefy: Run GraphQL Request');
      else await clickRunLens(page, row.file, 0, '', row.notice);
      await waitForNotification(page, row.notice);
      if (row.problem) await waitForProblem(page, row.problem);
      assert.deepEqual(sent(), before);
    });
  }

  it('§4.6 after runs that used tokens, the Pipefy log names each run but holds none of the tokens nor the client secret', async () => {
    // A run of its own, so that the check stands even when run alone.
    await openRequest(page, ME);
    await runByLens(page, ME, 'Me', /^Pipefy: Me · 200 OK/);
    const graphqlRequests = [
      ...sandbox.requests.filter((request) => request.path === '/graphql').map((request) => ({ authorization: request.authorization, body: request.body })),
      ...api.requests.map((request) => ({ authorization: request.headers.authorization, body: request.body })),
    ];
    const operations = new Set(graphqlRequests.map((request) => operationNameOf(request.body)));
    for (const operation of operations) {
      // Every run names its file; the one query the extension sends by itself (me, to name the account in advice) says so.
      await log.waitForLine(new RegExp(`Running query ${operation} (from sec-gql-\\S+\\.graphql )?as "${label}" against `));
    }
    const tokens = [...new Set(bearerTokens(graphqlRequests.map((request) => request.authorization)))];
    assert.ok(tokens.length > 0);
    const text = log.text();
    const leaks = tokens.filter((token) => text.includes(token)).length;
    assert.equal(leaks, 0, `${leaks} of ${tokens.length} tokens are in ${log.file}`);
    assert.ok(!text.includes(client.clientSecret), `the client secret is in ${log.file}`);
    // The file read is the one this window wrote: it names this suite's token endpoint.
    assert.ok(text.includes(sandbox.tokenEndpoint));
  });
});

/** The operationName of a GraphQL request body as the extension sends it. */
function operationNameOf(body: string): string {
  const { operationName } = JSON.parse(body) as { operationName?: unknown };
  if (typeof operationName !== 'string') throw new Error(`A request went out without an operationName: ${body.slice(0, 200)}`);
  return operationName;
}

/** Answers with a GraphQL error whose message quotes the bearer token it received, as a careless server might. */
const echoTokenInError: Responder = (request, response) => {
  const token = bearerTokenOf(request.headers.authorization) ?? 'none';
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({
    data: null,
    errors: [{ message: `The token ${token} may not read this pipe`, extensions: { code: 'PERMISSION_DENIED', correlation_id: globalThis.crypto.randomUUID() } }],
  }));
};

/**
 * A pretty-printed list of cards, one per line (as a server that indents its JSON sends it),
 * longer than `chars` and shorter than the runner's limit, so it arrives whole and the view must cut it.
 */
function cardsBodyLongerThan(chars: number): string {
  const line = (i: number, count: number) => `      { "id": "${5_000_000 + i}", "title": "Card ${i + 1} of ${count}, sent whole by a test server to overflow the view" }`;
  const count = Math.ceil(chars / line(0, 1_000_000).length) + 10_000;
  const lines = Array.from({ length: count }, (_, i) => line(i, count));
  const body = `{\n  "data": {\n    "cards": [\n${lines.join(',\n')}\n    ]\n  }\n}\n`;
  if (body.length <= chars || body.length >= DEFAULT_MAX_GRAPHQL_RESPONSE_BYTES) throw new Error(`The body is ${body.length} characters; it must be between ${chars} and ${DEFAULT_MAX_GRAPHQL_RESPONSE_BYTES}.`);
  return body;
}
