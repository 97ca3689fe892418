// Remembers recent layouts: a drawing seen before comes back as it was, and expanding or collapsing a few services grows the last layout in place.
import type { ElementDefinition } from 'cytoscape';
import type { Block, Point } from './dagreRun';
import { arrangeBox, assemble, linkedMembers, planLayout, readBlocks, type BlockGraph, type Placed, type Plan, type Viewport } from './layout';
import { groupOfDrawnId } from './model';

/** Drawings remembered with their positions (toggling a service back finds the drawing it came from). */
const remembered = 8;
/** A step that changes the size of more services than this lays the drawing out afresh (Expand all, say). */
const maxChangedBlocks = 4;
/** After this many steps in place, the next change lays the drawing out afresh (growth in place leaves gaps). */
const maxSteps = 12;
/** Inner layouts of service boxes remembered by their members and links. */
const rememberedBoxes = 2000;

/** How a layout was obtained: remembered as it was, grown from the last one, or laid out afresh. */
export type LayoutKind = 'remembered' | 'grown' | 'full';

interface Entry {
  plan: Plan;
  /** The blocks and the links between them, by service: steps in place need the same. */
  structure: string;
  /** Steps in place since the last fresh layout. */
  steps: number;
  positions: Map<string, Placed>;
}

/** Two-level layouts of the drawings the page shows, reusing what it can (see `layeredPositions` for the layout itself). */
export class LayoutCache {
  private readonly recent = new Map<string, Entry>();
  private readonly boxes = new Map<string, { block: Block; local: Map<string, Point> }>();
  private last: Entry | undefined;
  /** How the last `positions` call was answered. */
  lastKind: LayoutKind = 'full';

  /** Positions for the drawn nodes and service boxes, as `layeredPositions` would give or grown from the last layout. */
  positions(elements: readonly ElementDefinition[], viewport?: Viewport): Map<string, Placed> {
    const signature = signatureOf(elements);
    const known = this.recent.get(signature);
    if (known) {
      this.lastKind = 'remembered';
      return this.keep(signature, known).positions;
    }
    const graph = readBlocks(elements);
    const structure = structureOf(graph);
    const last = this.last;
    const grown = last && last.structure === structure && last.steps < maxSteps ? this.grow(last.plan, graph) : undefined;
    this.lastKind = grown ? 'grown' : 'full';
    const plan = grown ?? planLayout(graph, viewport);
    return this.keep(signature, { plan, structure, steps: grown ? last!.steps + 1 : 0, positions: assemble(graph, plan) }).positions;
  }

  private keep(signature: string, entry: Entry): Entry {
    this.recent.delete(signature);
    this.recent.set(signature, entry);
    while (this.recent.size > remembered) this.recent.delete(this.recent.keys().next().value!);
    this.last = entry;
    return entry;
  }

  /**
   * The previous plan with the services whose size changed grown in place: every block right of a grown block's
   * centre moves right by half the growth, every block left of it left, and the same vertically, so nothing that
   * was apart comes closer (a block that shrank keeps its place). Undefined when too many services changed.
   */
  private grow(previous: Plan, graph: BlockGraph): Plan | undefined {
    const before = new Map<string, { block: Block; centre: Point }>();
    for (const [id, block] of previous.blocks) before.set(serviceOf(id), { block, centre: previous.centres.get(id) ?? { x: 0, y: 0 } });
    const local = new Map<string, Point>();
    const blocks = new Map<string, Block>(graph.singles.map((block) => [block.id, block]));
    for (const [box, children] of graph.members) blocks.set(box, this.arrangeBox(box, children, graph, previous.flow, local));
    const centres = new Map<string, Point>();
    const changed: { id: string; width: number; height: number }[] = [];
    for (const [id, block] of blocks) {
      const old = before.get(serviceOf(id));
      if (!old) return undefined;
      centres.set(id, { ...old.centre });
      const width = Math.max(0, block.width - old.block.width);
      const height = Math.max(0, block.height - old.block.height);
      if (block.width !== old.block.width || block.height !== old.block.height) changed.push({ id, width, height });
    }
    if (changed.length > maxChangedBlocks) return undefined;
    for (const { id, width, height } of changed) {
      const at = centres.get(id)!;
      const { x, y } = at;
      for (const [other, centre] of centres) {
        if (other === id) continue;
        if (centre.x > x) centre.x += width / 2;
        else if (centre.x < x) centre.x -= width / 2;
        if (centre.y > y) centre.y += height / 2;
        else if (centre.y < y) centre.y -= height / 2;
      }
    }
    return { flow: previous.flow, local, blocks, centres };
  }

  /** A box's members placed inside it, remembered by its members' sizes and links. */
  private arrangeBox(box: string, children: readonly Block[], graph: BlockGraph, flow: Plan['flow'], local: Map<string, Point>): Block {
    const links = graph.inside.get(box) ?? [];
    const key = [flow, box, ...children.map((child) => `${child.id}\u0001${child.width}\u0001${child.height}`), ...links.map((link) => `${link.source}\u0001${link.target}\u0001${link.weight}`)].join('\u0000');
    let known = this.boxes.get(key);
    if (!known) {
      const offsets = new Map<string, Point>();
      known = { block: arrangeBox(box, children, linkedMembers(children, links), flow, offsets), local: offsets };
      if (this.boxes.size >= rememberedBoxes) this.boxes.clear();
      this.boxes.set(key, known);
    }
    for (const [id, point] of known.local) local.set(id, point);
    return known.block;
  }
}

/** The service a block stands for: a collapsed service and the box of the same service expanded are the same block. */
function serviceOf(id: string): string {
  return groupOfDrawnId(id) ?? id;
}

/** What the layout depends on: the nodes' ids, roles, boxes and sizes, and the edges' ends and weights. */
function signatureOf(elements: readonly ElementDefinition[]): string {
  const parts: string[] = [];
  for (const { group, data } of elements) {
    parts.push(group === 'edges'
      ? `e\u0001${data.source}\u0001${data.target}\u0001${data.count ?? 1}`
      : `n\u0001${data.id}\u0001${data.role}\u0001${data.box ?? ''}\u0001${data.width}\u0001${data.height}`);
  }
  return parts.join('\u0000');
}

/** The blocks by service and the links between them. */
function structureOf(graph: BlockGraph): string {
  const blocks = [...graph.singles.map((block) => block.id), ...graph.members.keys()].map(serviceOf).sort();
  const links = graph.between.map((link) => `${serviceOf(link.source)}\u0001${serviceOf(link.target)}\u0001${link.weight}`).sort();
  return [...blocks, '', ...links].join('\u0000');
}
