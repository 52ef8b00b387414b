import * as v from 'valibot';
import type { GraphQLErrorSummary } from '../graphql/errorEnvelope';

/** What the run knows about the service account that sent it. */
export interface AdviceAccount {
  readonly label: string;
  /** From `me`, when it could be read. */
  readonly email?: string;
  /** Why the email is not known, when it was looked for and not found. */
  readonly emailProblem?: string;
}

/** The request as it was sent: where the pipe ID of a refused call is looked for. */
export interface AdviceRequest {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
}

export interface ErrorAdvice {
  /** One or two sentences for the response view. */
  readonly text: string;
  /** The same in a few words, for the notification, which stays within three lines. */
  readonly brief: string;
  /** Set when an inviteMembers request would fix it: what to fill the template with. */
  readonly invite?: { readonly pipeId?: string; readonly email?: string };
  /** Set when the same request, run as another account (a pipe's admin), would go through. */
  readonly runAsAnother?: true;
}

/** Whether the advice for these errors would name the account's email, which only `me` knows. */
export function adviceNeedsAccountEmail(errors: readonly GraphQLErrorSummary[]): boolean {
  return errors.some((error) => isPermissionDenied(error) && !isInviteMembersError(error));
}

/**
 * What the errors most likely mean and what to do, for the two walls every new Pipefy user hits:
 * PERMISSION_DENIED (a new service account is a member of no pipe, and an ID that does not exist
 * answers the same), and createCard refused because the pipe's start form has required fields.
 */
export function adviseOnErrors(errors: readonly GraphQLErrorSummary[], request: AdviceRequest, account: AdviceAccount): ErrorAdvice[] {
  const advice: ErrorAdvice[] = [];
  const denied = errors.filter(isPermissionDenied);
  const pipeIds = pipeIdsOf(request);
  const pipes = pipeIds.length === 0 ? 'that pipe' : `pipe${pipeIds.length === 1 ? '' : 's'} ${pipeIds.join(', ')}`;
  if (denied.some(isInviteMembersError)) {
    advice.push({
      text:
        `Only the organization's admins and the pipe's admins may add members: run this request as a service account ` +
        `that administers ${pipes}, or check the ID.`,
      brief: `Only admins of ${pipes} may add members: run it as one (Run as…).`,
      runAsAnother: true,
    });
  }
  if (denied.some((error) => !isInviteMembersError(error))) {
    const who = account.email ? `"${account.label}" (${account.email})` : `"${account.label}"${account.emailProblem ? ` (its email could not be read with me: ${account.emailProblem})` : ''}`;
    advice.push({
      text:
        `PERMISSION_DENIED: the service account ${who} is probably not a member of ${pipes}, or the ID is wrong ` +
        `(Pipefy answers the same to both). A pipe admin adds the account with inviteMembers.`,
      // The notice's buttons (Add to Pipe, Write inviteMembers Request) say the fix; the view says it in full.
      brief: `"${account.label}" is not a member of ${pipes}, or the ID is wrong.`,
      invite: { pipeId: pipeIds[0], email: account.email },
    });
  }
  const required = errors.find(isRequiredFieldsError);
  if (required) {
    const fields = requiredFieldsIn(required.message);
    advice.push({
      text:
        `createCard needs the pipe's required start-form fields${fields.length ? `: ${fields.join(', ')}` : ' (the message names them)'}. ` +
        `Give each in input.fields_attributes as {"field_id": "…", "field_value": "…"}; pipe(id) { start_form_fields { id label required } } lists them.`,
      // The error beside it in the notice names the fields already.
      brief: `Give ${fields.length === 1 ? 'it' : 'each'} in input.fields_attributes.`,
    });
  }
  return advice;
}

function isPermissionDenied(error: GraphQLErrorSummary): boolean {
  return error.code === 'PERMISSION_DENIED';
}

function isInviteMembersError(error: GraphQLErrorSummary): boolean {
  return error.path?.[0] === 'inviteMembers';
}

function isRequiredFieldsError(error: GraphQLErrorSummary): boolean {
  return error.path?.[0] === 'createCard' && /required/i.test(error.message) && !/^Argument '/.test(error.message);
}

/** `Required fields are missing: Amount (amount), Item (item)` → the names after the last colon. */
export function requiredFieldsIn(message: string): string[] {
  const colon = message.lastIndexOf(':');
  if (colon < 0) return [];
  return message
    .slice(colon + 1)
    .split(/,(?![^(]*\))/)
    .map((field) => field.trim().replace(/\.$/, ''))
    .filter((field) => field !== '');
}

/** A pipe ID as a request gives it: text (a blank one names nothing) or a number. */
const PipeIdSchema = v.union([v.pipe(v.string(), v.trim(), v.nonEmpty()), v.pipe(v.number(), v.finite(), v.transform(String))]);

/**
 * The pipe IDs the request names: `pipe(id: …)` and `pipe_id: …` in the query (a literal, or a
 * variable's value), then any `pipe_id` / `pipeId` among the variables, such as createCard's input.
 */
export function pipeIdsOf(request: AdviceRequest): string[] {
  const variables = request.variables ?? {};
  const ids: string[] = [];
  const add = (value: unknown) => {
    const id = v.safeParse(PipeIdSchema, value);
    if (id.success && !ids.includes(id.output)) ids.push(id.output);
  };
  const argument = String.raw`\s*:\s*(?:\$(\w+)|"([^"]*)"|(\d+))`;
  const inQuery = new RegExp(String.raw`\bpipe\s*\(\s*id${argument}|\bpipe_?[iI][dD]${argument}`, 'g');
  for (const match of request.query.matchAll(inQuery)) {
    const [, variable, quoted, number, variable2, quoted2, number2] = match;
    const name = variable ?? variable2;
    add(name !== undefined ? variables[name] : quoted ?? number ?? quoted2 ?? number2);
  }
  const visit = (value: unknown, depth: number) => {
    if (depth > 5 || value === null || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (/^pipe_?id$/i.test(key)) add(inner);
      else visit(inner, depth + 1);
    }
  };
  visit(variables, 0);
  return ids;
}

/** An answer to `{ me { email } }`; what has no `@` is not an email. */
const MeAnswerSchema = v.object({ data: v.object({ me: v.object({ email: v.pipe(v.string(), v.includes('@')) }) }) });

/** The email in an answer to `{ me { email } }`, so a run of the Me template names the account from then on. */
export function meEmailIn(json: unknown): string | undefined {
  const answer = v.safeParse(MeAnswerSchema, json);
  return answer.success ? answer.output.data.me.email : undefined;
}
