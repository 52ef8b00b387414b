/**
 * Which saved account a panel opened without arguments starts on: the active one, else the only
 * one, else none (the user picks). Starting on "Ad hoc values" while an account is ready made the
 * first Send fail on empty fields.
 */
export function preselectedAccountId(accounts: ReadonlyArray<{ readonly id: string }>, activeId: string | undefined): string | undefined {
  if (activeId !== undefined && accounts.some((account) => account.id === activeId)) return activeId;
  return accounts.length === 1 ? accounts[0].id : undefined;
}
