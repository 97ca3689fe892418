// Two-level layered layout: dagre inside each service box, then dagre over the boxes and collapsed services.
import type { ElementDefinition } from 'cytoscape';
import { boundsOf, gridPositions, runDagre, type Block, type Link, type Point } from './dagreRun';

export type { Point } from './dagreRun';

/** Where a node goes; service boxes also get the size that wraps their members. */
export interface Placed extends Point {
  width?: number;
  height?: number;
}

/** The size of the canvas the drawing should fit. */
export interface Viewport {
  width: number;
  height: number;
}

/** The direction services follow each other in; a service packs its unlinked nodes across it. */
export type Flow = 'TB' | 'LR';

/** The drawn graph as blocks: nodes grouped in service boxes, collapsed services on their own. */
export interface BlockGraph {
  nodeIds: string[];
  blockOf: Map<string, string>;
  members: Map<string, Block[]>;
  singles: Block[];
  inside: Map<string, Link[]>;
  between: Link[];
}

/** Space between a service box's border and its nodes, and room for its title above. */
const boxPadding = 14;
const titleSpace = 22;
const memberGap = 12;
const blockGap = 30;
/** Between blocks only each block's strongest few links steer the layout (every edge is still drawn). */
const linksPerBlock = 2;
/** Up to this many unlinked nodes sit in one row when services flow top to bottom. */
const singleRow = 4;

/** A whole layout: where each block's centre is, each block's size, and each member's offset in its box. */
export interface Plan {
  flow: Flow;
  local: Map<string, Point>;
  blocks: Map<string, Block>;
  centres: Map<string, Point>;
}

/**
 * Positions for the drawn nodes and service boxes: each service's nodes are laid out left to right on their own,
 * then the services (as blocks of that size) and the collapsed services are laid out together, top to bottom or
 * left to right, whichever fits the viewport at the larger zoom.
 * Laying out many small graphs instead of one large compound graph keeps 1,000+ nodes within a few seconds.
 */
export function layeredPositions(elements: readonly ElementDefinition[], viewport?: Viewport): Map<string, Placed> {
  const graph = readBlocks(elements);
  return assemble(graph, planLayout(graph, viewport));
}

/** The full two-level layout of a block graph (dagre inside each box, then dagre over the blocks). */
export function planLayout(graph: BlockGraph, viewport?: Viewport): Plan {
  const linked = new Map<string, Map<string, Point>>();
  for (const [box, children] of graph.members) {
    const placed = linkedMembers(children, graph.inside.get(box) ?? []);
    if (placed) linked.set(box, placed);
  }
  const blockLinks = strongestLinks(graph.between);
  const flows: Flow[] = viewport && viewport.width > 0 && viewport.height > 0 && blockLinks.length > 0 ? ['TB', 'LR'] : ['TB'];
  let best: { plan: Plan; zoom: number } | undefined;
  for (const flow of flows) {
    const plan = arrange(graph, linked, blockLinks, flow);
    const bounds = boundsOf([...plan.blocks.values()], plan.centres);
    const zoom = viewport ? Math.min(viewport.width / bounds.width, viewport.height / bounds.height) : 0;
    if (!best || zoom > best.zoom) best = { plan, zoom };
  }
  return best!.plan;
}

/** Dagre over a box's linked members (undefined when none is linked or dagre failed). */
export function linkedMembers(children: readonly Block[], links: readonly Link[]): Map<string, Point> | undefined {
  if (links.length === 0) return undefined;
  const ends = new Set(links.flatMap((link) => [link.source, link.target]));
  return runDagre(children.filter((child) => ends.has(child.id)), links, { nodeSep: memberGap, rankSep: 50, rankDir: 'LR' });
}

/** The drawn elements as blocks: each box with its members and the links inside it, collapsed services, links between blocks. */
export function readBlocks(elements: readonly ElementDefinition[]): BlockGraph {
  const graph: BlockGraph = { nodeIds: [], blockOf: new Map(), members: new Map(), singles: [], inside: new Map(), between: [] };
  for (const node of elements) {
    if (node.group !== 'nodes' || node.data.role === 'box') continue;
    const id = String(node.data.id);
    const box = node.data.role === 'node' && node.data.box ? String(node.data.box) : id;
    graph.nodeIds.push(id);
    graph.blockOf.set(id, box);
    const size = { id, width: Number(node.data.width) || 60, height: Number(node.data.height) || 30 };
    if (box === id) graph.singles.push(size);
    else graph.members.set(box, [...(graph.members.get(box) ?? []), size]);
  }
  const between = new Map<string, Link>();
  for (const edge of elements) {
    if (edge.group !== 'edges') continue;
    const source = String(edge.data.source);
    const target = String(edge.data.target);
    const from = graph.blockOf.get(source);
    const to = graph.blockOf.get(target);
    if (from === undefined || to === undefined || source === target) continue;
    const weight = Number(edge.data.count) || 1;
    if (from === to) graph.inside.set(from, [...(graph.inside.get(from) ?? []), { source, target, weight }]);
    else addLink(between, { source: from, target: to, weight });
  }
  graph.between = [...between.values()];
  return graph;
}

