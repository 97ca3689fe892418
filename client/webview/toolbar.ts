// The toolbar: calls/resources toggle, search, focus depths, layout and export buttons (all text set as text).
import { maxDepth, minDepth, type GraphScope } from '../src/graph/messages';
import { button, clear, element, select } from './dom';
import type { Mode } from './model';

/** What the toolbar asks the page to do. */
export interface ToolbarActions {
  mode(mode: Mode): void;
  search(query: string): void;
  /** Move to the next (or previous) search match. */
  step(backwards: boolean): void;
  depth(upstream: number, downstream: number): void;
  showAll(): void;
  fit(): void;
  collapseAll(): void;
  expandAll(): void;
  exportAs(format: 'svg' | 'png' | 'mermaid'): void;
  copyMermaid(): void;
  refresh(): void;
  toggleSide(): void;
}

/** What the toolbar shows. */
export interface ToolbarState {
  mode: Mode;
  scope: GraphScope;
  /** The focus node's label, when the view has a focus. */
  focusLabel?: string;
  /** "2 of 5", "no match" or empty. */
  matches: string;
}

const depthValues = Array.from({ length: maxDepth - minDepth + 1 }, (_, index) => {
  const value = String(minDepth + index);
  return { value, text: value };
});

/** The toolbar at the top of the page. */
export class Toolbar {
  private readonly modeButtons = new Map<Mode, HTMLButtonElement>();
  private readonly searchInput: HTMLInputElement;
  private readonly matchCount = element('span', { className: 'matches', attributes: { 'aria-live': 'polite' } });
  private readonly focusArea = element('span', { className: 'focus-area' });

  constructor(root: HTMLElement, private readonly actions: ToolbarActions) {
    const modes = element('span', { className: 'segmented', attributes: { role: 'group', 'aria-label': 'What to show' } });
    for (const [mode, text, title] of [
      ['calls', 'Calls only', 'Functions, state machines and the calls between them'],
      ['resources', 'Resources', 'Every node and the edges through queues, topics, tables, buses…'],
    ] as const) {
      const node = button(text, () => actions.mode(mode), title);
      this.modeButtons.set(mode, node);
      modes.appendChild(node);
    }
    this.searchInput = element('input', { className: 'search', attributes: { type: 'search', placeholder: 'Search nodes', 'aria-label': 'Search nodes' } });
    this.searchInput.addEventListener('input', () => actions.search(this.searchInput.value));
    this.searchInput.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') actions.step(event.shiftKey);
    });
    const exports = element('span', { className: 'group', children: [
      button('SVG', () => actions.exportAs('svg'), 'Save the drawing as SVG'),
      button('PNG', () => actions.exportAs('png'), 'Save the drawing as PNG'),
      button('Mermaid', () => actions.exportAs('mermaid'), 'Save the call graph as a Mermaid flowchart'),
      button('Copy Mermaid', () => actions.copyMermaid(), 'Copy the Mermaid flowchart to the clipboard'),
    ] });
    const view = element('span', { className: 'group', children: [
      button('Fit', () => actions.fit(), 'Zoom to fit the whole graph'),
      button('Collapse all', () => actions.collapseAll(), 'One node per service'),
      button('Expand all', () => actions.expandAll(), 'Show every node of every service'),
      button('Refresh', () => actions.refresh(), 'Ask the language server for the graph again'),
      button('Filters', () => actions.toggleSide(), 'Show or hide the legend, filters and details'),
    ] });
    root.append(modes, element('span', { className: 'group', children: [this.searchInput, this.matchCount] }), this.focusArea, view, exports);
  }

  /** Shows the current mode, focus and search state. */
  update(state: ToolbarState): void {
    for (const [mode, node] of this.modeButtons) node.setAttribute('aria-pressed', String(mode === state.mode));
    this.matchCount.textContent = state.matches;
    this.renderFocus(state);
  }

  /** Puts the keyboard focus in the search box. */
  focusSearch(): void {
    this.searchInput.focus();
  }

  private renderFocus(state: ToolbarState): void {
    clear(this.focusArea);
    const { focus, upstream, downstream } = state.scope;
    if (!focus) return;
    const label = state.focusLabel ?? focus;
    this.focusArea.append(
      element('span', { className: 'focus-label', text: `Focus: ${label}`, title: focus }),
      select('Upstream', depthValues, String(upstream), (value) => this.actions.depth(Number(value), downstream)),
      select('Downstream', depthValues, String(downstream), (value) => this.actions.depth(upstream, Number(value))),
      button('Show all', () => this.actions.showAll(), 'Show the whole system'),
    );
  }
}
