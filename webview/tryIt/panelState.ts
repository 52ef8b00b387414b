/**
 * What the page keeps through vscode.setState while hidden or across reloads. By construction it
 * has no field for the secret, the token or any response: VS Code writes this state to disk,
 * and secrets live in SecretStorage only. Parsing copies known fields only, so nothing else stored there ever comes back.
 */
import * as v from 'valibot';
import { CLIENT_AUTH_MODES, DEFAULT_GRAPHQL_ENDPOINT, DEFAULT_TOKEN_ENDPOINT, type ClientAuthMode } from '../../src/core/accounts/account';
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

/** A field of the wrong type or size falls back on its own default; the others are kept. */
const text = (fallback: string) => v.fallback(v.pipe(v.string(), v.maxLength(MAX_LENGTH)), fallback);
const d = DEFAULT_PANEL_STATE;

// v.object keeps the known fields only, so nothing else stored there ever comes back.
const PanelStateSchema = v.fallback(
  v.object({
    selection: text(d.selection),
    adHoc: v.fallback(
      v.object({
        tokenEndpoint: text(d.adHoc.tokenEndpoint),
        clientId: text(d.adHoc.clientId),
        authMode: v.fallback(v.picklist(CLIENT_AUTH_MODES), d.adHoc.authMode),
      }),
      d.adHoc,
    ),
    save: v.fallback(
      v.object({
        label: text(d.save.label),
        graphqlEndpoint: text(d.save.graphqlEndpoint),
        description: text(d.save.description),
      }),
      d.save,
    ),
    snippetLanguage: v.fallback(v.picklist(SNIPPET_LANGUAGES), d.snippetLanguage),
  }),
  d,
);

export function parsePanelState(value: unknown): PanelState {
  return v.parse(PanelStateSchema, value);
}
