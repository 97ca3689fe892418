// The service filter: one checkbox per group (template folder), with a name filter when there are many.
import { button, checkbox, clear, element } from './dom';

/** What the service filter asks the page to change. */
export interface ServiceActions {
  toggleGroup(group: string, shown: boolean): void;
  /** Show (true) or hide (false) every group. */
  setAll(shown: boolean): void;
}

/** Above this many groups the panel offers a name filter. */
const filterThreshold = 12;

/** The services panel. */
export class ServiceFilter {
  private readonly list = element('div', { className: 'service-list' });
  private readonly nameFilter = element('input', { className: 'service-filter', attributes: { type: 'search', placeholder: 'Filter services', 'aria-label': 'Filter services' } });
  private last: { counts: ReadonlyMap<string, number>; hidden: ReadonlySet<string> } | undefined;

  constructor(root: HTMLElement, private readonly actions: ServiceActions) {
    const controls = element('div', { className: 'row', children: [
      button('All', () => actions.setAll(true), 'Show every service', 'link'),
      button('None', () => actions.setAll(false), 'Hide every service', 'link'),
    ] });
    this.nameFilter.addEventListener('input', () => this.render());
    root.append(element('h3', { text: 'Services' }), controls, this.nameFilter, this.list);
  }

  /** Lists the groups with their node counts. */
  update(counts: ReadonlyMap<string, number>, hidden: ReadonlySet<string>): void {
    if (this.last && sameEntries(this.last.counts, counts) && sameEntries(this.last.hidden, hidden)) return;
    this.last = { counts, hidden };
    this.render();
  }

  private render(): void {
    clear(this.list);
    if (!this.last) return;
    const { counts, hidden } = this.last;
    this.nameFilter.hidden = counts.size <= filterThreshold;
    const needle = this.nameFilter.hidden ? '' : this.nameFilter.value.trim().toLowerCase();
    const groups = [...counts.keys()].sort().filter((group) => group.toLowerCase().includes(needle));
    for (const group of groups) {
      this.list.appendChild(checkbox(`${group} (${counts.get(group)})`, !hidden.has(group), (shown) => this.actions.toggleGroup(group, shown)));
    }
    if (groups.length === 0) this.list.appendChild(element('p', { className: 'muted', text: 'No services.' }));
  }
}

/** Whether two maps (or sets) hold the same entries in the same order (the list is rebuilt only when they differ). */
function sameEntries<T>(a: ReadonlyMap<string, T> | ReadonlySet<string>, b: ReadonlyMap<string, T> | ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  const left = [...a.entries()];
  let index = 0;
  for (const [key, value] of b.entries()) {
    const [otherKey, otherValue] = left[index++];
    if (key !== otherKey || value !== otherValue) return false;
  }
  return true;
}
