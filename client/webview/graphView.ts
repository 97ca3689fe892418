// The cytoscape canvas: draws a laid-out graph, reports clicks, highlights and centers nodes.
import cytoscape, { type Core, type ElementDefinition, type NodeSingular, type SingularElementArgument } from 'cytoscape';
import { LayoutCache } from './layoutCache';
import { graphStylesheet, readTheme, type Theme } from './theme';

/** What the canvas tells the page. */
export interface GraphViewEvents {
  /** A node, collapsed group or group box was clicked (`undefined`: the background). */
  select(id: string | undefined): void;
  /** An edge was clicked. */
  selectEdge(id: string): void;
  /** A node, collapsed group or group box was double-clicked. */
  activate(id: string): void;
  /** The zoom level changed (after the frame is drawn). */
  zoom(level: number): void;
}

/** How long the last layout took, and what it drew. */
export interface DrawStats {
  nodes: number;
  edges: number;
  layoutMs: number;
}

/** Graphs larger than this are drawn with the cheaper viewport options (no edges while panning). */
const largeGraph = 400;
/** Room around each node when fitting the view (service boxes, titles, labels). */
const fitMargin = 40;
/** Space between a service box's border and its nodes (as in the layout). */
const boxPadding = 14;

/** The graph canvas. */
export class GraphView {
  readonly cy: Core;
  private theme: Theme;
  private large = false;
  private readonly boxMembers = new Map<string, NodeSingular[]>();
  private zoomFrame = 0;
  private readonly context = document.createElement('canvas').getContext('2d');
  private readonly layouts = new LayoutCache();

