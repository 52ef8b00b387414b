/**
 * Field problems (from the host's validation) shown next to the field they concern, with the
 * control marked invalid, so the message says what is wrong where it can be fixed.
 */
import type { FieldProblemView } from '../../src/protocol/tryIt/views';
import type { FieldSlot, ProblemField } from './tryItPage';

export class FieldProblems {
  constructor(private readonly fields: Readonly<Record<ProblemField, FieldSlot>>) {}

  /** Shows each problem by its field; returns those that have no field in the page. */
  show(problems: readonly FieldProblemView[]): FieldProblemView[] {
    const unplaced: FieldProblemView[] = [];
    for (const problem of problems) {
      if (!this.set(problem.field, problem.message)) unplaced.push(problem);
    }
    return unplaced;
  }

  /** Shows (or with no message, clears) one field's problem; false when the page has no such field. */
  set(field: string, message: string | undefined): boolean {
    const slot = Object.prototype.hasOwnProperty.call(this.fields, field) ? this.fields[field as ProblemField] : undefined;
    if (!slot) return false;
    slot.problem.textContent = message ?? '';
    markInvalid(slot.control, Boolean(message));
    return true;
  }

  clear(fields: readonly ProblemField[] = Object.keys(this.fields) as ProblemField[]): void {
    for (const field of fields) this.set(field, undefined);
  }
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
