// The details panel: what the selected node, group or edge is, and links to open, focus or expand it (text only).
import type { GraphNodeItem } from '../../server/src/protocol';
import { button, clear, element } from './dom';
import { kindStyle } from './kinds';
import type { IndexedEdge } from './model';

/** What the details panel asks the page to do. */
export interface DetailsActions {
  open(id: string): void;
  focus(id: string): void;
  openEdge(index: number): void;
  expand(group: string): void;
  collapse(group: string): void;
}

/** Edges listed under a node before "and N more". */
const maxListedEdges = 30;

/** The file name and one-based line of a graph location (`handlers/index.ts:12`), given the graph's file URIs. */
export function locationLabel(files: readonly string[], location: GraphNodeItem['location']): string | undefined {
  const uri = location && files[location[0]];
  if (uri === undefined || !location) return undefined;
  let path = uri;
  try {
    path = decodeURIComponent(new URL(uri).pathname);
  } catch {
    // Not a URL: show it as it is.
  }
  const parts = path.split('/').filter(Boolean);
  return `${parts.slice(-2).join('/')}:${location[1] + 1}`;
}

/** The details panel. */
export class Details {
  private readonly body = element('div', { className: 'details-body' });

  constructor(root: HTMLElement, private readonly actions: DetailsActions) {
    root.append(element('h3', { text: 'Selection' }), this.body);
    this.clear();
  }

  /** Shows nothing selected. */
  clear(): void {
    clear(this.body);
    this.body.appendChild(element('p', { className: 'muted', text: 'Click a node to open it; double-click a service to expand or collapse it.' }));
  }

  /** Shows a node, its facts and its edges. */
  showNode(node: GraphNodeItem, files: readonly string[], incoming: IndexedEdge[], outgoing: IndexedEdge[], labelOf: (id: string) => string): void {
    clear(this.body);
    const facts: [string, string | undefined][] = [
      ['Kind', kindStyle(node.kind).title],
      ['Type', node.type],
      ['Service', node.group],
      ['Location', locationLabel(files, node.location)],
      ['Id', node.id],
    ];
    this.body.append(element('h4', { className: 'selected-label', text: node.label }), factList(facts));
    const actions = element('div', { className: 'row' });
    if (node.location) actions.appendChild(button('Open', () => this.actions.open(node.id), 'Open the handler or template entry'));
    actions.appendChild(button('Focus', () => this.actions.focus(node.id), 'Show this node\u2019s neighbourhood'));
    this.body.appendChild(actions);
    this.body.append(...this.edgeList('Incoming', incoming, (edge) => labelOf(edge.from)));
    this.body.append(...this.edgeList('Outgoing', outgoing, (edge) => labelOf(edge.to)));
  }

  /** Shows a group (collapsed or expanded). */
  showGroup(group: string, kinds: ReadonlyMap<string, number>, expanded: boolean): void {
    clear(this.body);
    const total = [...kinds.values()].reduce((sum, count) => sum + count, 0);
    const facts: [string, string | undefined][] = [...kinds].map(([kind, count]) => [kindStyle(kind).title, String(count)]);
    this.body.append(element('h4', { className: 'selected-label', text: group }), element('p', { text: `Service with ${total} visible node${total === 1 ? '' : 's'}` }), factList(facts));
    this.body.appendChild(expanded
      ? button('Collapse', () => this.actions.collapse(group), 'Draw this service as one node')
      : button('Expand', () => this.actions.expand(group), 'Draw every node of this service'));
  }

  /** Shows the server edges a drawn edge stands for. */
  showEdges(items: IndexedEdge[], labelOf: (id: string) => string): void {
    clear(this.body);
    this.body.append(...this.edgeList(items.length === 1 ? 'Edge' : `${items.length} edges`, items, (edge) => `${labelOf(edge.from)} \u2192 ${labelOf(edge.to)}`));
  }

  private edgeList(title: string, items: IndexedEdge[], name: (edge: IndexedEdge['edge']) => string): HTMLElement[] {
    if (items.length === 0) return [];
    const list = element('ul', { className: 'edge-list' });
    for (const { index, edge } of items.slice(0, maxListedEdges)) {
      const text = `${name(edge)} \u2014 ${edge.kind === 'call' ? `${edge.label}${edge.sync === false ? ' (async)' : ' (sync)'}` : `${edge.kind} ${edge.label}`}`;
      const entry = edge.evidence ? button(text, () => this.actions.openEdge(index), 'Open where this happens', 'link') : element('span', { text });
      list.appendChild(element('li', { children: [entry] }));
    }
    if (items.length > maxListedEdges) list.appendChild(element('li', { className: 'muted', text: `and ${items.length - maxListedEdges} more` }));
    return [element('h4', { text: title }), list];
  }
}

function factList(facts: [string, string | undefined][]): HTMLElement {
  const list = element('dl', { className: 'facts' });
  for (const [name, value] of facts) {
    if (value === undefined || value === '') continue;
    list.append(element('dt', { text: name }), element('dd', { text: value }));
  }
  return list;
}
