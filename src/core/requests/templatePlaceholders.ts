/**
 * The values New GraphQL Request writes where only the user knows the answer, such as
 * `REPLACE_WITH_PIPE_ID`. Sent as they are, Pipefy answers with an error that does not say the
 * value was never filled in, so a run looks for them first.
 */
const PLACEHOLDER = /^REPLACE_WITH_[A-Z0-9_]+$/;

export interface PlaceholderLeft {
  /** Where it sits among the variables: `id`, `input.pipe_id`, `input.emails[0].email`. */
  readonly path: string;
  readonly value: string;
}

export function isTemplatePlaceholder(value: unknown): value is string {
  return typeof value === 'string' && PLACEHOLDER.test(value.trim());
}

/** Every placeholder still in the variables, in the order they are written. */
export function placeholdersIn(variables: Readonly<Record<string, unknown>>): PlaceholderLeft[] {
  const found: PlaceholderLeft[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    if (isTemplatePlaceholder(value)) found.push({ path, value: value.trim() });
    else if (depth > 10 || value === null || typeof value !== 'object') return;
    else if (Array.isArray(value)) value.forEach((item, index) => visit(item, `${path}[${index}]`, depth + 1));
    else for (const [key, inner] of Object.entries(value)) visit(inner, path ? `${path}.${key}` : key, depth + 1);
  };
  visit(variables, '', 0);
  return found;
}
