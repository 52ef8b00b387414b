/** The curl / Node / Python tabs. The code comes from the host's preview; Copy asks the host to copy. */
import { SNIPPET_LANGUAGES, type CodeSnippet, type SnippetLanguage } from '../../src/core/oauth/snippets';
import type { VscodeTabs } from './components';

export class SnippetsView {
  constructor(
    private readonly tabs: VscodeTabs,
    private readonly blocks: Readonly<Record<SnippetLanguage, HTMLElement>>,
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
    for (const snippet of snippets) this.blocks[snippet.language].textContent = snippet.code;
  }
}
