import { strict as assert } from 'node:assert';
import { getNamedType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLNamedType, type GraphQLType } from 'graphql';
import { ADMIN_CLIENT, DEMO_CLIENT, startSandbox, type Sandbox, type SandboxClient, type SandboxOptions } from '../fixtures/sandbox';
import { MEMBER_PIPE_ID, MEMBER_PIPE_UUID, NON_MEMBER_PIPE_UUID, SANDBOX_ORGANIZATION_UUID } from '../fixtures/sandbox/pipefyData';
import { sandboxSchema } from '../fixtures/sandbox/schema';

// Plain fetch on purpose: the sandbox's service-account administration is checked on its own.

const T0 = Date.UTC(2025, 0, 1);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const CREATE = `mutation($input: CreateServiceAccountInput!) {
  createServiceAccount(input: $input) {
    success
    serviceAccount { id uuid email name role { name } description client { id secret } token { endpoint } }
  }
}`;
const DELETE = 'mutation($input: DeleteServiceAccountInput!) { deleteServiceAccount(input: $input) { success } }';
const INVITE = 'mutation($input: InviteMembersInput!) { inviteMembers(input: $input) { users { email } errors { message } } }';
const REMOVE = 'mutation($input: RemoveMembersFromPipeInput!) { removeMembersFromPipe(input: $input) { success } }';

interface Answer {
  status: number;
  json: Record<string, unknown> | undefined;
  text: string;
}

interface CreatedAccount {
  id: string;
  uuid: string;
  email: string;
  name: string;
  role: { name: string } | null;
  description: string | null;
  client: { id: string; secret: string };
  token: { endpoint: string };
}

type TokenStyle = 'form' | 'json' | 'basic';

async function call(url: string, init: RequestInit): Promise<Answer> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

