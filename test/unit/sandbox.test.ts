import { strict as assert } from 'node:assert';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { ADMIN_CLIENT, DEMO_CLIENT, startSandbox, type Sandbox, type SandboxOptions } from '../fixtures/sandbox';
import { DEMO_ACCOUNT_EMAIL } from '../fixtures/sandbox/pipefyData';

// Plain fetch on purpose: the sandbox is checked on its own, not through the client it serves.

const T0 = Date.UTC(2025, 0, 1);
const FORM = 'application/x-www-form-urlencoded';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown> | undefined;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

function formBody(fields: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': FORM }, body: new URLSearchParams(fields).toString() };
}

function postToken(sandbox: Sandbox, client = DEMO_CLIENT): Promise<Answer> {
  return call(sandbox.tokenEndpoint, formBody({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }));
}

async function tokenFor(sandbox: Sandbox, client = DEMO_CLIENT): Promise<string> {
  const answer = await postToken(sandbox, client);
  assert.equal(answer.status, 200, answer.text);
  return answer.json?.access_token as string;
}

function graphql(sandbox: Sandbox, token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  return call(sandbox.graphqlEndpoint, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
}

function basicHeader(id: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`;
}

describe('sandbox server', () => {
  let sandbox: Sandbox;
  let now: number;
  const clock = { now: () => now };

  async function restart(options: SandboxOptions = {}): Promise<void> {
    await sandbox?.close();
    sandbox = await startSandbox({ clock, ...options });
  }

  beforeEach(async () => {
    now = T0;
    await restart();
  });

  after(async () => {
    await sandbox?.close();
  });

  describe('token endpoint', () => {
    const awkward = { clientId: 'client id+1', clientSecret: 'p@ss word:+%/é' };

    beforeEach(async () => {
      await restart({ clients: [DEMO_CLIENT, awkward] });
    });

    it('accepts client credentials in a form body', async () => {
      const answer = await postToken(sandbox, awkward);
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(answer.headers.get('cache-control'), 'no-store');
      const json = answer.json!;
      assert.equal(typeof json.access_token, 'string');
      assert.ok((json.access_token as string).length >= 32);
      assert.equal(json.token_type, 'Bearer');
      assert.equal(json.expires_in, 300);
      assert.equal(json.created_at, Math.floor(T0 / 1000));
      // Nothing Pipefy has not been seen or is not likely to send.
      assert.deepEqual(Object.keys(json).sort(), ['access_token', 'created_at', 'expires_in', 'token_type']);
    });

    it('accepts client credentials in a JSON body', async () => {
      const answer = await call(sandbox.tokenEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: awkward.clientId, client_secret: awkward.clientSecret }),
      });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.json?.expires_in, 300);
    });

    it('reads HTTP Basic as Doorkeeper does: the parts as sent, not form-decoded', async () => {
      const raw = `Basic ${Buffer.from(`${awkward.clientId}:${awkward.clientSecret}`).toString('base64')}`;
      const answer = await call(sandbox.tokenEndpoint, { method: 'POST', headers: { 'Content-Type': FORM, Authorization: raw }, body: 'grant_type=client_credentials' });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(sandbox.requests.at(-1)?.authorization, raw);
      const encoded = await call(sandbox.tokenEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': FORM, Authorization: basicHeader(awkward.clientId, awkward.clientSecret) },
        body: 'grant_type=client_credentials',
      });
      assert.equal(encoded.status, 401, 'RFC 6749 encoding of + / = % : is not undone');
      assert.equal(encoded.json?.error, 'invalid_client');
    });

    it('gives each client its own service account', async () => {
      const first = await postToken(sandbox, DEMO_CLIENT);
      const second = await postToken(sandbox, awkward);
      assert.notEqual(first.json?.access_token, second.json?.access_token);
      const me = async (answer: Answer) => (await graphql(sandbox, answer.json?.access_token as string, '{ me { email } }')).json?.data;
      assert.notDeepEqual(await me(first), await me(second));
    });

    it('answers 401 invalid_client to a wrong secret or an unknown client', async () => {
      for (const client of [{ ...DEMO_CLIENT, clientSecret: 'wrong' }, { clientId: 'nobody', clientSecret: 'x' }]) {
        const answer = await postToken(sandbox, client);
        assert.equal(answer.status, 401);
        assert.equal(answer.json?.error, 'invalid_client');
        assert.match(answer.json?.error_description as string, /^Client authentication failed/);
      }
      const basic = await call(sandbox.tokenEndpoint, {
        method: 'POST',
        headers: { 'Content-Type': FORM, Authorization: basicHeader(DEMO_CLIENT.clientId, 'wrong') },
        body: 'grant_type=client_credentials',
      });
      assert.equal(basic.status, 401);
      assert.equal(sandbox.stats.tokensIssued, 0);
    });

    it('answers 400 to a missing grant, another grant type and missing credentials', async () => {
      const cases: Array<[Record<string, string>, string]> = [
        [{ client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }, 'invalid_request'],
        [{ grant_type: 'password', client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret }, 'unsupported_grant_type'],
        [{ grant_type: 'client_credentials' }, 'invalid_request'],
        [{ grant_type: 'client_credentials', client_id: DEMO_CLIENT.clientId }, 'invalid_request'],
      ];
      for (const [fields, error] of cases) {
        const answer = await call(sandbox.tokenEndpoint, formBody(fields));
        assert.equal(answer.status, 400, JSON.stringify(fields));
        assert.equal(answer.json?.error, error, JSON.stringify(fields));
      }
    });

    it('ignores credentials in the query string', async () => {
      const query = new URLSearchParams({ client_id: DEMO_CLIENT.clientId, client_secret: DEMO_CLIENT.clientSecret });
      const answer = await call(`${sandbox.tokenEndpoint}?${query}`, formBody({ grant_type: 'client_credentials' }));
      assert.equal(answer.status, 400);
      assert.equal(answer.json?.error, 'invalid_request');
      assert.match(sandbox.requests.at(-1)!.path, /client_secret=/, 'the URL is recorded, so a test can see a leak');
    });

    it('refuses request bodies over 64 KB', async () => {
      const answer = await call(sandbox.tokenEndpoint, formBody({ grant_type: 'client_credentials', padding: 'x'.repeat(70 * 1024) }));
      assert.equal(answer.status, 413);
      assert.equal(answer.json?.error, 'invalid_request');
    });

    it('answers 405 to anything but POST', async () => {
      const answer = await call(sandbox.tokenEndpoint);
      assert.equal(answer.status, 405);
      assert.equal(sandbox.stats.tokenPosts, 0);
    });
  });

  describe('token reuse and expiry', () => {
    it('returns the same token while it is valid, with the seconds left', async () => {
      const first = await postToken(sandbox);
      now += 100_000;
      const second = await postToken(sandbox);
      now += 99_500;
      const third = await postToken(sandbox);
      assert.equal(second.json?.access_token, first.json?.access_token);
      assert.equal(third.json?.access_token, first.json?.access_token);
      assert.deepEqual([first.json?.expires_in, second.json?.expires_in, third.json?.expires_in], [300, 200, 100]);
      assert.equal(third.json?.created_at, first.json?.created_at);
      assert.deepEqual({ posts: sandbox.stats.tokenPosts, issued: sandbox.stats.tokensIssued }, { posts: 3, issued: 1 });
    });

    it('hands the token out with expires_in 0 in its last second, and mints a new one once it has expired', async () => {
      const first = await postToken(sandbox);
      now += 299_500;
      const last = await postToken(sandbox);
      assert.equal(last.json?.access_token, first.json?.access_token);
      assert.equal(last.json?.expires_in, 0);
      now += 500;
      const second = await postToken(sandbox);
      assert.notEqual(second.json?.access_token, first.json?.access_token);
      assert.equal(second.json?.expires_in, 300);
      assert.equal(second.json?.created_at, Math.floor(now / 1000));
      assert.equal(sandbox.stats.tokensIssued, 2);
    });

    it('mints a new token on every POST in the "new" mode', async () => {
      await restart({ tokenReuse: 'new' });
      const tokens = new Set<string>();
      for (let i = 0; i < 3; i++) tokens.add((await postToken(sandbox)).json?.access_token as string);
      assert.equal(tokens.size, 3);
      assert.equal(sandbox.stats.tokensIssued, 3);
    });

    it('applies a new lifetime to tokens minted afterwards', async () => {
      await restart({ tokenLifetimeSeconds: 60 });
      assert.equal((await postToken(sandbox)).json?.expires_in, 60);
      sandbox.setTokenLifetime(3600);
      assert.equal((await postToken(sandbox)).json?.expires_in, 60, 'the current token keeps its lifetime');
      sandbox.expireTokens();
      assert.equal((await postToken(sandbox)).json?.expires_in, 3600);
      assert.throws(() => sandbox.setTokenLifetime(0));
    });

    it('expireTokens() makes every issued token expired at once', async () => {
      const token = await tokenFor(sandbox);
      assert.equal((await graphql(sandbox, token, '{ me { id } }')).status, 200);
      sandbox.expireTokens();
      const answer = await graphql(sandbox, token, '{ me { id } }');
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.json, { error: 'invalid_token' });
      assert.notEqual(await tokenFor(sandbox), token);
    });
  });

  describe('token faults', () => {
    it('serves each fault once, then answers normally', async () => {
      const expectations: Array<[Parameters<Sandbox['failNextToken']>[0], (answer: Answer) => void]> = [
        ['invalid_client', (a) => (assert.equal(a.status, 401), assert.equal(a.json?.error, 'invalid_client'))],
        ['invalid_request', (a) => (assert.equal(a.status, 400), assert.equal(a.json?.error, 'invalid_request'))],
        ['rate_limited', (a) => (assert.equal(a.status, 429), assert.equal(a.headers.get('retry-after'), '7'), assert.equal(typeof a.json?.error, 'string'))],
        ['server_error', (a) => (assert.equal(a.status, 503), assert.ok(a.json))],
        ['html', (a) => (assert.equal(a.status, 502), assert.match(a.headers.get('content-type')!, /text\/html/), assert.match(a.text, /^<!DOCTYPE html>/))],
        ['not_json', (a) => (assert.equal(a.status, 200), assert.equal(a.json, undefined))],
        ['no_access_token', (a) => (assert.equal(a.status, 200), assert.ok(a.json), assert.equal(a.json?.access_token, undefined))],
        ['bad_expires_in', (a) => (assert.equal(a.status, 200), assert.equal(typeof a.json?.access_token, 'string'), assert.equal(a.json?.expires_in, 'soon'))],
        ['mac_token_type', (a) => (assert.equal(a.status, 200), assert.equal(typeof a.json?.access_token, 'string'), assert.equal(a.json?.token_type, 'mac'))],
        ['huge', (a) => (assert.equal(a.status, 200), assert.ok(Buffer.byteLength(a.text) > 1.5 * 1024 * 1024), assert.ok(a.json))],
        ['redirect', (a) => (assert.equal(a.status, 302), assert.ok(a.headers.get('location')?.startsWith(sandbox.url)), assert.notEqual(a.headers.get('location'), sandbox.tokenEndpoint))],
      ];
      for (const [fault, check] of expectations) {
        sandbox.failNextToken(fault);
        check(await postToken(sandbox));
        assert.equal((await postToken(sandbox)).status, 200, `after ${fault}`);
      }
      assert.equal(sandbox.stats.tokenPosts, expectations.length * 2);
    });

    it('serves a fault `times` times', async () => {
      sandbox.failNextToken('server_error', 2);
      sandbox.failNextToken('invalid_client');
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await postToken(sandbox)).status);
      assert.deepEqual(statuses, [503, 503, 401, 200]);
    });

    it('answers a slow request late but normally', async () => {
      await restart({ slowMs: 150 });
      sandbox.failNextToken('slow');
      const started = performance.now();
      const answer = await postToken(sandbox);
      assert.ok(performance.now() - started >= 140);
      assert.equal(answer.status, 200);
    });

    it('close() does not wait for a pending slow answer', async () => {
      await restart({ slowMs: 60_000 });
      sandbox.failNextToken('slow');
      const pending = postToken(sandbox).then(
        () => 'answered',
        () => 'dropped',
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = performance.now();
      await sandbox.close();
      assert.ok(performance.now() - started < 1000);
      assert.equal(await pending, 'dropped');
    });

    it('rejects unknown faults', () => {
      assert.throws(() => sandbox.failNextToken('nonsense' as never), /Unknown fault/);
      assert.throws(() => sandbox.failNextGraphQL('html' as never), /Unknown fault/);
    });
  });

  describe('GraphQL endpoint', () => {
    let token: string;

    beforeEach(async () => {
      token = await tokenFor(sandbox);
    });

    it('answers me, organizations and pipe', async () => {
      const answer = await graphql(sandbox, token, 'query($id: ID!) { me { id name email } organizations { id name } pipe(id: $id) { id name phases { id name } } }', { id: '1' });
      assert.equal(answer.status, 200);
      const data = answer.json?.data as { me: { email: string }; organizations: unknown[]; pipe: { id: string; phases: unknown[] } };
      assert.equal(answer.json?.errors, undefined);
      assert.match(data.me.email, /@/);
      assert.ok(data.organizations.length >= 1);
      assert.equal(data.pipe.id, '1');
      assert.ok(data.pipe.phases.length >= 2);
    });

    it('creates a card that the next query sees', async () => {
      const created = await graphql(sandbox, token, 'mutation($input: CreateCardInput!) { createCard(input: $input) { card { id title } } }', {
        input: { pipe_id: '1', title: 'From a test' },
      });
      const card = (created.json?.data as { createCard: { card: { id: string; title: string } } }).createCard.card;
      assert.equal(card.title, 'From a test');
      const listed = await graphql(sandbox, token, '{ cards(pipe_id: "1", first: 50, after: "Y2FyZDoxMTk=") { edges { node { id title } } } }');
      assert.deepEqual((listed.json?.data as { cards: { edges: Array<{ node: unknown }> } }).cards.edges.map((edge) => edge.node), [card]);
    });

    it('holds 100,000 cards in pipe 4, the last of them on page 2,000 with no page after it', async () => {
      const query = 'query($after: String) { allCards(pipeId: "4", first: 50, after: $after) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }';
      type Page = { allCards: { edges: Array<{ node: { id: string; title: string } }>; pageInfo: { hasNextPage: boolean } } };
      const first = (await graphql(sandbox, token, query)).json?.data as Page;
      assert.deepEqual([first.allCards.edges[0].node.title, first.allCards.pageInfo.hasNextPage], ['Archived ticket 1', true]);
      // The cursor of the 99,950th card: the page after it is the last.
      const last = (await graphql(sandbox, token, query, { after: Buffer.from('card:99949').toString('base64') })).json?.data as Page;
      assert.equal(last.allCards.edges.length, 50);
      assert.deepEqual([last.allCards.edges.at(-1)?.node.title, last.allCards.pageInfo.hasNextPage], ['Archived ticket 100000', false]);
    });

    it('pages through 120 cards, 50 at a time at most', async () => {
      const query = 'query($after: String, $first: Int) { cards(pipe_id: "1", first: $first, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }';
      type Page = { cards: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
      const sizes: number[] = [];
      const ids = new Set<string>();
      let after: string | undefined;
      for (;;) {
        const page = (await graphql(sandbox, token, query, { after, first: 100 })).json?.data as Page;
        sizes.push(page.cards.edges.length);
        for (const edge of page.cards.edges) ids.add(edge.node.id);
        if (!page.cards.pageInfo.hasNextPage) break;
        after = page.cards.pageInfo.endCursor;
      }
      assert.deepEqual(sizes, [50, 50, 20]);
      assert.equal(ids.size, 120);
      const bad = await graphql(sandbox, token, query, { after: 'not-a-cursor' });
      assert.equal((bad.json?.errors as Array<{ extensions: { code: string } }>)[0].extensions.code, 'BAD_USER_INPUT');
    });

    it('answers PERMISSION_DENIED on HTTP 200, with a 32-hex correlation id, for a pipe the account is not a member of and for one that does not exist', async () => {
      for (const id of ['2', '404']) {
        for (const query of [`{ pipe(id: "${id}") { id } }`, `{ cards(pipe_id: "${id}") { edges { node { id } } } }`]) {
          const answer = await graphql(sandbox, token, query);
          assert.equal(answer.status, 200);
          const [error] = answer.json?.errors as Array<{ message: string; path: string[]; extensions: { code: string; correlation_id: string } }>;
          assert.equal(error.message, 'Permission denied', query);
          assert.equal(error.extensions.code, 'PERMISSION_DENIED');
          assert.match(error.extensions.correlation_id, /^[0-9a-f]{32}$/);
        }
      }
      const denied = await graphql(sandbox, token, 'mutation { createCard(input: { pipe_id: "2", title: "x" }) { card { id } } }');
      assert.equal((denied.json?.errors as Array<{ extensions: { code: string } }>)[0].extensions.code, 'PERMISSION_DENIED');
    });

    it('lists only the pipes the account is a member of, and me is the account with its email', async () => {
      const answer = await graphql(sandbox, token, '{ me { email } organizations { id uuid name pipes { id name } } }');
      const data = answer.json?.data as { me: { email: string }; organizations: Array<{ uuid: string; pipes: Array<{ id: string }> }> };
      assert.equal(data.me.email, DEMO_ACCOUNT_EMAIL);
      assert.deepEqual(data.organizations.map((organization) => organization.pipes.map((pipe) => pipe.id)), [['1', '3', '4']]);
      assert.match(data.organizations[0].uuid, /^[0-9a-f-]{36}$/);
      const admin = await graphql(sandbox, await tokenFor(sandbox, ADMIN_CLIENT), '{ organizations { pipes { id } } }');
      assert.deepEqual((admin.json?.data as { organizations: Array<{ pipes: Array<{ id: string }> }> }).organizations[0].pipes.map((pipe) => pipe.id), ['1', '2', '3', '4']);
    });

    it('inviteMembers by the admin client adds the account to a pipe; by a member who is not a pipe admin, or for an unknown pipe, PERMISSION_DENIED', async () => {
      const invite = 'mutation($input: InviteMembersInput!) { inviteMembers(input: $input) { users { id email } errors { index message } } }';
      const input = (pipeId: string, roleName = 'member') => ({ input: { pipe_id: pipeId, emails: [{ email: DEMO_ACCOUNT_EMAIL, role_name: roleName }] } });
      const code = (answer: Answer) => (answer.json?.errors as Array<{ extensions: { code: string } }> | undefined)?.[0].extensions.code;
      assert.equal(code(await graphql(sandbox, token, invite, input('2'))), 'PERMISSION_DENIED', 'the account cannot add itself');
      assert.equal(code(await graphql(sandbox, token, invite, input('1'))), 'PERMISSION_DENIED', 'a plain member cannot add members');
      const adminToken = await tokenFor(sandbox, ADMIN_CLIENT);
      assert.equal(code(await graphql(sandbox, adminToken, invite, input('404'))), 'PERMISSION_DENIED');
      const badRole = await graphql(sandbox, adminToken, invite, input('2', 'owner'));
      assert.deepEqual((badRole.json?.data as { inviteMembers: { errors: Array<{ index: number }> } }).inviteMembers.errors.map((error) => error.index), [0]);
      assert.equal(code(await graphql(sandbox, token, '{ pipe(id: "2") { id } }')), 'PERMISSION_DENIED', 'a refused invitation adds no one');

      const added = await graphql(sandbox, adminToken, invite, input('2'));
      assert.equal(added.json?.errors, undefined);
      const payload = (added.json?.data as { inviteMembers: { users: Array<{ email: string }>; errors: unknown[] } }).inviteMembers;
      assert.deepEqual([payload.users.map((user) => user.email), payload.errors], [[DEMO_ACCOUNT_EMAIL], []]);
      const pipe = await graphql(sandbox, token, '{ pipe(id: "2") { id name } organizations { pipes { id } } }');
      assert.equal(pipe.json?.errors, undefined);
      assert.deepEqual((pipe.json?.data as { organizations: Array<{ pipes: Array<{ id: string }> }> }).organizations[0].pipes.map((p) => p.id), ['1', '2', '3', '4']);
    });

    it('createCard on a pipe whose start form has required fields fails naming them, until they are given', async () => {
      const adminToken = await tokenFor(sandbox, ADMIN_CLIENT);
      const create = 'mutation($input: CreateCardInput!) { createCard(input: $input) { card { id title } } }';
      const fields = await graphql(sandbox, adminToken, '{ pipe(id: "2") { start_form_fields { id required } } }');
      assert.deepEqual((fields.json?.data as { pipe: { start_form_fields: unknown[] } }).pipe.start_form_fields, [
        { id: 'item', required: true },
        { id: 'amount', required: true },
        { id: 'notes', required: false },
      ]);
      const refused = await graphql(sandbox, adminToken, create, { input: { pipe_id: '2', title: 'Laptop', fields_attributes: [{ field_id: 'item', field_value: 'Laptop' }] } });
      assert.equal(refused.status, 200);
      const [error] = refused.json?.errors as Array<{ message: string; path: string[]; extensions: { code: string; correlation_id: string } }>;
      assert.equal(error.message, 'Required fields are missing: Amount (amount)');
      assert.deepEqual([error.path, error.extensions.code], [['createCard'], 'RECORD_INVALID']);
      assert.match(error.extensions.correlation_id, /^[0-9a-f]{32}$/);
      const created = await graphql(sandbox, adminToken, create, {
        input: { pipe_id: '2', fields_attributes: [{ field_id: 'item', field_value: 'Laptop' }, { field_id: 'amount', field_value: ['1200'] }] },
      });
      assert.equal(created.json?.errors, undefined);
      assert.equal((created.json?.data as { createCard: { card: { title: string } } }).createCard.card.title, 'Laptop');
    });

    it('gives syntax, validation and variable errors a code too', async () => {
      const cases: Array<[string, Record<string, unknown> | undefined, string]> = [
        ['{ me { id }', undefined, 'GRAPHQL_PARSE_FAILED'],
        ['{ me { nope } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
        ['query($id: ID!) { pipe(id: $id) { id } }', {}, 'BAD_USER_INPUT'],
      ];
      for (const [query, variables, code] of cases) {
        for (let twice = 0; twice < 2; twice++) {
          const answer = await graphql(sandbox, token, query, variables);
          assert.equal(answer.status, 200, query);
          const [error] = answer.json?.errors as Array<{ extensions: { code: string; correlation_id: string } }>;
          assert.equal(error.extensions.code, code, query);
          assert.ok(error.extensions.correlation_id);
        }
      }
    });

    it('answers 400 to a body that is not a GraphQL request', async () => {
      for (const body of ['not json', '[]', '{"variables":{}}']) {
        const answer = await call(sandbox.graphqlEndpoint, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body });
        assert.equal(answer.status, 400, body);
        assert.ok(Array.isArray(answer.json?.errors));
      }
    });

    it('supports introspection', async () => {
      const answer = await graphql(sandbox, token, getIntrospectionQuery());
      assert.equal(answer.json?.errors, undefined);
      const schema = buildClientSchema(answer.json?.data as unknown as IntrospectionQuery);
      assert.ok(schema.getQueryType()?.getFields().cards);
      assert.ok(schema.getMutationType()?.getFields().createCard);
      assert.ok(schema.getMutationType()?.getFields().inviteMembers);
      assert.ok(schema.getType('CreateCardInput'));
    });

    it('produces big responses on request', async () => {
      const text = await graphql(sandbox, token, '{ bigText(sizeKb: 2048) }');
      assert.equal(((text.json?.data as { bigText: string }).bigText).length, 2048 * 1024);
      const cards = await graphql(sandbox, token, '{ largeCards(count: 10000) { id title } }');
      assert.equal((cards.json?.data as { largeCards: unknown[] }).largeCards.length, 10_000);
      assert.ok(Buffer.byteLength(cards.text) > 10_000 * 90, 'about 100 bytes a card');
    });

    it('records what it received', async () => {
      await graphql(sandbox, token, '{ me { id } }');
      const last = sandbox.requests.at(-1)!;
      assert.deepEqual({ path: last.path, method: last.method, authorization: last.authorization, at: last.at }, { path: '/graphql', method: 'POST', authorization: `Bearer ${token}`, at: now });
      assert.deepEqual(JSON.parse(last.body), { query: '{ me { id } }' });
    });
  });

  describe('GraphQL bearer check', () => {
    it('answers 401 Unauthorized without a token or with an unknown one', async () => {
      for (const token of [undefined, 'not-a-token']) {
        const answer = await graphql(sandbox, token, '{ me { id } }');
        assert.equal(answer.status, 401);
        assert.equal((answer.json?.errors as Array<{ title: string }>)[0].title, 'Unauthorized');
      }
      assert.equal(sandbox.stats.expiredTokenRequests, 0);
    });

    it('answers 401 invalid_token to an expired token and counts it', async () => {
      const token = await tokenFor(sandbox);
      now += 299_999;
      assert.equal((await graphql(sandbox, token, '{ me { id } }')).status, 200);
      now += 1;
      const answer = await graphql(sandbox, token, '{ me { id } }');
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.json, { error: 'invalid_token' });
      assert.deepEqual(sandbox.stats, { tokenPosts: 1, tokensIssued: 1, graphqlRequests: 2, expiredTokenRequests: 1 });
    });
  });

  describe('GraphQL faults', () => {
    it('serves each fault once, then answers normally', async () => {
      const token = await tokenFor(sandbox);
      const expectations: Array<[Parameters<Sandbox['failNextGraphQL']>[0], (answer: Answer) => void]> = [
        ['unauthorized', (a) => (assert.equal(a.status, 401), assert.deepEqual(a.json, { error: 'invalid_token' }))],
        ['rate_limited', (a) => (assert.equal(a.status, 429), assert.equal(a.headers.get('retry-after'), '30'))],
        ['not_json', (a) => (assert.equal(a.status, 200), assert.match(a.headers.get('content-type')!, /text\/html/), assert.equal(a.json, undefined))],
        ['server_error', (a) => assert.equal(a.status, 500)],
        ['legacy_code', (a) => (assert.equal(a.status, 200), assert.deepEqual((a.json?.errors as Array<{ code: number; type: string }>).map((e) => [e.code, e.type]), [[30000, 'ExecutionError']]))],
        ['error_object', (a) => (assert.equal(a.status, 200), assert.match((a.json?.error as { details: { correlation_id: string } }).details.correlation_id, /^[0-9a-f]{32}$/))],
        ['success_false', (a) => assert.deepEqual(a.json?.data, { deleteCard: { success: false, clientMutationId: null } })],
        ['error_details', (a) => assert.ok((a.json?.data as { updateFieldsValues: { error_details: unknown[] } }).updateFieldsValues.error_details.length)],
        ['unauthorized_title', (a) => (assert.equal(a.status, 401), assert.deepEqual(a.json, { errors: [{ title: 'Unauthorized', detail: 'You are not authorized to access this page' }] }))],
        ['not_found', (a) => assert.equal(a.status, 404)],
        ['unprocessable', (a) => (assert.equal(a.status, 422), assert.ok(Array.isArray(a.json?.errors)))],
        ['bad_gateway', (a) => (assert.equal(a.status, 502), assert.equal(a.json, undefined))],
      ];
      for (const [fault, check] of expectations) {
        sandbox.failNextGraphQL(fault);
        check(await graphql(sandbox, token, '{ me { id } }'));
        assert.equal((await graphql(sandbox, token, '{ me { id } }')).status, 200, `after ${fault}`);
      }
      assert.equal(sandbox.stats.expiredTokenRequests, 0);
    });

    it('answers a slow request late but normally', async () => {
      await restart({ slowMs: 150 });
      const token = await tokenFor(sandbox);
      sandbox.failNextGraphQL('slow');
      const started = performance.now();
      const answer = await graphql(sandbox, token, '{ me { id } }');
      assert.ok(performance.now() - started >= 140);
      assert.equal(answer.status, 200);
    });
  });

  describe('control over HTTP and reset', () => {
    const control = (action: string, body?: unknown) =>
      call(`${sandbox.url}/__sandbox/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

    it('queues faults, changes the lifetime, expires tokens and reports stats', async () => {
      assert.equal((await control('fail-token', { fault: 'rate_limited', times: 2 })).status, 200);
      assert.equal((await postToken(sandbox)).status, 429);
      assert.equal((await postToken(sandbox)).status, 429);
      assert.equal((await control('lifetime', { seconds: 42 })).status, 200);
      const token = await tokenFor(sandbox);
      assert.equal((await control('fail-graphql', { fault: 'server_error' })).status, 200);
      assert.equal((await graphql(sandbox, token, '{ me { id } }')).status, 500);
      assert.equal((await control('expire')).status, 200);
      assert.equal((await graphql(sandbox, token, '{ me { id } }')).status, 401);

      const stats = await call(`${sandbox.url}/__sandbox/stats`);
      assert.deepEqual(stats.json?.stats, { tokenPosts: 3, tokensIssued: 1, graphqlRequests: 2, expiredTokenRequests: 1 });
      assert.deepEqual((stats.json?.requests as Array<{ path: string }>).map((r) => r.path), ['/oauth/token', '/oauth/token', '/oauth/token', '/graphql', '/graphql']);
    });

    it('fails a chosen page of a card connection until reset, and refuses a page that is not a whole number from 1', async () => {
      let token = await tokenFor(sandbox);
      const page = (after: string | null) =>
        graphql(sandbox, token, 'query($after: String) { allCards(pipeId: "3", first: 50, after: $after) { edges { node { id } } pageInfo { endCursor } } }', { after });
      assert.equal((await control('fail-page', { page: 2 })).status, 200);
      const first = await page(null);
      assert.equal(first.json?.errors, undefined);
      const cursor = (first.json?.data as { allCards: { pageInfo: { endCursor: string } } }).allCards.pageInfo.endCursor;
      const failed = await page(cursor);
      assert.equal((failed.json?.errors as Array<{ extensions: { code: string } }>)[0].extensions.code, 'INTERNAL_SERVER_ERROR');
      assert.equal((await control('fail-page', { page: 0 })).status, 400);
      assert.equal((await control('page-delay', { ms: -1 })).status, 400);
      sandbox.reset();
      token = await tokenFor(sandbox);
      assert.equal((await page(cursor)).json?.errors, undefined);
    });

    it('refuses bad control input with 400', async () => {
      assert.equal((await control('fail-token', { fault: 'nonsense' })).status, 400);
      assert.equal((await control('fail-graphql', { fault: 'slow', times: 0 })).status, 400);
      assert.equal((await control('lifetime', { seconds: -1 })).status, 400);
      assert.equal((await control('nonsense')).status, 404);
      assert.equal((await postToken(sandbox)).status, 200);
    });

    it('reset() puts faults, counters, requests, tokens and data back', async () => {
      const stats = sandbox.stats;
      const token = await tokenFor(sandbox);
      await graphql(sandbox, token, 'mutation { createCard(input: { pipe_id: "1", title: "gone after reset" }) { card { id } } }');
      const adminToken = await tokenFor(sandbox, ADMIN_CLIENT);
      await graphql(sandbox, adminToken, `mutation { inviteMembers(input: { pipe_id: "2", emails: [{ email: "${DEMO_ACCOUNT_EMAIL}", role_name: "member" }] }) { users { id } } }`);
      sandbox.failNextToken('server_error');
      sandbox.failNextGraphQL('server_error');
      sandbox.setTokenLifetime(10);
      sandbox.reset();
      assert.equal(sandbox.stats, stats, 'the same live object');
      assert.deepEqual(stats, { tokenPosts: 0, tokensIssued: 0, graphqlRequests: 0, expiredTokenRequests: 0 });
      assert.equal(sandbox.requests.length, 0);
      assert.equal((await graphql(sandbox, token, '{ me { id } }')).status, 401, 'old tokens are forgotten');
      const fresh = await postToken(sandbox);
      assert.equal(fresh.status, 200);
      assert.equal(fresh.json?.expires_in, 300);
      const cards = await graphql(sandbox, fresh.json?.access_token as string, '{ cards(pipe_id: "1", first: 50, after: "Y2FyZDoxMTg=") { edges { node { id } } } pipe(id: "2") { id } }');
      assert.equal(cards.status, 200);
      assert.equal((cards.json?.data as { cards: { edges: unknown[] } }).cards.edges.length, 1, 'the seeded cards only');
      assert.equal((cards.json?.errors as Array<{ extensions: { code: string } }>)[0].extensions.code, 'PERMISSION_DENIED', 'the membership is the seed\'s again');
    });

    it('resets over HTTP too', async () => {
      await postToken(sandbox);
      assert.equal((await control('reset')).status, 200);
      assert.equal(sandbox.stats.tokenPosts, 0);
    });
  });
});
