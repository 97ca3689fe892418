// The legend, which doubles as the filter: one checkbox per node kind with its colour, and the sync/async edge toggles.
import { checkbox, clear, element } from './dom';
import { kindStyle, knownKinds } from './kinds';

/** What the legend asks the page to change. */
export interface LegendActions {
  toggleKind(kind: string, shown: boolean): void;
  toggleCalls(which: 'sync' | 'async', shown: boolean): void;
}

/** The legend panel. */
export class Legend {
  private readonly kinds = element('div', { className: 'legend-kinds' });
  private readonly edges = element('div', { className: 'legend-edges' });

  constructor(root: HTMLElement, private readonly actions: LegendActions) {
    root.append(element('h3', { text: 'Kinds' }), this.kinds, element('h3', { text: 'Calls' }), this.edges);
  }

  /** Lists the kinds present in the graph (known kinds first) with their counts, and the edge toggles. */
  update(counts: ReadonlyMap<string, number>, hiddenKinds: ReadonlySet<string>, calls: { sync: boolean; async: boolean }): void {
    clear(this.kinds);
    const present = [...knownKinds.filter((kind) => counts.has(kind)), ...[...counts.keys()].filter((kind) => !knownKinds.includes(kind)).sort()];
    for (const kind of present) {
      const style = kindStyle(kind);
      const swatch = element('span', { className: 'swatch', attributes: { 'aria-hidden': 'true' } });
      swatch.style.backgroundColor = style.colour;
      const row = checkbox(`${style.title} (${counts.get(kind) ?? 0})`, !hiddenKinds.has(kind), (shown) => this.actions.toggleKind(kind, shown), swatch);
      this.kinds.appendChild(row);
    }
    if (present.length === 0) this.kinds.appendChild(element('p', { className: 'muted', text: 'No nodes.' }));
    clear(this.edges);
    this.edges.append(
      checkbox('Synchronous (solid)', calls.sync, (shown) => this.actions.toggleCalls('sync', shown), lineSample(false)),
      checkbox('Asynchronous (dashed)', calls.async, (shown) => this.actions.toggleCalls('async', shown), lineSample(true)),
    );
  }
}

function lineSample(dashed: boolean): HTMLElement {
  return element('span', { className: dashed ? 'line-sample dashed' : 'line-sample', attributes: { 'aria-hidden': 'true' } });
}
