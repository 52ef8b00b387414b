import { describeGraphQLError } from '../requests/responseSummary';
import { meEmailIn } from '../requests/errorAdvice';
import type { GraphQLRequest, GraphQLResponse } from './graphqlRunner';

/** The operation name says in the server's logs (and in this extension's) why the call was made. */
export const ACCOUNT_EMAIL_OPERATION = 'PipefyPlaygroundAccountEmail';
const ACCOUNT_EMAIL_QUERY = `query ${ACCOUNT_EMAIL_OPERATION} { me { email } }`;

export type AccountEmailLookup = { readonly email: string } | { readonly problem: string };

/**
 * The service account's email, from `me` (which any token may read, member of a pipe or not), to
 * name the account in advice about permissions. Never throws: a failure says why in `problem`.
 */
export async function lookUpAccountEmail(runner: { run(request: GraphQLRequest): Promise<GraphQLResponse> }, endpoint: string): Promise<AccountEmailLookup> {
  try {
    const response = await runner.run({ endpoint, query: ACCOUNT_EMAIL_QUERY, operationName: ACCOUNT_EMAIL_OPERATION });
    const email = meEmailIn(response.json);
    if (email) return { email };
    if (response.errors.length) return { problem: describeGraphQLError(response.errors[0]) };
    return { problem: `me answered ${response.status} without an email` };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}
