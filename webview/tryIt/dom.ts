/** DOM lookups for the static page; a missing element is a bug in the page, so it fails loudly. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`Try It page: #${id} is missing.`);
  return element as T;
}

/** Builds an element whose content is text only: untrusted strings never go through innerHTML. */
export function textElement<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  return element;
}
