/** Minimal DOM plumbing: keyed list patching (unchanged messages keep their nodes, open menus and focus). */
const rendered = new WeakMap<Element, string>();

function fromHtml(html: string): Element {
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  const node = template.content.firstElementChild;
  if (!node) throw new Error('empty html');
  return node;
}

export interface KeyedHtml {
  readonly key: string;
  readonly html: string;
}

/** Makes `container`'s children the given items, in order, re-creating only the ones whose HTML changed. */
export function patchChildren(container: Element, items: readonly KeyedHtml[]): void {
  const existing = new Map<string, Element>();
  for (const child of [...container.children]) {
    const key = child.getAttribute('data-key');
    if (key !== null) existing.set(key, child);
    else child.remove();
  }
  let cursor: Element | null = container.firstElementChild;
  for (const item of items) {
    let node = existing.get(item.key);
    existing.delete(item.key);
    if (!node || rendered.get(node) !== item.html) {
      const fresh = fromHtml(item.html);
      fresh.setAttribute('data-key', item.key);
      rendered.set(fresh, item.html);
      if (node) {
        if (cursor === node) cursor = fresh;
        node.replaceWith(fresh);
      }
      node = fresh;
    }
    if (node !== cursor) container.insertBefore(node, cursor);
    cursor = node.nextElementSibling;
  }
  for (const stale of existing.values()) stale.remove();
}

/** Replaces an element's content only when its HTML changed (keeps focus and scroll otherwise). */
export function setHtml(el: Element, html: string): void {
  if (rendered.get(el) === html) return;
  rendered.set(el, html);
  el.innerHTML = html;
}

export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}
