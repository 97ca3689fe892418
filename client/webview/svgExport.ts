// Writes the drawn graph as a standalone SVG document, escaping every label and attribute value.
import type { Core, EdgeSingular, NodeSingular, Position } from 'cytoscape';
import type { Theme } from './theme';

/** Escapes text for XML content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const margin = 24;

/** The drawing as SVG text (positions as laid out; shapes simplified to rectangles, rounded rectangles and ellipses). */
export function toSvg(cy: Core, theme: Theme): string {
  const box = cy.elements().boundingBox({ includeLabels: true });
  const width = Math.ceil(box.w + margin * 2);
  const height = Math.ceil(box.h + margin * 2);
  const shift = (point: Position): Position => ({ x: round(point.x - box.x1 + margin), y: round(point.y - box.y1 + margin) });
  const font = `font-family="${escapeXml(theme.fontFamily)}" font-size="${theme.fontSize - 1}"`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${font}>`,
    '<defs>',
    `<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${escapeXml(theme.muted)}"/></marker>`,
    '</defs>',
    `<rect width="100%" height="100%" fill="${escapeXml(theme.background)}"/>`,
  ];
  cy.nodes('[role = "box"]').forEach((node) => {
    parts.push(boxSvg(node, shift, theme));
  });
  cy.edges().forEach((edge) => {
    parts.push(edgeSvg(edge, shift, theme));
  });
  cy.nodes('[role != "box"]').forEach((node) => {
    parts.push(nodeSvg(node, shift, theme));
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function boxSvg(node: NodeSingular, shift: (point: Position) => Position, theme: Theme): string {
  const box = node.boundingBox({ includeLabels: false });
  const corner = shift({ x: box.x1, y: box.y1 });
  const label = shift({ x: (box.x1 + box.x2) / 2, y: box.y1 - 6 });
  return [
    `<rect x="${corner.x}" y="${corner.y}" width="${round(box.w)}" height="${round(box.h)}" rx="8" fill="${escapeXml(theme.groupBackground)}" fill-opacity="0.6" stroke="${escapeXml(theme.border)}"/>`,
    textSvg(String(node.data('label')), label, escapeXml(theme.muted)),
  ].join('');
}

function nodeSvg(node: NodeSingular, shift: (point: Position) => Position, theme: Theme): string {
  const aggregate = node.data('role') === 'aggregate';
  const width = node.width();
  const height = node.height();
  const centre = shift(node.position());
  const fill = escapeXml(aggregate ? theme.groupBackground : String(node.data('colour')));
  const stroke = escapeXml(node.data('kind') === 'unresolved' ? theme.error : aggregate ? theme.muted : theme.border);
  const shape = String(node.data('shape') ?? 'round-rectangle');
  const outline = shape === 'ellipse'
    ? `<ellipse cx="${centre.x}" cy="${centre.y}" rx="${round(width / 2)}" ry="${round(height / 2)}" fill="${fill}" stroke="${stroke}"/>`
    : `<rect x="${round(centre.x - width / 2)}" y="${round(centre.y - height / 2)}" width="${round(width)}" height="${round(height)}" rx="${shape === 'rectangle' ? 0 : 6}" fill="${fill}" stroke="${stroke}"/>`;
  const colour = escapeXml(aggregate ? theme.foreground : String(node.data('textColour')));
  return outline + textSvg(String(node.data('label')), centre, colour);
}

function edgeSvg(edge: EdgeSingular, shift: (point: Position) => Position, theme: Theme): string {
  const points = [edge.sourceEndpoint(), ...(edge.controlPoints() ?? []), edge.targetEndpoint()].map(shift);
  const path = points.length === 3
    ? `M${points[0].x},${points[0].y} Q${points[1].x},${points[1].y} ${points[2].x},${points[2].y}`
    : `M${points.map((point) => `${point.x},${point.y}`).join(' L')}`;
  const colour = escapeXml(edge.data('kind') === 'call' ? theme.foreground : theme.muted);
  const dash = edge.data('async') === 1 ? ' stroke-dasharray="6 4"' : '';
  const middle = shift(edge.midpoint());
  const label = String(edge.data('label') ?? '');
  const text = label ? textSvg(label, middle, escapeXml(theme.foreground), theme.fontSize - 3, escapeXml(theme.background)) : '';
  return `<path d="${path}" fill="none" stroke="${colour}" stroke-width="${Number(edge.data('width')) || 1}"${dash} marker-end="url(#arrow)"/>${text}`;
}

function textSvg(label: string, at: Position, colour: string, size?: number, halo?: string): string {
  const lines = label.split('\n');
  const sizeAttribute = size ? ` font-size="${size}"` : '';
  const haloAttributes = halo ? ` stroke="${halo}" stroke-width="3" paint-order="stroke"` : '';
  const first = -(lines.length - 1) * 0.6;
  const spans = lines.map((line, index) => `<tspan x="${at.x}" dy="${index === 0 ? first : 1.2}em">${escapeXml(line)}</tspan>`).join('');
  return `<text x="${at.x}" y="${at.y}" fill="${colour}" text-anchor="middle" dominant-baseline="central"${sizeAttribute}${haloAttributes}>${spans}</text>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
