import * as v from 'valibot';
import { type GraphQLErrorSummary, readApiErrors } from '../graphql/errorEnvelope';
import { type ServiceAccountDraft } from './serviceAccountDraft';

/**
 * Pipefy's service-account administration, in the shapes its public SDK uses. The client secret
 * comes back in createServiceAccount's answer and nowhere else: no query lists service accounts
 * or reads a secret again.
 */
export interface GraphQLBody {
  readonly query: string;
  readonly operationName: string;
  readonly variables: Record<string, unknown>;
}

/** What Pipefy answered: the value, or its errors (message, code, correlation id) as they came. */
export type ApiAnswer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly GraphQLErrorSummary[] };

export interface CreatedServiceAccount {
  readonly uuid: string;
  readonly email: string;
  readonly name: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tokenEndpoint: string;
}

export interface Organization {
  readonly uuid: string;
  readonly name: string;
  readonly pipes: ReadonlyArray<{ readonly id: string; readonly uuid?: string; readonly name: string }>;
}

const CREATE = `mutation CreateServiceAccount($input: CreateServiceAccountInput!) {
  createServiceAccount(input: $input) {
    success
    serviceAccount { id uuid email name role { name } description client { id secret } token { endpoint } }
  }
}`;

const DELETE = `mutation DeleteServiceAccount($input: DeleteServiceAccountInput!) {
  deleteServiceAccount(input: $input) { success }
}`;

const ORGANIZATIONS = `query Organizations {
  organizations { uuid name pipes { id uuid name } }
}`;

const REMOVE = `mutation RemoveMembersFromPipe($input: RemoveMembersFromPipeInput!) {
  removeMembersFromPipe(input: $input) { success }
}`;

const INVITE = `mutation InviteMembers($input: InviteMembersInput!) {
  inviteMembers(input: $input) { users { id email } errors { index message } }
}`;

export function createServiceAccountBody(draft: ServiceAccountDraft): GraphQLBody {
  const input = {
    organizationUuid: draft.organizationUuid.trim(),
    name: draft.name.trim(),
    role: draft.role,
    ...(draft.description?.trim() ? { description: draft.description.trim() } : {}),
    expirationTime: { unit: draft.lifetime.unit, value: draft.lifetime.value },
  };
  return { query: CREATE, operationName: 'CreateServiceAccount', variables: { input } };
}

export function deleteServiceAccountBody(organizationUuid: string, serviceAccountUuid: string): GraphQLBody {
  return { query: DELETE, operationName: 'DeleteServiceAccount', variables: { input: { organizationUuid, serviceAccountUuid } } };
}

export const organizationsBody: GraphQLBody = { query: ORGANIZATIONS, operationName: 'Organizations', variables: {} };

export function inviteMembersBody(pipeId: string, email: string, roleName: string): GraphQLBody {
  return { query: INVITE, operationName: 'InviteMembers', variables: { input: { pipe_id: pipeId, emails: [{ email, role_name: roleName }] } } };
}

/** Pipefy takes members out of a pipe by the pipe's uuid and the users' uuids (a service account's own uuid, unverified). */
export function removeMembersFromPipeBody(pipeUuid: string, userUuid: string): GraphQLBody {
  return { query: REMOVE, operationName: 'RemoveMembersFromPipe', variables: { input: { pipeUuid, usersUuids: [userUuid] } } };
}

const Created = v.object({
  data: v.object({
    createServiceAccount: v.object({
      serviceAccount: v.object({
        uuid: v.string(),
        email: v.string(),
        name: v.string(),
        client: v.object({ id: v.pipe(v.string(), v.nonEmpty()), secret: v.pipe(v.string(), v.nonEmpty()) }),
        token: v.object({ endpoint: v.pipe(v.string(), v.url()) }),
      }),
    }),
  }),
});

const Deleted = v.object({ data: v.object({ deleteServiceAccount: v.object({ success: v.literal(true) }) }) });

const Removed = v.object({ data: v.object({ removeMembersFromPipe: v.object({ success: v.literal(true) }) }) });

const Organizations = v.object({
  data: v.object({
    organizations: v.array(
      v.object({ uuid: v.string(), name: v.string(), pipes: v.optional(v.array(v.object({ id: v.union([v.string(), v.number()]), uuid: v.nullish(v.string()), name: v.string() })), []) }),
    ),
  }),
});

const Invited = v.object({ data: v.object({ inviteMembers: v.object({ users: v.nullish(v.array(v.object({ email: v.string() })), []) }) }) });

export function readCreatedServiceAccount(status: number, json: unknown): ApiAnswer<CreatedServiceAccount> {
  return read(status, json, Created, ({ data }) => {
    const { uuid, email, name, client, token } = data.createServiceAccount.serviceAccount;
    return { uuid, email, name, clientId: client.id, clientSecret: client.secret, tokenEndpoint: token.endpoint };
  });
}

export function readDeletedServiceAccount(status: number, json: unknown): ApiAnswer<true> {
  return read(status, json, Deleted, () => true as const);
}

export function readOrganizations(status: number, json: unknown): ApiAnswer<Organization[]> {
  return read(status, json, Organizations, ({ data }) =>
    data.organizations.map((organization) => ({ ...organization, pipes: organization.pipes.map((pipe) => ({ id: String(pipe.id), uuid: pipe.uuid ?? undefined, name: pipe.name })) })),
  );
}

export function readRemovedMembers(status: number, json: unknown): ApiAnswer<true> {
  return read(status, json, Removed, () => true as const);
}

/** The emails inviteMembers added; an email it refused comes back as an error. */
export function readInvitedMembers(status: number, json: unknown): ApiAnswer<string[]> {
  return read(status, json, Invited, ({ data }) => data.inviteMembers.users.map((user) => user.email));
}

/** Pipefy's own errors first (whatever the envelope); then a body of the wrong shape, said as such. */
function read<S extends v.GenericSchema, T>(status: number, json: unknown, schema: S, take: (value: v.InferOutput<S>) => T): ApiAnswer<T> {
  const errors = readApiErrors(status, json);
  if (errors.length > 0) return { ok: false, errors };
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) return { ok: false, errors: [{ message: `Pipefy's answer does not have the expected shape (${v.getDotPath(parsed.issues[0]) ?? 'the body'}: ${parsed.issues[0].message}).` }] };
  return { ok: true, value: take(parsed.output) };
}
