/**
 * The lazily loaded bundle (dist/language.js) has its own copy of the SchemaError class, so
 * `instanceof` cannot recognise its errors in the host's bundle; their name and hint can.
 */
export function asSchemaError(error: unknown): { readonly message: string; readonly hint: string } | undefined {
  if (!(error instanceof Error) || error.name !== 'SchemaError') return undefined;
  const hint = (error as { hint?: unknown }).hint;
  return { message: error.message, hint: typeof hint === 'string' ? hint : '' };
}
