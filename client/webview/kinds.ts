// How each kind of graph node looks (colour, shape, legend name), with a fallback for kinds the page does not know.

/** The look of one node kind. */
export interface KindStyle {
  /** Legend and details name. */
  title: string;
  /** Fill colour (`#rrggbb`). */
  colour: string;
  /** A cytoscape node shape. */
  shape: string;
}

/** Node kinds in legend order; the server may send others, which get the `other` look. */
const styles: Record<string, KindStyle> = {
  function: { title: 'Lambda function', colour: '#f28e2b', shape: 'round-rectangle' },
  stateMachine: { title: 'State machine', colour: '#e15759', shape: 'round-hexagon' },
  queue: { title: 'SQS queue', colour: '#b07aa1', shape: 'cut-rectangle' },
  topic: { title: 'SNS topic', colour: '#ff9da7', shape: 'round-tag' },
  bus: { title: 'EventBridge bus', colour: '#edc948', shape: 'rhomboid' },
  rule: { title: 'EventBridge rule', colour: '#76b7b2', shape: 'tag' },
  table: { title: 'DynamoDB table', colour: '#4e79a7', shape: 'barrel' },
  stream: { title: 'Kinesis stream', colour: '#59a14f', shape: 'concave-hexagon' },
  bucket: { title: 'S3 bucket', colour: '#9c755f', shape: 'bottom-round-rectangle' },
  api: { title: 'API', colour: '#a0cbe8', shape: 'rectangle' },
  endpoint: { title: 'Endpoint', colour: '#8cd17d', shape: 'round-rectangle' },
  external: { title: 'External', colour: '#bab0ac', shape: 'ellipse' },
  unresolved: { title: 'Unresolved', colour: '#d37295', shape: 'ellipse' },
};

const other: KindStyle = { title: 'Other', colour: '#79706e', shape: 'round-rectangle' };

/** The kinds the page knows, in legend order. */
export const knownKinds: readonly string[] = Object.keys(styles);

/** The look of a kind (the `other` look for a kind the page does not know). */
export function kindStyle(kind: string): KindStyle {
  return Object.prototype.hasOwnProperty.call(styles, kind) ? styles[kind] : { ...other, title: kind || other.title };
}

/** Black or white, whichever reads better on a `#rrggbb` fill. */
export function textColourOn(colour: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) return '#000000';
  const [red, green, blue] = match.slice(1).map((hex) => channel(parseInt(hex, 16) / 255));
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  return luminance > 0.22 ? '#1e1e1e' : '#ffffff';
}

function channel(value: number): number {
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}
