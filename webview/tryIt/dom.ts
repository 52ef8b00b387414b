/** Building the page from DOM nodes: untrusted strings never go through innerHTML. */

/** An attribute's value; `true` sets it empty (`hidden`, `readonly`), `false` leaves it out. */
export type AttributeValue = string | boolean;

/**
 * An element with its attributes and children, as markup would give it; a string child is a text
 * node. Custom elements are defined before the page is built, so each is upgraded as it is made.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Readonly<Record<string, AttributeValue>> = {},
  ...children: ReadonlyArray<Node | string>
): HTMLElementTagNameMap[K] {
  const built = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== false) built.setAttribute(name, value === true ? '' : value);
  }
  built.append(...children);
  return built;
}

/** Builds an element whose content is text only. */
export function textElement<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, className?: string): HTMLElementTagNameMap[K] {
  return element(tag, className ? { class: className } : {}, text);
}