/** The three ways Pipefy's token endpoint takes client credentials. */
function postToken(sandbox: Sandbox, client: SandboxClient, style: TokenStyle = 'form'): Promise<Answer> {
  const fields = { grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret };
  if (style === 'json') return call(sandbox.tokenEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(fields) });
  if (style === 'basic') {
    const authorization = `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
    return call(sandbox.tokenEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: authorization }, body: 'grant_type=client_credentials' });
  }
  return call(sandbox.tokenEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

async function tokenFor(sandbox: Sandbox, client: SandboxClient): Promise<string> {
  const answer = await postToken(sandbox, client);
  assert.equal(answer.status, 200, answer.text);
  return answer.json?.access_token as string;
}

function graphql(sandbox: Sandbox, token: string, query: string, variables?: Record<string, unknown>): Promise<Answer> {
  return call(sandbox.graphqlEndpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
}

/** The one error of an answer, checked to be Pipefy's envelope: HTTP 200, a code and a 32-hex correlation id. */
function errorOf(answer: Answer): { code: string; message: string } {
  assert.equal(answer.status, 200, answer.text);
  const errors = answer.json?.errors as Array<{ message: string; extensions: { code: string; correlation_id: string } }> | undefined;
  assert.equal(errors?.length, 1, answer.text);
  assert.match(errors[0].extensions.correlation_id, /^[0-9a-f]{32}$/);
  return { code: errors[0].extensions.code, message: errors[0].message };
}

function accountInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { organizationUuid: SANDBOX_ORGANIZATION_UUID, name: 'Sync Bot', role: 'normal', description: 'Nightly sync', expirationTime: { unit: 'hours', value: 2 }, ...overrides };
}

async function createAccount(sandbox: Sandbox, token: string, overrides: Record<string, unknown> = {}): Promise<CreatedAccount> {
  const answer = await graphql(sandbox, token, CREATE, { input: accountInput(overrides) });
  assert.equal(answer.json?.errors, undefined, answer.text);
  const payload = (answer.json?.data as { createServiceAccount: { success: boolean; serviceAccount: CreatedAccount } }).createServiceAccount;
  assert.equal(payload.success, true);
  return payload.serviceAccount;
}

function clientOf(account: CreatedAccount): SandboxClient {
  return { clientId: account.client.id, clientSecret: account.client.secret };
}

function deleteInput(serviceAccountUuid: string, organizationUuid = SANDBOX_ORGANIZATION_UUID) {
  return { input: { organizationUuid, serviceAccountUuid } };
}

/** Every type a query can reach, so a test can say no query ever answers a secret. */
function typesReachableFrom(root: GraphQLNamedType): Set<string> {
  const seen = new Set<string>();
  const visit = (type: GraphQLNamedType) => {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    const types: GraphQLType[] = [];
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) types.push(field.type, ...field.args.map((arg) => arg.type));
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) types.push(field.type);
    }
    for (const each of types) visit(getNamedType(each));
  };
  visit(root);
  return seen;
}

describe('sandbox service accounts', () => {
  let sandbox: Sandbox;
  let now: number;
  let adminToken: string;
  const clock = { now: () => now };

  async function restart(options: SandboxOptions = {}): Promise<void> {
    await sandbox?.close();
    now = T0;
    sandbox = await startSandbox({ clock, ...options });
    adminToken = await tokenFor(sandbox, ADMIN_CLIENT);
  }

  beforeEach(() => restart());

  after(async () => {
    await sandbox?.close();
  });

  describe('createServiceAccount', () => {
    it('gives the organization admin a new account: its secret once, a token at once with the chosen lifetime, and `me` is the account', async () => {
      const organizations = await graphql(sandbox, adminToken, '{ organizations { uuid } }');
      assert.deepEqual(organizations.json?.data, { organizations: [{ uuid: SANDBOX_ORGANIZATION_UUID }] });
      sandbox.setTokenLifetime(60);

      const account = await createAccount(sandbox, adminToken, { name: 'Sync Bot.v2' });
      assert.match(account.id, /^\d+$/);
      assert.match(account.uuid, UUID);
      assert.equal(account.email, 'sync-bot-v2@service-account.pipefy.local');
      assert.equal(account.name, 'Sync Bot.v2');
      assert.deepEqual(account.role, { name: 'normal' });
      assert.equal(account.description, 'Nightly sync');
      assert.equal(account.token.endpoint, sandbox.tokenEndpoint);
      assert.ok(account.client.id.length >= 16 && account.client.secret.length >= 32);

      // Each style of client authentication, each answered with the two hours chosen, not the sandbox's 60 s.
      const answers = await Promise.all((['form', 'json', 'basic'] as const).map((style) => postToken(sandbox, clientOf(account), style)));
      for (const answer of answers) {
        assert.equal(answer.status, 200, answer.text);
        assert.equal(answer.json?.expires_in, 7200);
      }
      const token = answers[0].json?.access_token as string;
      const me = await graphql(sandbox, token, '{ me { id name email } }');
      assert.deepEqual(me.json?.data, { me: { id: account.id, name: 'Sync Bot.v2', email: account.email } });

      now += 7200 * 1000;
      assert.equal((await graphql(sandbox, token, '{ me { id } }')).status, 401, 'the token lives the two hours, no longer');
      assert.equal((await postToken(sandbox, clientOf(account))).json?.expires_in, 7200, 'the next token gets the same lifetime');
    });

    it('has no query that reaches a secret: the create answer is the only place it is shown', () => {
      const reachable = typesReachableFrom(sandboxSchema.getQueryType()!);
      assert.ok(reachable.has('User') && reachable.has('Pipe'), 'the walk reaches what queries answer');
      for (const type of ['ServiceAccount', 'ServiceAccountClient']) assert.ok(!reachable.has(type), `${type} is reachable from Query`);
    });

    it('accepts the limits themselves: a 20-character name, a 140-character description, 5 minutes and 30 days', async () => {
      const short = await createAccount(sandbox, adminToken, { name: 'a'.repeat(20), description: 'd'.repeat(140), expirationTime: { unit: 'minutes', value: 5 } });
      const long = await createAccount(sandbox, adminToken, { name: 'b_b-b', description: null, role: 'external_guest', expirationTime: { unit: 'days', value: 30 } });
      assert.equal(long.description, null);
      assert.equal(long.email, 'b-b-b@service-account.pipefy.local');
      assert.equal((await postToken(sandbox, clientOf(short))).json?.expires_in, 300);
      assert.equal((await postToken(sandbox, clientOf(long))).json?.expires_in, 30 * 86_400);
    });

    const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['an empty name', { name: '' }, 'INVALID_INPUT', /^Name can't be blank/],
      ['a name of spaces only', { name: '   ' }, 'INVALID_INPUT', /^Name can't be blank/],
      ['a name over 20 characters', { name: 'a'.repeat(21) }, 'INVALID_INPUT', /^Name is too long \(maximum is 20 characters\)/],
      ['a name with a slash', { name: 'sync/bot' }, 'INVALID_INPUT', /^Name may contain only letters .*digits, spaces, dots, hyphens and underscores/],
      ['a name with a letter outside a-z', { name: 'José' }, 'INVALID_INPUT', /^Name may contain only letters/],
      ['a description over 140 characters', { description: 'd'.repeat(141) }, 'INVALID_INPUT', /^Description is too long \(maximum is 140 characters\)/],
      ['an unknown role', { role: 'owner' }, 'INVALID_ROLE', /^Invalid role "owner"\. Use one of: admin, normal, company_guest, external_guest/],
      ['an unknown unit', { expirationTime: { unit: 'weeks', value: 1 } }, 'INVALID_INPUT', /^expirationTime\.unit must be one of: seconds, minutes, hours, days/],
      ['a lifetime under 5 minutes', { expirationTime: { unit: 'seconds', value: 299 } }, 'INVALID_INPUT', /from 5 minutes to 30 days/],
      ['a lifetime of 4 minutes', { expirationTime: { unit: 'minutes', value: 4 } }, 'INVALID_INPUT', /from 5 minutes to 30 days/],
      ['a lifetime over 30 days', { expirationTime: { unit: 'hours', value: 721 } }, 'INVALID_INPUT', /from 5 minutes to 30 days/],
      ['a lifetime of 0', { expirationTime: { unit: 'days', value: 0 } }, 'INVALID_INPUT', /from 5 minutes to 30 days/],
      ['a negative lifetime', { expirationTime: { unit: 'days', value: -1 } }, 'INVALID_INPUT', /from 5 minutes to 30 days/],
      ['an unknown organization', { organizationUuid: '00000000-0000-4000-8000-000000000000' }, 'RESOURCE_NOT_FOUND', /^Organization not found/],
    ];
    for (const [what, overrides, code, message] of refusals) {
      it(`refuses ${what} with ${code}, and creates nothing`, async () => {
        const answer = await graphql(sandbox, adminToken, CREATE, { input: accountInput(overrides) });
        const error = errorOf(answer);
        assert.equal(error.code, code);
        assert.match(error.message, message);
        assert.deepEqual(answer.json?.data, { createServiceAccount: null });
        await createAccount(sandbox, adminToken, { name: 'Sync Bot' });
      });
    }

    it('refuses a name already taken in the organization with RECORD_INVALID, also one that makes the same email or is a configured client\'s', async () => {
      await createAccount(sandbox, adminToken, { name: 'Sync Bot' });
      for (const name of ['Sync Bot', 'sync-bot', 'SYNC_BOT', 'sandbox-bot']) {
        const error = errorOf(await graphql(sandbox, adminToken, CREATE, { input: accountInput({ name }) }));
        assert.deepEqual(error, { code: 'RECORD_INVALID', message: 'Name has already been taken' }, name);
      }
    });

    it('refuses a client that is not an organization admin with PERMISSION_DENIED, whatever it asks', async () => {
      const demoToken = await tokenFor(sandbox, DEMO_CLIENT);
      assert.equal(errorOf(await graphql(sandbox, demoToken, CREATE, { input: accountInput() })).code, 'PERMISSION_DENIED');
      const unknownOrganization = accountInput({ organizationUuid: '00000000-0000-4000-8000-000000000000', role: 'owner' });
      assert.equal(errorOf(await graphql(sandbox, demoToken, CREATE, { input: unknownOrganization })).code, 'PERMISSION_DENIED', 'permission is judged first');
      const account = await createAccount(sandbox, adminToken);
      assert.equal(errorOf(await graphql(sandbox, demoToken, DELETE, deleteInput(account.uuid))).code, 'PERMISSION_DENIED');
      assert.equal((await postToken(sandbox, clientOf(account))).status, 200, 'the refused delete deleted nothing');
    });
  });

  describe('pipe membership', () => {
    it('a new account is a member of no pipe until inviteMembers adds its email; removeMembersFromPipe takes it out again', async () => {
      const account = await createAccount(sandbox, adminToken, { role: 'admin' });
      const token = await tokenFor(sandbox, clientOf(account));
      const readCards = `{ pipe(id: "${MEMBER_PIPE_ID}") { uuid } cards(pipe_id: "${MEMBER_PIPE_ID}", first: 2) { edges { node { id } } } }`;
      const denied = await graphql(sandbox, token, `{ pipe(id: "${MEMBER_PIPE_ID}") { id } }`);
      assert.equal(errorOf(denied).code, 'PERMISSION_DENIED', 'not even an account with the admin role');
      assert.deepEqual((await graphql(sandbox, token, '{ organizations { pipes { id } } }')).json?.data, { organizations: [{ pipes: [] }] });

      const invited = await graphql(sandbox, adminToken, INVITE, { input: { pipe_id: MEMBER_PIPE_ID, emails: [{ email: account.email, role_name: 'member' }] } });
      assert.deepEqual(invited.json?.data, { inviteMembers: { users: [{ email: account.email }], errors: [] } });
      const cards = await graphql(sandbox, token, readCards);
      const data = cards.json?.data as { pipe: { uuid: string }; cards: { edges: unknown[] } };
      assert.equal(data.pipe.uuid, MEMBER_PIPE_UUID);
      assert.equal(data.cards.edges.length, 2);

      const demoToken = await tokenFor(sandbox, DEMO_CLIENT);
      const remove = (usersUuids: string[], pipeUuid = MEMBER_PIPE_UUID) => ({ input: { pipeUuid, usersUuids } });
      assert.equal(errorOf(await graphql(sandbox, demoToken, REMOVE, remove([account.uuid]))).code, 'PERMISSION_DENIED', 'a plain member cannot remove members');
      assert.equal(errorOf(await graphql(sandbox, adminToken, REMOVE, remove([account.uuid], '00000000-0000-4000-8000-000000000000'))).code, 'PERMISSION_DENIED');
      const unknownUser = errorOf(await graphql(sandbox, adminToken, REMOVE, remove([account.uuid, '00000000-0000-4000-8000-000000000000'])));
      assert.equal(unknownUser.code, 'RESOURCE_NOT_FOUND');
      assert.equal((await graphql(sandbox, token, readCards)).json?.errors, undefined, 'one unknown uuid removes no one');

      const removed = await graphql(sandbox, adminToken, REMOVE, remove([account.uuid]));
      assert.deepEqual(removed.json?.data, { removeMembersFromPipe: { success: true } });
      assert.equal(errorOf(await graphql(sandbox, token, `{ cards(pipe_id: "${MEMBER_PIPE_ID}", first: 2) { edges { cursor } } }`)).code, 'PERMISSION_DENIED');
      const again = await graphql(sandbox, adminToken, REMOVE, remove([account.uuid], NON_MEMBER_PIPE_UUID));
      assert.deepEqual(again.json?.data, { removeMembersFromPipe: { success: true } }, 'removing a non-member changes nothing and is no error');
    });
  });

  describe('service accounts with the admin role', () => {
    it('may not manage service accounts by default; the setter and POST /__sandbox/service-account-admins switch it both ways', async () => {
      const admin = await createAccount(sandbox, adminToken, { name: 'ops admin', role: 'admin' });
      const normal = await createAccount(sandbox, adminToken, { name: 'ops normal', role: 'normal' });
      const adminSaToken = await tokenFor(sandbox, clientOf(admin));
      const normalSaToken = await tokenFor(sandbox, clientOf(normal));
      const create = (token: string, name: string) => graphql(sandbox, token, CREATE, { input: accountInput({ name }) });

      assert.equal(errorOf(await create(adminSaToken, 'made by admin')).code, 'PERMISSION_DENIED');
      assert.equal(errorOf(await graphql(sandbox, adminSaToken, DELETE, deleteInput(normal.uuid))).code, 'PERMISSION_DENIED');

      sandbox.setServiceAccountAdminsMayManage(true);
      const made = await create(adminSaToken, 'made by admin');
      assert.equal(made.json?.errors, undefined, made.text);
      const madeUuid = (made.json?.data as { createServiceAccount: { serviceAccount: { uuid: string } } }).createServiceAccount.serviceAccount.uuid;
      assert.equal(errorOf(await create(normalSaToken, 'made by normal')).code, 'PERMISSION_DENIED', 'only the admin role');
      assert.deepEqual((await graphql(sandbox, adminSaToken, DELETE, deleteInput(madeUuid))).json?.data, { deleteServiceAccount: { success: true } });

      const control = (body: unknown) => call(`${sandbox.url}/__sandbox/service-account-admins`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      assert.equal((await control({ allowed: false })).status, 200);
      assert.equal(errorOf(await create(adminSaToken, 'made by admin')).code, 'PERMISSION_DENIED');
      assert.equal((await control({ allowed: true })).status, 200);
      assert.equal((await create(adminSaToken, 'made by admin')).json?.errors, undefined);
      const refused = await control({ allowed: 'yes' });
      assert.equal(refused.status, 400);
      assert.match(refused.json?.error as string, /allowed must be true or false/);
    });

    it('SandboxOptions.serviceAccountAdminsMayManage sets the start, which reset() puts back', async () => {
      await restart({ serviceAccountAdminsMayManage: true });
      const mayCreate = async () => {
        const admin = await createAccount(sandbox, adminToken, { name: 'ops admin', role: 'admin' });
        const answer = await graphql(sandbox, await tokenFor(sandbox, clientOf(admin)), CREATE, { input: accountInput({ name: 'made by admin' }) });
        return answer.json?.errors === undefined;
      };
      assert.equal(await mayCreate(), true);
      sandbox.setServiceAccountAdminsMayManage(false);
      sandbox.reset();
      adminToken = await tokenFor(sandbox, ADMIN_CLIENT);
      assert.equal(await mayCreate(), true);
    });
  });

  describe('deleteServiceAccount', () => {
    it('refuses the account\'s client as an unknown one, and every token it was given, at once', async () => {
      sandbox.setTokenReuse('new');
      const account = await createAccount(sandbox, adminToken);
      const tokens = [await tokenFor(sandbox, clientOf(account)), await tokenFor(sandbox, clientOf(account))];
      assert.notEqual(tokens[0], tokens[1]);
      await graphql(sandbox, adminToken, INVITE, { input: { pipe_id: MEMBER_PIPE_ID, emails: [{ email: account.email, role_name: 'member' }] } });
      for (const token of tokens) assert.equal((await graphql(sandbox, token, '{ me { id } }')).status, 200);

      const deleted = await graphql(sandbox, adminToken, DELETE, deleteInput(account.uuid));
      assert.deepEqual(deleted.json?.data, { deleteServiceAccount: { success: true } });

      const unknownClient = await postToken(sandbox, { clientId: 'nobody', clientSecret: 'x' });
      for (const style of ['form', 'json', 'basic'] as const) {
        const refused = await postToken(sandbox, clientOf(account), style);
        assert.equal(refused.status, 401, style);
        assert.deepEqual(refused.json, unknownClient.json, 'answered as an unknown client is');
      }
      assert.equal(unknownClient.json?.error, 'invalid_client');
      for (const token of tokens) {
        const answer = await graphql(sandbox, token, '{ me { id } }');
        assert.equal(answer.status, 401);
        assert.deepEqual(answer.json, { error: 'invalid_token' });
      }

      assert.equal(errorOf(await graphql(sandbox, adminToken, DELETE, deleteInput(account.uuid))).code, 'RESOURCE_NOT_FOUND', 'deleted once only');
      assert.equal(errorOf(await graphql(sandbox, adminToken, DELETE, deleteInput('00000000-0000-4000-8000-000000000000'))).code, 'RESOURCE_NOT_FOUND');
      const other = await createAccount(sandbox, adminToken, { name: 'Other Bot' });
      assert.equal(errorOf(await graphql(sandbox, adminToken, DELETE, deleteInput(other.uuid, '00000000-0000-4000-8000-000000000000'))).code, 'RESOURCE_NOT_FOUND');

      // The name is free again, and the new account starts with no membership of its own.
      const again = await createAccount(sandbox, adminToken);
      assert.equal(again.email, account.email);
      assert.notEqual(again.uuid, account.uuid);
      assert.notEqual(again.client.id, account.client.id);
      const denied = await graphql(sandbox, await tokenFor(sandbox, clientOf(again)), `{ pipe(id: "${MEMBER_PIPE_ID}") { id } }`);
      assert.equal(errorOf(denied).code, 'PERMISSION_DENIED');
    });
  });

  it('reset() deletes the created accounts: their clients are refused and their names are free', async () => {
    const account = await createAccount(sandbox, adminToken);
    const token = await tokenFor(sandbox, clientOf(account));
    sandbox.reset();
    assert.equal((await postToken(sandbox, clientOf(account))).json?.error, 'invalid_client');
    assert.equal((await graphql(sandbox, token, '{ me { id } }')).status, 401);
    adminToken = await tokenFor(sandbox, ADMIN_CLIENT);
    const again = await createAccount(sandbox, adminToken);
    assert.equal(again.id, account.id, 'ids start over, as the seed does');
  });
});
