/** "Save as account": the ad hoc values plus a label become a saved account (SPEC §3 C). */
import type { SaveAccountDraft } from '../../src/protocol/tryIt/webviewMessages';
import type { VscodeTextfield } from './components';
import type { PanelState } from './panelState';
import type { TryItPage } from './tryItPage';

export class SaveForm {
  private readonly section: HTMLElement;
  private readonly label: VscodeTextfield;
  private readonly graphqlEndpoint: VscodeTextfield;
  private readonly description: VscodeTextfield;
  private readonly status: HTMLElement;

  constructor(page: TryItPage, initial: PanelState['save'], onChange: () => void) {
    this.section = page.save;
    this.label = page.label;
    this.graphqlEndpoint = page.graphqlEndpoint;
    this.description = page.description;
    this.status = page.saveStatus;
    this.label.value = initial.label;
    this.graphqlEndpoint.value = initial.graphqlEndpoint;
    this.description.value = initial.description;
    for (const field of [this.label, this.graphqlEndpoint, this.description]) field.addEventListener('input', onChange);
  }

  get state(): PanelState['save'] {
    return { label: this.label.value, graphqlEndpoint: this.graphqlEndpoint.value, description: this.description.value };
  }

  set visible(visible: boolean) {
    this.section.hidden = !visible;
  }

  draft(credentials: Pick<SaveAccountDraft, 'tokenEndpoint' | 'clientId' | 'clientSecret' | 'authMode'>): SaveAccountDraft {
    const { label, graphqlEndpoint, description } = this.state;
    return { ...credentials, label, graphqlEndpoint, description: description.trim() ? description : undefined };
  }

  setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
    this.status.textContent = text;
    this.status.dataset.kind = kind;
  }

  reset(): void {
    this.label.value = '';
    this.description.value = '';
  }
}
