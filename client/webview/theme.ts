// Reads VS Code's theme colours from its `--vscode-*` CSS variables and builds the cytoscape stylesheet from them.
import type { StylesheetJson } from 'cytoscape';

/** The colours and font the graph is drawn with. */
export interface Theme {
  background: string;
  foreground: string;
  muted: string;
  border: string;
  focus: string;
  highlight: string;
  groupBackground: string;
  error: string;
  fontFamily: string;
  fontSize: number;
}

function cssVariable(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
    || getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

/** The current theme (VS Code updates the variables when the user switches themes). */
export function readTheme(): Theme {
  const fontSize = parseFloat(cssVariable('--vscode-font-size', '13'));
  const background = solid(cssVariable('--vscode-editor-background', '#1e1e1e'), [30, 30, 30]);
  const backgroundRgb = rgbOf(background) ?? [30, 30, 30];
  const colour = (name: string, fallback: string): string => solid(cssVariable(name, fallback), backgroundRgb);
  return {
    background,
    foreground: colour('--vscode-editor-foreground', '#cccccc'),
    muted: colour('--vscode-descriptionForeground', '#9d9d9d'),
    border: colour('--vscode-panel-border', '#80808059'),
    focus: colour('--vscode-focusBorder', '#007fd4'),
    highlight: colour('--vscode-editorOverviewRuler-findMatchForeground', '#d18616'),
    groupBackground: colour('--vscode-editorWidget-background', '#252526'),
    error: colour('--vscode-errorForeground', '#f48771'),
    fontFamily: cssVariable('--vscode-font-family', 'sans-serif'),
    fontSize: Number.isFinite(fontSize) ? fontSize : 13,
  };
}

const probe = document.createElement('canvas').getContext('2d');

/** Red, green, blue and alpha (0–1) of any CSS colour, as the canvas understands it. */
function rgbaOf(colour: string): [number, number, number, number] | undefined {
  if (!probe) return undefined;
  probe.fillStyle = '#000000';
  probe.fillStyle = colour;
  const value = String(probe.fillStyle);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16), 1];
  const rgba = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
  return rgba ? [Number(rgba[1]), Number(rgba[2]), Number(rgba[3]), rgba[4] === undefined ? 1 : Number(rgba[4])] : undefined;
}

function rgbOf(colour: string): [number, number, number] | undefined {
  const parsed = rgbaOf(colour);
  return parsed && [parsed[0], parsed[1], parsed[2]];
}

/** An opaque `#rrggbb` for any CSS colour, blending a translucent one over the background (cytoscape takes no alpha). */
function solid(colour: string, background: [number, number, number]): string {
  const parsed = rgbaOf(colour);
  if (!parsed) return '#808080';
  const [red, green, blue, alpha] = parsed;
  const mix = (value: number, under: number): string => Math.round(value * alpha + under * (1 - alpha)).toString(16).padStart(2, '0');
  return `#${mix(red, background[0])}${mix(green, background[1])}${mix(blue, background[2])}`;
}

/**
 * The cytoscape stylesheet: colours and shapes come from each element's data, the rest from the theme.
 * Large drawings get straight edges with unrotated labels, which are much cheaper to draw than curves.
 */
export function graphStylesheet(theme: Theme, large = false): StylesheetJson {
  const font = { 'font-family': theme.fontFamily, 'font-size': theme.fontSize - 1, 'min-zoomed-font-size': 5 };
  return [
    {
      selector: 'node[role = "node"]',
      style: {
        ...font,
        label: 'data(label)',
        width: 'data(width)',
        height: 'data(height)',
        shape: 'data(shape)' as never,
        'background-color': 'data(colour)',
        color: 'data(textColour)',
        'text-valign': 'center',
        'text-halign': 'center',
        'border-width': 1,
        'border-color': theme.border,
        'z-index-compare': 'manual',
        'z-index': 2,
      },
    },
    { selector: 'node[kind = "unresolved"]', style: { 'border-style': 'dashed', 'border-width': 2, 'border-color': theme.error } },
    { selector: 'node[focused = 1]', style: { 'border-width': 4, 'border-color': theme.focus } },
    {
      selector: 'node[role = "box"]',
      style: {
        ...font,
        label: 'data(label)',
        width: 'data(width)',
        height: 'data(height)',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        color: theme.muted,
        'background-color': theme.groupBackground,
        'background-opacity': 0.6,
        'border-color': theme.border,
        'border-width': 1,
        shape: 'round-rectangle',
        'z-index-compare': 'manual',
        'z-index': 0,
      },
    },
    {
      selector: 'node[role = "aggregate"]',
      style: {
        ...font,
        'font-size': 'data(fontSize)',
        label: 'data(label)',
        width: 'data(width)',
        height: 'data(height)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        color: theme.foreground,
        'background-color': theme.groupBackground,
        'border-color': theme.muted,
        'border-width': 2,
        shape: 'round-rectangle',
        'z-index-compare': 'manual',
        'z-index': 2,
      },
    },
    {
      selector: 'edge',
      style: {
        ...font,
        'font-size': theme.fontSize - 3,
        label: 'data(label)',
        width: 'data(width)',
        'curve-style': large ? 'straight' : 'bezier',
        'target-arrow-shape': 'triangle',
        'line-color': theme.muted,
        'target-arrow-color': theme.muted,
        color: theme.foreground,
        'text-background-color': theme.background,
        'text-background-opacity': 0.85,
        'text-background-padding': '1px',
        'text-rotation': large ? 'none' : 'autorotate',
        'arrow-scale': 0.9,
        'z-index-compare': 'manual',
        'z-index': 1,
      },
    },
    { selector: 'edge[kind = "call"]', style: { 'line-color': theme.foreground, 'target-arrow-color': theme.foreground } },
    { selector: 'edge[async = 1]', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 4] } },
    { selector: '.match', style: { 'border-width': 4, 'border-color': theme.highlight, 'underlay-color': theme.highlight, 'underlay-opacity': 0.35, 'underlay-padding': 6 } },
    { selector: '.faded', style: { opacity: 0.25 } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': theme.focus } },
    { selector: 'edge:selected', style: { 'line-color': theme.focus, 'target-arrow-color': theme.focus, width: 3 } },
  ];
}
