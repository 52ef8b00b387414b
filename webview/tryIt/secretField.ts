/**
 * The client secret's field: a native <input type=password autocomplete=off> drawn like the
 * toolkit's text field, with the eye toggle inside it. Not a vscode-textfield, because that one is
 * form-associated: it hands its value to the browser as form state, and Chromium writes form state
 * to the profile's session files on disk (masked or not). A native field with autocomplete off is
 * left out of that state, both masked and shown as text.
 */
import type { VscodeIcon } from './components';

export class SecretField {
  private shown = false;

  constructor(
    private readonly input: HTMLInputElement,
    private readonly reveal: VscodeIcon,
    onInput: () => void,
  ) {
    this.input.addEventListener('input', onInput);
    this.input.addEventListener('keydown', (event) => {
      // Enter sends, as it does in the toolkit's fields (which call requestSubmit themselves).
      if (event.key !== 'Enter' || event.isComposing) return;
      event.preventDefault();
      this.input.form?.requestSubmit();
    });
    this.reveal.addEventListener('vsc-click', () => this.setShown(!this.shown));
  }

  get value(): string {
    return this.input.value;
  }

  set value(value: string) {
    this.input.value = value;
  }

  set placeholder(text: string) {
    this.input.placeholder = text;
  }

  /** A saved account's secret is never shown or typed here: the field only says whether one is stored. */
  set readonly(readonly: boolean) {
    this.input.readOnly = readonly;
    this.reveal.hidden = readonly;
    this.input.type = !readonly && this.shown ? 'text' : 'password';
  }

  private setShown(shown: boolean): void {
    this.shown = shown;
    this.input.type = shown ? 'text' : 'password';
    const label = shown ? 'Hide the secret' : 'Show the secret';
    this.reveal.name = shown ? 'eye-closed' : 'eye';
    this.reveal.label = label;
    this.reveal.title = label;
  }
}
