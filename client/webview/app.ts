// The page's state and behaviour: what is shown, how filters, search, expansion and exports change it.
import type { GraphNodeItem, GraphResult } from '../../server/src/protocol';
import type { GraphScope, HostMessage } from '../src/graph/messages';
import { Details } from './details';
import { element } from './dom';
import { toElements, type Placement } from './elements';
import { GraphView } from './graphView';
import { Legend } from './legend';
import { aggregate, boxId, groupCounts, groupNodeId, groupOfDrawnId, searchNodes, visibleGraph, type DisplayEdge, type Filters, type Mode, type VisibleGraph } from './model';
import { SemanticZoom } from './semanticZoom';
import { ServiceFilter } from './services';
import { toSvg } from './svgExport';
import { Toolbar } from './toolbar';
import type { Host } from './vscodeApi';

/** Above this many visible nodes the page starts with one node per service. */
export const aggregateAbove = 300;
/** Typing pauses this long before the view moves to the first match (the highlight follows every key at once). */
const centerAfterTyping = 300;

/** The page's parts in the DOM. */
export interface PageElements {
  toolbar: HTMLElement;
  graph: HTMLElement;
  side: HTMLElement;
  status: HTMLElement;
}

/** The dependency-graph page. */
export class GraphApp {
  private graph: GraphResult = { files: [], nodes: [], edges: [] };
  private scope: GraphScope = { upstream: 2, downstream: 2 };
  private filters: Filters = { mode: 'calls', hiddenKinds: new Set(), hiddenGroups: new Set(), sync: true, async: true };
  /** While true, the page decides which services are expanded (all, or none above `aggregateAbove` nodes). */
  private autoExpand = true;
  private expanded = new Set<string>();
  private visible: VisibleGraph = { nodes: [], edges: [] };
  private nodesById = new Map<string, GraphNodeItem>();
  private drawnEdges = new Map<string, DisplayEdge>();
  private query = '';
  private matches: GraphNodeItem[] = [];
  private matchIndex = -1;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private centerTimer: ReturnType<typeof setTimeout> | undefined;
  /** What `visible` and the panels' counts were computed from (they are kept while only the expansion changes). */
  private visibleOf: { graph: GraphResult; scope: GraphScope; filters: Filters } | undefined;
  private panelCounts: { graph: GraphResult; scope: GraphScope; mode: Mode; kinds: Map<string, number>; groups: Map<string, number> } | undefined;
  private layoutSummary = '';
  /** A drawn element to bring into view after the next render (the service just expanded or collapsed). */
  private revealAfterRender: string | undefined;
  private readonly view: GraphView;
  private readonly zoom: SemanticZoom;
  private readonly toolbar: Toolbar;
  private readonly legend: Legend;
  private readonly services: ServiceFilter;
  private readonly details: Details;

