/**
 * Field problems (from the host's validation) shown next to the field they concern, with the
 * control marked invalid, so the message says what is wrong where it can be fixed.
 */
import type { FieldProblemView } from '../../src/protocol/tryIt/views';

/** Problem field names (AccountDraft keys) to control ids in the page. */
const CONTROL_IDS: Readonly<Record<string, string>> = {
  tokenEndpoint: 'token-endpoint',
  clientId: 'client-id',
  clientSecret: 'client-secret',
  authMode: 'auth-mode',
  label: 'label',
  graphqlEndpoint: 'graphql-endpoint',
  description: 'description',
};

/** Shows each problem by its field; returns those that have no field in the page. */
export function showFieldProblems(problems: readonly FieldProblemView[]): FieldProblemView[] {
  const unplaced: FieldProblemView[] = [];
  for (const problem of problems) {
    if (!setProblem(problem.field, problem.message)) unplaced.push(problem);
  }
  return unplaced;
}

export function setProblem(field: string, message: string | undefined): boolean {
  const controlId = Object.prototype.hasOwnProperty.call(CONTROL_IDS, field) ? CONTROL_IDS[field] : undefined;
  const control = controlId ? document.getElementById(controlId) : null;
  const slot = controlId ? document.getElementById(`${controlId}-problem`) : null;
  if (!control || !slot) return false;
  slot.textContent = message ?? '';
  markInvalid(control, Boolean(message));
  return true;
}

function markInvalid(control: HTMLElement, invalid: boolean): void {
  if ('invalid' in control) {
    (control as HTMLElement & { invalid: boolean }).invalid = invalid;
    return;
  }
  // The secret field is plain markup (secretField.ts): its frame draws the error, its input tells assistive technology.
  control.toggleAttribute('data-invalid', invalid);
  control.querySelector('input')?.setAttribute('aria-invalid', String(invalid));
}

export function clearFieldProblems(fields: readonly string[] = Object.keys(CONTROL_IDS)): void {
  for (const field of fields) setProblem(field, undefined);
}