  constructor(container: HTMLElement, private readonly events: GraphViewEvents) {
    this.theme = readTheme();
    this.cy = cytoscape({
      container,
      style: graphStylesheet(this.theme),
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) this.events.select(undefined);
      else if (event.target.isEdge()) this.events.selectEdge(event.target.id());
      else this.events.select(event.target.id());
    });
    this.cy.on('dbltap', 'node', (event) => this.events.activate(event.target.id()));
    this.cy.on('drag', 'node', (event) => {
      const box = event.target.data('box') as string | undefined;
      if (box !== undefined) this.wrapBox(box);
    });
    this.cy.on('zoom', () => {
      cancelAnimationFrame(this.zoomFrame);
      this.zoomFrame = requestAnimationFrame(() => this.events.zoom(this.cy.zoom()));
    });
  }

  /** Width of a label in the graph's font, for node sizes. */
  measure = (text: string): number => {
    if (!this.context) return text.length * 7;
    this.context.font = `${this.theme.fontSize - 1}px ${this.theme.fontFamily}`;
    return this.context.measureText(text).width;
  };

  /** Re-reads the theme's colours (the user switched themes). */
  restyle(): void {
    this.theme = readTheme();
    this.cy.style(graphStylesheet(this.theme, this.large));
  }

  /** The current theme. */
  get currentTheme(): Theme {
    return this.theme;
  }

  /**
   * Replaces the drawing, laid out by services (see `layeredPositions`); returns how long that took. Elements that are
   * drawn already are kept (moved, their data updated) rather than removed and added again, so expanding one service
   * restyles and redraws only what changed.
   */
  draw(elements: ElementDefinition[], fit = true): DrawStats {
    const started = performance.now();
    const cy = this.cy;
    const positions = this.layouts.positions(elements, { width: this.cy.width(), height: this.cy.height() });
    const placed = elements.map((element) => {
      const placement = element.group === 'nodes' ? positions.get(String(element.data.id)) : undefined;
      if (!placement) return element;
      const { x, y, width, height } = placement;
      const data = width !== undefined && height !== undefined ? { ...element.data, width, height } : element.data;
      return { ...element, data, position: { x, y } };
    });
    this.setLarge(positions.size > largeGraph);
    cy.batch(() => this.replace(placed));
    this.indexBoxes();
    if (fit) this.fitTo(placed);
    return { nodes: cy.nodes().length, edges: cy.edges().length, layoutMs: performance.now() - started };
  }

  /** Makes the drawn elements those given: keeps the ones already drawn (same id, role and ends), adds and removes the rest. */
  private replace(elements: readonly ElementDefinition[]): void {
    const cy = this.cy;
    const kept = new Set<string>();
    const added: ElementDefinition[] = [];
    for (const element of elements) {
      const id = String(element.data.id);
      const existing = cy.getElementById(id);
      if (existing.nonempty() && sameElement(existing, element)) {
        kept.add(id);
        if (changedData(existing, element.data)) existing.data(element.data);
        if (element.position && existing.isNode()) {
          const { x, y } = existing.position();
          if (x !== element.position.x || y !== element.position.y) existing.position(element.position);
        }
      } else added.push(element);
    }
    const gone = cy.elements().filter((element) => !kept.has(element.id()));
    gone.remove();
    cy.add(added);
  }

  /**
   * Fits the viewport to the nodes' known positions and sizes; much cheaper than `cy.fit()`, which measures every
   * label of every element first.
   */
  private fitTo(elements: readonly ElementDefinition[]): void {
    let left = Infinity;
    let right = -Infinity;
    let top = Infinity;
    let bottom = -Infinity;
    for (const element of elements) {
      if (!element.position) continue;
      const halfWidth = (Number(element.data.width) || 60) / 2 + fitMargin;
      const halfHeight = (Number(element.data.height) || 30) / 2 + fitMargin;
      left = Math.min(left, element.position.x - halfWidth);
      right = Math.max(right, element.position.x + halfWidth);
      top = Math.min(top, element.position.y - halfHeight);
      bottom = Math.max(bottom, element.position.y + halfHeight);
    }
    if (!Number.isFinite(left)) return;
    const width = this.cy.width();
    const height = this.cy.height();
    const zoom = Math.max(this.cy.minZoom(), Math.min(1.5, width / (right - left), height / (bottom - top)));
    this.cy.viewport({ zoom, pan: { x: width / 2 - zoom * (left + right) / 2, y: height / 2 - zoom * (top + bottom) / 2 } });
  }

  /** Replaces the drawing with elements that already have positions (no layout), keeping the viewport. */
  place(elements: ElementDefinition[]): void {
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add(elements);
    });
    this.indexBoxes();
  }

  /** Remembers which nodes each service box wraps, so a box can follow its nodes when one is dragged. */
  private indexBoxes(): void {
    this.boxMembers.clear();
    this.cy.nodes().forEach((node) => {
      const box = node.data('box') as string | undefined;
      if (box === undefined) return;
      const members = this.boxMembers.get(box);
      if (members) members.push(node);
      else this.boxMembers.set(box, [node]);
    });
  }

  /** Resizes a service box around its nodes (after one of them moved). */
  private wrapBox(box: string): void {
    const members = this.boxMembers.get(box);
    const target = this.cy.getElementById(box);
    if (!members || target.empty()) return;
    let left = Infinity;
    let right = -Infinity;
    let top = Infinity;
    let bottom = -Infinity;
    for (const node of members) {
      const { x, y } = node.position();
      left = Math.min(left, x - node.width() / 2);
      right = Math.max(right, x + node.width() / 2);
      top = Math.min(top, y - node.height() / 2);
      bottom = Math.max(bottom, y + node.height() / 2);
    }
    target.data({ width: right - left + boxPadding * 2, height: bottom - top + boxPadding * 2 });
    target.position({ x: (left + right) / 2, y: (top + bottom) / 2 });
  }

  /**
   * Marks matching elements and fades the others; no ids clears the marks, and so does a match of every node (which
   * would single nothing out, and restyle the whole drawing on the first key typed). Only changed elements are restyled.
   */
  highlight(ids: readonly string[]): void {
    const cy = this.cy;
    const matched = new Set(ids.filter((id) => cy.getElementById(id).nonempty()));
    const wanted = matched.size > 0 && matched.size < cy.nodes('[role != "box"]').length;
    if (!wanted && !cy.elements('.match, .faded').nonempty()) return;
    cy.batch(() => {
      const toggle = (element: SingularElementArgument) => {
        const match = matched.has(element.id());
        const faded = wanted && !match && element.data('role') !== 'box';
        if (element.hasClass('match') !== match) element.toggleClass('match', match);
        if (element.hasClass('faded') !== faded) element.toggleClass('faded', faded);
      };
      cy.elements().forEach(toggle);
    });
  }

  /** Selects a drawn element and pans (and zooms in if needed) so it is in the middle. */
  center(id: string): void {
    const target = this.cy.getElementById(id);
    if (target.empty()) return;
    this.cy.elements().unselect();
    target.select();
    this.cy.animate({ center: { eles: target }, zoom: Math.max(this.cy.zoom(), 1) }, { duration: 250 });
  }

  /** Zooms to fit one element (or everything). */
  fit(id?: string): void {
    const eles = id ? this.cy.getElementById(id) : this.cy.elements();
    this.cy.animate({ fit: { eles, padding: 40 } }, { duration: 250 });
  }

  /** The drawn node with this id, if any. */
  node(id: string): NodeSingular | undefined {
    const found = this.cy.getElementById(id);
    return found.nonempty() && found.isNode() ? found : undefined;
  }

  /** The whole drawing as a PNG data URL, on the theme's background. */
  png(): string {
    return this.cy.png({ output: 'base64uri', full: true, scale: 2, maxWidth: 16000, maxHeight: 16000, bg: this.theme.background });
  }

  /** Switches the cheaper drawing options on or off. */
  private setLarge(large: boolean): void {
    if (large === this.large) return;
    this.large = large;
    this.cy.style(graphStylesheet(this.theme, large));
    // The canvas renderer reads this flag on every frame; cytoscape only takes it as a start-up option.
    const renderer = (this.cy as unknown as { renderer(): { hideEdgesOnViewport: boolean } }).renderer();
    renderer.hideEdgesOnViewport = large;
  }
}

/** Whether a drawn element can stand for a new definition: same kind, role and (for edges) the same ends. */
function sameElement(existing: SingularElementArgument, element: ElementDefinition): boolean {
  if (element.group === 'edges') {
    return existing.isEdge() && existing.data('source') === element.data.source && existing.data('target') === element.data.target;
  }
  return existing.isNode() && existing.data('role') === element.data.role;
}

/** Whether any value of the new data differs from the drawn element's. */
function changedData(existing: SingularElementArgument, data: ElementDefinition['data']): boolean {
  const current = existing.data() as Record<string, unknown>;
  for (const [key, value] of Object.entries(data)) if (current[key] !== value) return true;
  return false;
}
