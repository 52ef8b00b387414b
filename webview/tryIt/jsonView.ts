/** Pretty JSON with colours, built from text nodes and spans: the body is never parsed as HTML. */
import { prettyJson, tokenizeJson } from './jsonTokens';

/** Past this size colouring costs more than it helps; the text is still shown in full. */
const MAX_COLOURED_CHARS = 256 * 1024;

export function renderJson(target: HTMLElement, bodyText: string): void {
  const pretty = prettyJson(bodyText);
  if (!pretty.isJson || pretty.text.length > MAX_COLOURED_CHARS) {
    target.textContent = pretty.text;
    return;
  }
  const fragment = document.createDocumentFragment();
  for (const token of tokenizeJson(pretty.text)) {
    if (token.kind === 'whitespace' || token.kind === 'punctuation' || token.kind === 'other') {
      fragment.append(document.createTextNode(token.text));
    } else {
      const span = document.createElement('span');
      span.className = `json-${token.kind}`;
      span.textContent = token.text;
      fragment.append(span);
    }
  }
  target.replaceChildren(fragment);
}
