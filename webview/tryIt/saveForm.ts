/** "Save as account": the ad hoc values plus a label become a saved account. */
import type { SaveAccountDraft } from '../../src/protocol/tryIt/webviewMessages';
import type { PanelState } from './panelState';
import type { TryItPage } from './tryItPage';

export class SaveForm {
  constructor(
    private readonly page: TryItPage,
    initial: PanelState['save'],
    onChange: () => void,
  ) {
    this.page.label.value = initial.label;
    this.page.graphqlEndpoint.value = initial.graphqlEndpoint;
    this.page.description.value = initial.description;
    for (const field of [this.page.label, this.page.graphqlEndpoint, this.page.description]) field.addEventListener('input', onChange);
  }

  get state(): PanelState['save'] {
    return { label: this.page.label.value, graphqlEndpoint: this.page.graphqlEndpoint.value, description: this.page.description.value };
  }

  set visible(visible: boolean) {
    this.page.save.hidden = !visible;
  }

  draft(credentials: Pick<SaveAccountDraft, 'tokenEndpoint' | 'clientId' | 'clientSecret' | 'authMode'>): SaveAccountDraft {
    const { label, graphqlEndpoint, description } = this.state;
    return { ...credentials, label, graphqlEndpoint, description: description.trim() ? description : undefined };
  }

  setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
    this.page.saveStatus.textContent = text;
    this.page.saveStatus.dataset.kind = kind;
  }

  reset(): void {
    this.page.label.value = '';
    this.page.description.value = '';
  }
}