  constructor(private readonly host: Host, private readonly page: PageElements) {
    this.view = new GraphView(page.graph, {
      select: (id) => this.select(id),
      selectEdge: (id) => this.selectEdge(id),
      activate: (id) => this.activate(id),
      zoom: (level) => {
        if (!this.zoom.zoomed(level)) return;
        this.applySearch(false);
        this.setStatus(this.zoom.collapsed ? `Zoomed out: one node per service \u00b7 zoom in to see every node` : this.layoutSummary);
      },
    });
    this.zoom = new SemanticZoom(this.view, (placement) => this.collapsedElements(placement));
    this.toolbar = new Toolbar(page.toolbar, {
      mode: (mode) => this.setMode(mode),
      search: (query) => this.search(query),
      step: (backwards) => this.step(backwards),
      depth: (upstream, downstream) => host.post({ type: 'depth', upstream, downstream }),
      showAll: () => host.post({ type: 'showAll' }),
      fit: () => this.view.fit(),
      collapseAll: () => this.setExpanded(new Set()),
      expandAll: () => this.setExpanded(new Set(groupCounts(this.visible.nodes).keys())),
      exportAs: (format) => this.exportAs(format),
      copyMermaid: () => host.post({ type: 'copyMermaid' }),
      refresh: () => host.post({ type: 'refresh' }),
      toggleSide: () => (page.side.hidden = !page.side.hidden),
    });
    const section = (className: string): HTMLElement => page.side.appendChild(element('section', { className }));
    this.legend = new Legend(section('legend'), {
      toggleKind: (kind, shown) => this.updateFilters({ hiddenKinds: toggled(this.filters.hiddenKinds, kind, !shown) }),
      toggleCalls: (which, shown) => this.updateFilters({ [which]: shown }),
    });
    this.services = new ServiceFilter(section('services'), {
      toggleGroup: (group, shown) => this.updateFilters({ hiddenGroups: toggled(this.filters.hiddenGroups, group, !shown) }),
      setAll: (shown) => this.updateFilters({ hiddenGroups: shown ? new Set() : new Set(this.graph.nodes.map((node) => node.group)) }),
    });
    this.details = new Details(section('details'), {
      open: (id) => host.post({ type: 'openNode', id }),
      focus: (id) => host.post({ type: 'focus', id }),
      openEdge: (index) => host.post({ type: 'openEdge', index }),
      expand: (group) => this.expandGroup(group),
      collapse: (group) => this.collapseGroup(group),
    });
    this.updateToolbar();
  }

  /** Handles a message from the extension. */
  receive(message: HostMessage): void {
    if (message.type === 'status') {
      this.setStatus(message.text, message.state === 'error');
      return;
    }
    const sameScope = message.scope.focus === this.scope.focus && this.graph.nodes.length > 0;
    this.graph = message.graph;
    this.scope = message.scope;
    this.nodesById = new Map(this.graph.nodes.map((node) => [node.id, node]));
    if (!sameScope) {
      this.autoExpand = true;
      this.details.clear();
    }
    this.scheduleRender(!sameScope);
  }

  /** Re-reads the theme colours and redraws the canvas styles. */
  restyle(): void {
    this.view.restyle();
  }

  private setMode(mode: Mode): void {
    if (mode === this.filters.mode) return;
    this.autoExpand = true;
    this.updateFilters({ mode });
  }

  private updateFilters(change: Partial<Filters>): void {
    this.filters = { ...this.filters, ...change };
    this.scheduleRender(true);
  }

  private setExpanded(expanded: Set<string>, fit = true, quick = false): void {
    this.autoExpand = false;
    this.expanded = expanded;
    this.scheduleRender(fit, quick);
  }

  private expandGroup(group: string): void {
    this.revealAfterRender = boxId(group);
    this.setExpanded(toggled(this.expanded, group, true), false, true);
  }

  private collapseGroup(group: string): void {
    this.revealAfterRender = groupNodeId(group);
    this.setExpanded(toggled(this.expanded, group, false), false, true);
  }

  /**
   * Lets the status line paint before a layout that may take a while; a `quick` change (one service expanded or
   * collapsed, which the layout grows in place) is drawn without waiting for that frame.
   */
  private scheduleRender(fit: boolean, quick = false): void {
    clearTimeout(this.renderTimer);
    this.setStatus('Laying out\u2026');
    this.renderTimer = setTimeout(() => (quick ? this.render(fit) : requestAnimationFrame(() => this.render(fit))), 0);
  }

