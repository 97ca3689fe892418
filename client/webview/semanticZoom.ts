// Semantic zoom: when the user zooms far out, each service box becomes one node where the box was; zooming in restores it.
import type { ElementDefinition } from 'cytoscape';
import type { Placement } from './elements';
import type { GraphView } from './graphView';
import { groupNodeId } from './model';

/**
 * The services collapse when the user zooms out below this level and below the level the drawing was fitted at
 * (so "Expand all" on a huge graph stays expanded); they expand again a little above (the gap avoids flicker).
 */
const collapseBelow = 0.3;
const expandAbove = 0.45;
const belowFitted = 0.75;
const aboveFitted = 0.95;
/** Drawings with fewer nodes than this stay as they are at any zoom. */
const minimumNodes = 40;

/** Swaps the detailed drawing for a collapsed one and back as the zoom level crosses the thresholds. */
export class SemanticZoom {
  private detailed: ElementDefinition[] | undefined;
  private fitted = 1;

  /** `collapsedElements` draws every service as one node, placed and sized as given. */
  constructor(private readonly view: GraphView, private readonly collapsedElements: (placement: Placement) => ElementDefinition[]) {}

  /** Whether the zoomed-out (collapsed) drawing is showing. */
  get collapsed(): boolean {
    return this.detailed !== undefined;
  }

  /** Forgets the saved detailed drawing (a new drawing replaced it, shown at zoom level `fitted`). */
  reset(fitted: number): void {
    this.detailed = undefined;
    this.fitted = fitted;
  }

  /** Reacts to a new zoom level; returns true when the drawing was swapped. */
  zoomed(level: number): boolean {
    if (!this.detailed && level < Math.min(collapseBelow, this.fitted * belowFitted)) return this.collapse();
    if (this.detailed && level > Math.min(expandAbove, this.fitted * aboveFitted)) {
      this.restore();
      return true;
    }
    return false;
  }

  /** Puts the detailed drawing back (for example before expanding or centering on one node). */
  restore(): void {
    if (!this.detailed) return;
    const saved = this.detailed;
    this.detailed = undefined;
    this.view.place(saved);
  }

  private collapse(): boolean {
    const cy = this.view.cy;
    const boxes = cy.nodes('[role = "box"]');
    if (boxes.empty() || cy.nodes('[role = "node"]').length < minimumNodes) return false;
    const placement: Placement = new Map();
    boxes.forEach((node) => {
      const box = node.boundingBox({ includeLabels: false });
      placement.set(groupNodeId(String(node.data('group'))), { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2, width: box.w, height: box.h });
    });
    cy.nodes('[role = "aggregate"]').forEach((node) => {
      placement.set(node.id(), { ...node.position(), width: node.width(), height: node.height() });
    });
    this.detailed = cy.elements().jsons() as unknown as ElementDefinition[];
    this.view.place(this.collapsedElements(placement));
    return true;
  }
}
