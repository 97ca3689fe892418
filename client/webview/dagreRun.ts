// Small layout primitives: dagre on a standalone graph (in a shared headless cytoscape), grid packing and bounds.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';

cytoscape.use(dagre);

/** A position on the canvas. */
export interface Point {
  x: number;
  y: number;
}

/** Something to place: a node, or a whole service box. */
export interface Block {
  id: string;
  width: number;
  height: number;
}

/** A directed link between two blocks; heavier links pull their ends closer. */
export interface Link {
  source: string;
  target: string;
  weight: number;
}

/** Dagre's gaps between nodes of a rank and between ranks, and the direction ranks follow each other in. */
export interface Spacing {
  nodeSep: number;
  rankSep: number;
  rankDir: 'LR' | 'TB';
}

/** Above this many nodes dagre ranks with the cheaper longest-path ranker instead of network simplex. */
const cheapRankingAbove = 120;

/** One headless cytoscape for every run: creating one costs more than laying out a small service's nodes. */
let shared: cytoscape.Core | undefined;

function headless(): cytoscape.Core {
  if (!shared) {
    shared = cytoscape({ headless: true, styleEnabled: true, style: [{ selector: 'node', style: { width: 'data(width)', height: 'data(height)', shape: 'rectangle' } }] });
    // Nothing here animates; without this its animation loop would tick on every frame (and keep Node alive).
    (shared as unknown as { stopAnimationLoop(): void }).stopAnimationLoop();
  }
  return shared;
}

/** Runs dagre; returns the centres, or undefined if dagre failed. */
export function runDagre(blocks: readonly Block[], links: readonly Link[], spacing: Spacing): Map<string, Point> | undefined {
  const cy = headless();
  try {
    cy.add([
      ...blocks.map((block) => ({ group: 'nodes' as const, data: { id: block.id, width: block.width, height: block.height } })),
      ...links.map((link, index) => ({ group: 'edges' as const, data: { id: `link${index}`, source: link.source, target: link.target, weight: link.weight } })),
    ]);
    cy.layout({
      name: 'dagre',
      edgeSep: 8,
      ...spacing,
      ranker: blocks.length > cheapRankingAbove ? 'longest-path' : 'network-simplex',
      edgeWeight: (edge: cytoscape.EdgeSingular) => Number(edge.data('weight')) || 1,
      fit: false,
      animate: false,
    } as cytoscape.LayoutOptions).run();
    const positions = new Map<string, Point>();
    cy.nodes().forEach((node) => {
      positions.set(node.id(), { ...node.position() });
    });
    return positions;
  } catch {
    return undefined;
  } finally {
    cy.elements().remove();
  }
}

/** Rows of `columns` blocks from `origin` (top left), in the given order. */
export function gridPositions(blocks: readonly Block[], columns: number, gap: number, origin: Point, into: Map<string, Point>): void {
  const cellWidth = Math.max(...blocks.map((block) => block.width)) + gap;
  const cellHeight = Math.max(...blocks.map((block) => block.height)) + gap;
  blocks.forEach((block, index) => into.set(block.id, {
    x: origin.x + (index % columns) * cellWidth + cellWidth / 2,
    y: origin.y + Math.floor(index / columns) * cellHeight + cellHeight / 2,
  }));
}

/** The box around placed blocks. */
export function boundsOf(blocks: readonly Block[], positions: Map<string, Point>): { left: number; top: number; width: number; height: number } {
  let left = Infinity;
  let right = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const block of blocks) {
    const point = positions.get(block.id) ?? { x: 0, y: 0 };
    left = Math.min(left, point.x - block.width / 2);
    right = Math.max(right, point.x + block.width / 2);
    top = Math.min(top, point.y - block.height / 2);
    bottom = Math.max(bottom, point.y + block.height / 2);
  }
  return { left, top, width: right - left, height: bottom - top };
}
