import { escapeRegExp } from '../../e2e/helpers/accounts';

/**
 * A message that names every one of `terms` (what is wrong, where, and what to do: a field, the
 * value refused, a limit, a code, a setting), in any order and whatever the wording around them.
 * The security tests check that a message tells the user the cause and the fix; rewording it
 * must not break them, and dropping either must.
 */
export function naming(...terms: ReadonlyArray<string | RegExp>): RegExp {
  const lookaheads = terms.map((term) => `(?=[\\s\\S]*?${typeof term === 'string' ? escapeRegExp(term) : term.source})`);
  return new RegExp(`^${lookaheads.join('')}`, 'i');
}
