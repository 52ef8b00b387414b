/** The curl / Node / Python tabs. The code comes from the host's preview; Copy asks the host to copy. */
import { SNIPPET_LANGUAGES, type CodeSnippet, type SnippetLanguage } from '../../src/core/oauth/snippets';
import type { VscodeTabs } from './components';
import { byId } from './dom';

export class SnippetsView {
  private readonly tabs = byId<VscodeTabs>('snippet-tabs');

  constructor(
    private language: SnippetLanguage,
    onSelect: (language: SnippetLanguage) => void,
  ) {
    this.tabs.selectedIndex = SNIPPET_LANGUAGES.indexOf(language);
    this.tabs.addEventListener('vsc-tabs-select', (event) => {
      this.language = SNIPPET_LANGUAGES[event.detail.selectedIndex] ?? 'curl';
      onSelect(this.language);
    });
  }

  get selected(): SnippetLanguage {
    return this.language;
  }

  show(snippets: readonly CodeSnippet[]): void {
    for (const snippet of snippets) {
      const target = document.getElementById(`snippet-${snippet.language}`);
      if (target) target.textContent = snippet.code;
    }
  }
}