  private render(fit: boolean): void {
    const started = performance.now();
    const { graph, scope, filters } = this;
    const known = this.visibleOf;
    if (!known || known.graph !== graph || known.scope !== scope || known.filters !== filters) {
      this.visible = visibleGraph(graph, scope, filters);
      this.visibleOf = { graph, scope, filters };
    }
    const groups = groupCounts(this.visible.nodes);
    if (this.autoExpand) this.expanded = this.visible.nodes.length > aggregateAbove ? new Set() : new Set(groups.keys());
    const display = aggregate(this.visible, this.expanded);
    this.drawnEdges = new Map(display.edges.map((edge) => [edge.id, edge]));
    const stats = this.view.draw(toElements(display, this.view.measure, this.scope.focus), fit);
    this.zoom.reset(this.view.cy.zoom());
    if (this.revealAfterRender) this.view.center(this.revealAfterRender);
    this.revealAfterRender = undefined;
    const collapsed = display.aggregates.length;
    this.layoutSummary = [
      `${this.visible.nodes.length} nodes, ${this.visible.edges.length} edges`,
      collapsed ? `${collapsed} service${collapsed === 1 ? '' : 's'} collapsed (double-click to expand)` : '',
      `laid out in ${Math.round(stats.layoutMs)} ms`,
    ].filter(Boolean).join(' \u00b7 ');
    this.setStatus(this.visible.nodes.length ? this.layoutSummary : 'Nothing to show: no node passes the filters.');
    this.updatePanels(groups);
    this.search(this.query, false);
    // The first frame is drawn after this task; report once it is on screen.
    requestAnimationFrame(() => setTimeout(() => this.host.post({
      type: 'rendered',
      nodes: stats.nodes,
      edges: stats.edges,
      aggregated: collapsed > 0,
      layoutMs: Math.round(stats.layoutMs),
      paintMs: Math.round(performance.now() - started),
    }), 0));
  }

  private updatePanels(groups: Map<string, number>): void {
    const { graph, scope, filters: { mode } } = this;
    let counts = this.panelCounts;
    if (!counts || counts.graph !== graph || counts.scope !== scope || counts.mode !== mode) {
      const kinds = new Map<string, number>();
      const inMode = visibleGraph(graph, scope, { ...this.filters, hiddenKinds: new Set(), hiddenGroups: new Set() });
      for (const node of inMode.nodes) kinds.set(node.kind, (kinds.get(node.kind) ?? 0) + 1);
      counts = this.panelCounts = { graph, scope, mode, kinds, groups: groupCounts(inMode.nodes) };
    }
    this.legend.update(counts.kinds, this.filters.hiddenKinds, this.filters);
    const allGroups = new Map(counts.groups);
    for (const group of this.filters.hiddenGroups) if (!allGroups.has(group)) allGroups.set(group, 0);
    this.services.update(allGroups.size ? allGroups : groups, this.filters.hiddenGroups);
    this.updateToolbar();
  }

  private updateToolbar(): void {
    const focusLabel = this.scope.focus ? this.nodesById.get(this.scope.focus)?.label : undefined;
    const matches = !this.query.trim() ? '' : this.matches.length === 0 ? 'no match'
      : this.matchIndex < 0 ? `${this.matches.length} found` : `${this.matchIndex + 1} of ${this.matches.length}`;
    this.toolbar.update({ mode: this.filters.mode, scope: this.scope, focusLabel, matches });
  }

  private collapsedElements(placement: Placement) {
    const display = aggregate(this.visible, new Set());
    this.drawnEdges = new Map([...this.drawnEdges, ...display.edges.map((edge) => [edge.id, edge] as const)]);
    return toElements(display, this.view.measure, this.scope.focus, placement);
  }

  /** The drawn element that shows a node: itself, or its collapsed service. */
  private drawnIdOf(node: GraphNodeItem): string {
    return this.view.node(node.id) ? node.id : groupNodeId(node.group);
  }

  /** Finds the nodes matching the query and highlights them; when typing, centers the first once the typing pauses. */
  private search(query: string, center = true): void {
    this.query = query;
    this.matches = searchNodes(this.visible.nodes, query);
    this.matchIndex = -1;
    this.applySearch(false);
    clearTimeout(this.centerTimer);
    if (center && this.matches.length > 0) {
      this.centerTimer = setTimeout(() => {
        if (this.matches.length > 0 && this.matchIndex < 0) this.view.center(this.drawnIdOf(this.matches[0]));
      }, centerAfterTyping);
    }
  }

  /** Highlights the matches; centers the first one when asked. */
  private applySearch(center: boolean): void {
    const ids = [...new Set(this.matches.map((node) => this.drawnIdOf(node)))];
    this.view.highlight(ids);
    if (center && ids.length) this.view.center(ids[0]);
    this.updateToolbar();
  }

