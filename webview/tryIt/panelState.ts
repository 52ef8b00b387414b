/**
 * What the page keeps through vscode.setState while hidden or across reloads. By construction it
 * has no field for the secret, the token or any response: VS Code writes this state to disk,
 * and secrets live in SecretStorage only. Parsing copies known fields only, so nothing else stored there ever comes back.
 */
import { DEFAULT_GRAPHQL_ENDPOINT, DEFAULT_TOKEN_ENDPOINT, isClientAuthMode, type ClientAuthMode } from '../../src/core/accounts/account';
import { SNIPPET_LANGUAGES, type SnippetLanguage } from '../../src/core/oauth/snippets';

/** The account dropdown's value for "type the values here"; account ids are UUIDs, so no clash. */
export const AD_HOC = ':adhoc';

export interface PanelState {
  readonly selection: string;
  readonly adHoc: { readonly tokenEndpoint: string; readonly clientId: string; readonly authMode: ClientAuthMode };
  readonly save: { readonly label: string; readonly graphqlEndpoint: string; readonly description: string };
  readonly snippetLanguage: SnippetLanguage;
}

export const DEFAULT_PANEL_STATE: PanelState = {
  selection: AD_HOC,
  adHoc: { tokenEndpoint: DEFAULT_TOKEN_ENDPOINT, clientId: '', authMode: 'form' },
  save: { label: '', graphqlEndpoint: DEFAULT_GRAPHQL_ENDPOINT, description: '' },
  snippetLanguage: 'curl',
};

const MAX_LENGTH = 2048;

export function parsePanelState(value: unknown): PanelState {
  const d = DEFAULT_PANEL_STATE;
  const v = record(value);
  const adHoc = record(v.adHoc);
  const save = record(v.save);
  return {
    selection: text(v.selection, d.selection),
    adHoc: {
      tokenEndpoint: text(adHoc.tokenEndpoint, d.adHoc.tokenEndpoint),
      clientId: text(adHoc.clientId, d.adHoc.clientId),
      authMode: isClientAuthMode(adHoc.authMode) ? adHoc.authMode : d.adHoc.authMode,
    },
    save: {
      label: text(save.label, d.save.label),
      graphqlEndpoint: text(save.graphqlEndpoint, d.save.graphqlEndpoint),
      description: text(save.description, d.save.description),
    },
    snippetLanguage: (SNIPPET_LANGUAGES as readonly unknown[]).includes(v.snippetLanguage) ? (v.snippetLanguage as SnippetLanguage) : d.snippetLanguage,
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length <= MAX_LENGTH ? value : fallback;
}
