// Small DOM helpers that only ever put text into the page as text (never as HTML).

/** Options of `element`: a class, text content, safe attributes and children. */
export interface ElementOptions {
  className?: string;
  /** Set with `textContent`, so markup in it shows as text. */
  text?: string;
  /** Attributes; event-handler (`on…`), `style` and URL-bearing attributes are refused. */
  attributes?: Record<string, string>;
  title?: string;
  children?: (Node | undefined)[];
}

const refusedAttribute = /^(on|style$|src$|href$|srcdoc$|action$|formaction$|xlink:href$)/i;

/** Creates an element; text goes in through `textContent` and attributes through `setAttribute`. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.title = options.title;
  for (const [name, value] of Object.entries(options.attributes ?? {})) {
    if (refusedAttribute.test(name)) throw new Error(`refused attribute ${name}`);
    node.setAttribute(name, value);
  }
  for (const child of options.children ?? []) if (child) node.appendChild(child);
  return node;
}

/** A button with a text label that runs `action` when clicked. */
export function button(text: string, action: () => void, title?: string, className = 'button'): HTMLButtonElement {
  const node = element('button', { className, text, title, attributes: { type: 'button' } });
  node.addEventListener('click', action);
  return node;
}

/** A labelled checkbox; `change` receives the new checked state. */
export function checkbox(text: string, checked: boolean, change: (checked: boolean) => void, swatch?: HTMLElement): HTMLLabelElement {
  const input = element('input', { attributes: { type: 'checkbox' } });
  input.checked = checked;
  input.addEventListener('change', () => change(input.checked));
  return element('label', { className: 'check', children: [input, swatch, element('span', { text })] });
}

/** A `<select>` of string options; `change` receives the chosen value. */
export function select(label: string, values: { value: string; text: string }[], current: string, change: (value: string) => void): HTMLLabelElement {
  const node = element('select');
  for (const { value, text } of values) {
    const option = element('option', { text, attributes: { value } });
    option.selected = value === current;
    node.appendChild(option);
  }
  node.addEventListener('change', () => change(node.value));
  return element('label', { className: 'select', children: [element('span', { text: label }), node] });
}

/** Removes every child of a node. */
export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}
