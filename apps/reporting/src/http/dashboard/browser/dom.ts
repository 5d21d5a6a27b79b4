/** The page element with this id; the page is rendered by the same service, so a missing one is a bug. */
export function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

export function setText(id: string, text: string): void {
  element(id).textContent = text;
}
