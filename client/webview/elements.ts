// Turns the drawn graph into cytoscape element definitions (data only; every label is drawn on the canvas as text).
import type { ElementDefinition } from 'cytoscape';
import type { GraphNodeItem } from '../../server/src/protocol';
import { kindStyle, textColourOn } from './kinds';
import { boxId, groupNodeId, isAsync, type DisplayEdge, type DisplayGraph } from './model';

/** Measures the width in pixels of a label drawn in the graph's font. */
export type Measure = (text: string) => number;

/** Height of a node and of a collapsed group. */
const nodeHeight = 30;
const groupHeight = 46;
const horizontalPadding = 24;
const minimumWidth = 60;
/** Font size of a collapsed service's title, in graph units. */
const baseFontSize = 12;
/** Labels longer than this are cut with an ellipsis on the canvas (the details panel shows them whole). */
const maxLabelLength = 48;

/** How much wider than its label a node of each shape must be for the label to stay inside (rectangles: none). */
const shapeAllowance: Record<string, number> = {
  'round-hexagon': 0.4,
  'concave-hexagon': 0.5,
  rhomboid: 0.4,
  tag: 0.25,
  'round-tag': 0.25,
  ellipse: 0.3,
  'cut-rectangle': 0.15,
  barrel: 0.15,
};

/** Positions and sizes kept from an earlier drawing, so a collapsed group sits where its box was. */
export type Placement = Map<string, { x: number; y: number; width: number; height: number }>;

/** A label cut to `maxLabelLength` characters. */
export function shortLabel(text: string): string {
  return text.length > maxLabelLength ? `${text.slice(0, maxLabelLength - 1)}\u2026` : text;
}

/** The cytoscape elements of a drawn graph; `placement` fixes the boxes of collapsed groups (semantic zoom). */
export function toElements(display: DisplayGraph, measure: Measure, focus?: string, placement?: Placement): ElementDefinition[] {
  const elements: ElementDefinition[] = [];
  for (const group of display.boxes) {
    // A plain node drawn behind its members (not a cytoscape compound parent, which is slow with 1,000+ children).
    elements.push({ group: 'nodes', data: { id: boxId(group), label: shortLabel(group), role: 'box', group, width: 1, height: 1 }, grabbable: false });
  }
  for (const { group, count } of display.aggregates) elements.push(groupElement(group, count, measure, placement));
  for (const node of display.nodes) elements.push(nodeElement(node, measure, node.id === focus));
  for (const edge of display.edges) elements.push(edgeElement(edge));
  return elements;
}

function nodeElement(node: GraphNodeItem, measure: Measure, focused: boolean): ElementDefinition {
  const style = kindStyle(node.kind);
  const label = shortLabel(node.label);
  return {
    group: 'nodes',
    data: {
      id: node.id,
      box: boxId(node.group),
      role: 'node',
      label,
      kind: node.kind,
      colour: style.colour,
      textColour: textColourOn(style.colour),
      shape: style.shape,
      width: Math.max(minimumWidth, Math.ceil(measure(label) * (1 + (shapeAllowance[style.shape] ?? 0))) + horizontalPadding),
      height: nodeHeight,
      focused: focused ? 1 : 0,
    },
  };
}

function groupElement(group: string, count: number, measure: Measure, placement?: Placement): ElementDefinition {
  const id = groupNodeId(group);
  const title = shortLabel(group);
  const summary = `${count} node${count === 1 ? '' : 's'}`;
  const label = `${title}\n${summary}`;
  const placed = placement?.get(id);
  const width = Math.max(minimumWidth, Math.ceil(Math.max(measure(title), measure(summary))) + horizontalPadding);
  // A service collapsed by zooming out fills its box; its title grows with the box so it stays readable.
  const longest = Math.max(title.length, summary.length);
  const fontSize = placed ? Math.max(baseFontSize, Math.min(placed.height / 4, placed.width / (longest * 0.65), 72)) : baseFontSize;
  return {
    group: 'nodes',
    data: { id, role: 'aggregate', group, count, label, width: placed?.width ?? width, height: placed?.height ?? groupHeight, fontSize },
    position: placed ? { x: placed.x, y: placed.y } : undefined,
  };
}

/** The label of a drawn edge: the `via` of a call, the operation of a resource edge, or a count for merged edges. */
export function edgeLabel(edge: DisplayEdge): string {
  if (edge.items.length === 1) return shortLabel(edge.items[0].edge.label);
  return `\u00d7${edge.items.length}`;
}

function edgeElement(edge: DisplayEdge): ElementDefinition {
  const first = edge.items[0].edge;
  const async = edge.items.every((item) => isAsync(item.edge));
  return {
    group: 'edges',
    data: {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      label: edgeLabel(edge),
      kind: edge.items.length === 1 ? first.kind : 'merged',
      async: async ? 1 : 0,
      count: edge.items.length,
      width: Math.min(6, 1 + Math.log2(edge.items.length)),
    },
  };
}