  private step(backwards: boolean): void {
    clearTimeout(this.centerTimer);
    if (this.matches.length === 0) return;
    const count = this.matches.length;
    this.matchIndex = backwards ? (this.matchIndex - 1 + count) % count : (this.matchIndex + 1) % count;
    const node = this.matches[this.matchIndex];
    this.leaveZoomedOut();
    if (!this.view.node(node.id) && !this.expanded.has(node.group)) {
      const index = this.matchIndex;
      this.expandGroup(node.group);
      // The expansion re-renders (and re-runs the search); come back to the same match afterwards.
      setTimeout(() => requestAnimationFrame(() => this.showMatch(index)), 0);
      return;
    }
    this.showMatch(this.matchIndex);
  }

  private showMatch(index: number): void {
    const node = this.matches[index];
    if (!node) return;
    this.matchIndex = index;
    this.applySearch(false);
    this.view.center(this.drawnIdOf(node));
    this.showNode(node);
  }

  private select(id: string | undefined): void {
    if (id === undefined) {
      this.details.clear();
      return;
    }
    const group = groupOfDrawnId(id);
    if (group !== undefined) {
      this.showGroup(group);
      return;
    }
    const node = this.nodesById.get(id);
    if (!node) return;
    this.showNode(node);
    if (node.location) this.host.post({ type: 'openNode', id: node.id });
  }

  private showNode(node: GraphNodeItem): void {
    const incoming = this.visible.edges.filter((item) => item.edge.to === node.id);
    const outgoing = this.visible.edges.filter((item) => item.edge.from === node.id);
    this.details.showNode(node, this.graph.files, incoming, outgoing, (id) => this.nodesById.get(id)?.label ?? id);
  }

  private showGroup(group: string): void {
    const kinds = new Map<string, number>();
    for (const node of this.visible.nodes) if (node.group === group) kinds.set(node.kind, (kinds.get(node.kind) ?? 0) + 1);
    this.details.showGroup(group, kinds, this.expanded.has(group) && !this.zoom.collapsed);
  }

  private selectEdge(id: string): void {
    const edge = this.drawnEdges.get(id);
    if (!edge) return;
    this.details.showEdges(edge.items, (nodeId) => this.nodesById.get(nodeId)?.label ?? nodeId);
    if (edge.items.length === 1 && edge.items[0].edge.evidence) this.host.post({ type: 'openEdge', index: edge.items[0].index });
  }

  private activate(id: string): void {
    const group = groupOfDrawnId(id);
    if (group === undefined) return;
    if (this.zoom.collapsed) {
      // Zoomed-out drawing: go back to the detailed one and zoom to the service's box.
      this.leaveZoomedOut();
      this.applySearch(false);
      this.view.fit(boxId(group));
      return;
    }
    if (id === groupNodeId(group)) this.expandGroup(group);
    else this.collapseGroup(group);
  }

  /** Puts the detailed drawing back if zooming out had collapsed the services. */
  private leaveZoomedOut(): void {
    if (!this.zoom.collapsed) return;
    this.zoom.restore();
    this.setStatus(this.layoutSummary);
  }

  private exportAs(format: 'svg' | 'png' | 'mermaid'): void {
    if (format === 'mermaid') this.host.post({ type: 'export', format });
    else if (format === 'png') this.host.post({ type: 'export', format, dataUrl: this.view.png() });
    else this.host.post({ type: 'export', format, content: toSvg(this.view.cy, this.view.currentTheme) });
  }

  private setStatus(text: string, error = false): void {
    this.page.status.textContent = text;
    this.page.status.classList.toggle('error', error);
  }
}

/** A copy of a set with one value added (`present`) or removed. */
function toggled(values: ReadonlySet<string>, value: string, present: boolean): Set<string> {
  const copy = new Set(values);
  if (present) copy.add(value);
  else copy.delete(value);
  return copy;
}