function arrange(graph: BlockGraph, linked: Map<string, Map<string, Point>>, blockLinks: Link[], flow: Flow): Plan {
  const local = new Map<string, Point>();
  const blocks = new Map(graph.singles.map((block) => [block.id, block]));
  for (const [box, children] of graph.members) blocks.set(box, arrangeBox(box, children, linked.get(box), flow, local));
  const all = [...blocks.values()];
  const ends = new Set(blockLinks.flatMap((link) => [link.source, link.target]));
  const laidOut = blockLinks.length ? runDagre(all.filter((block) => ends.has(block.id)), blockLinks, { nodeSep: blockGap, rankSep: 60, rankDir: flow }) : undefined;
  return { flow, local, blocks, centres: packLoose(all, laidOut, flow, blockGap) };
}

/** Places a box's members (their offsets from the box centre go into `local`) and returns the box as a block. */
export function arrangeBox(box: string, children: readonly Block[], linked: Map<string, Point> | undefined, flow: Flow, local: Map<string, Point>): Block {
  const placed = packLoose(children, linked, flow, memberGap);
  const bounds = boundsOf(children, placed);
  for (const child of children) {
    const point = placed.get(child.id)!;
    local.set(child.id, { x: point.x - bounds.left - bounds.width / 2, y: point.y - bounds.top - bounds.height / 2 + titleSpace / 2 });
  }
  return { id: box, width: bounds.width + boxPadding * 2, height: bounds.height + boxPadding * 2 + titleSpace };
}

/**
 * Adds the blocks that `placed` lacks (no links, or dagre failed) in rows under the placed ones: across the flow
 * (wide rows when services flow down, narrow columns when they flow right), so edges do not cross their siblings.
 */
function packLoose(blocks: readonly Block[], placed: Map<string, Point> | undefined, flow: Flow, gap: number): Map<string, Point> {
  const positions = new Map(placed ?? []);
  const loose = blocks.filter((block) => !positions.has(block.id));
  if (loose.length === 0) return positions;
  const fixed = blocks.filter((block) => positions.has(block.id));
  const above = fixed.length ? boundsOf(fixed, positions) : undefined;
  const cellWidth = Math.max(...loose.map((block) => block.width)) + gap;
  const cellHeight = Math.max(...loose.map((block) => block.height)) + gap;
  const square = Math.sqrt((loose.length * cellHeight) / cellWidth);
  const preferred = flow === 'LR' ? Math.round(square) : loose.length <= singleRow ? loose.length : Math.round(square * 2);
  const columns = Math.min(loose.length, Math.max(1, preferred, Math.floor((above?.width ?? 0) / cellWidth)));
  const origin = above ? { x: above.left, y: above.top + above.height + gap * 2 } : { x: 0, y: 0 };
  gridPositions(loose, columns, gap, origin, positions);
  return positions;
}

/** The positions of every drawn node and box under a plan. */
export function assemble(graph: BlockGraph, { local, blocks, centres }: Plan): Map<string, Placed> {
  const positions = new Map<string, Placed>();
  for (const id of graph.nodeIds) {
    const centre = centres.get(graph.blockOf.get(id)!) ?? { x: 0, y: 0 };
    const offset = local.get(id) ?? { x: 0, y: 0 };
    positions.set(id, { x: centre.x + offset.x, y: centre.y + offset.y });
  }
  for (const box of graph.members.keys()) {
    const centre = centres.get(box) ?? { x: 0, y: 0 };
    const block = blocks.get(box)!;
    positions.set(box, { x: centre.x, y: centre.y + titleSpace / 2, width: block.width, height: block.height - titleSpace });
  }
  return positions;
}

function addLink(links: Map<string, Link>, link: Link): void {
  const key = `${link.source}\u0000${link.target}`;
  const existing = links.get(key);
  if (existing) existing.weight += link.weight;
  else links.set(key, { ...link });
}

/** Each block's heaviest outgoing and incoming links (dense block graphs make dagre very slow). */
export function strongestLinks(links: readonly Link[], perBlock = linksPerBlock): Link[] {
  const keep = new Set<Link>();
  for (const end of ['source', 'target'] as const) {
    const grouped = new Map<string, Link[]>();
    for (const link of links) grouped.set(link[end], [...(grouped.get(link[end]) ?? []), link]);
    for (const list of grouped.values()) {
      for (const link of [...list].sort((a, b) => b.weight - a.weight).slice(0, perBlock)) keep.add(link);
    }
  }
  return links.filter((link) => keep.has(link));
}
