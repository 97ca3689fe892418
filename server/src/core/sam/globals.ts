// Applies a template's Globals section to a resource's properties the way SAM merges them.
import type { MapEntry, MapValue, TemplateValue } from '../model/types';
import { listOf, mapOf, stringOf, valueOf } from './values';

/** The Globals section key that applies to each SAM resource type. */
const GLOBALS_SECTION: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
  'AWS::Serverless::CapacityProvider': 'CapacityProvider',
};

/**
 * The properties of a resource with Globals applied: the resource's own scalar wins,
 * maps merge key by key, lists concatenate (globals first). `IgnoreGlobals` is honoured.
 */
export function withGlobals(globals: MapValue | undefined, type: string, properties: MapValue | undefined, node: MapValue): MapValue | undefined {
  const section = GLOBALS_SECTION[type];
  const defaults = section ? mapOf(globals, section) : undefined;
  if (!defaults) return properties;
  const ignored = ignoredGlobals(node, properties);
  if (ignored === '*') return properties;
  const filtered: MapValue = { ...defaults, entries: defaults.entries.filter((e) => !ignored.includes(e.key)) };
  if (!properties) return filtered;
  return mergeMaps(filtered, properties);
}

function ignoredGlobals(node: MapValue, properties: MapValue | undefined): string[] | '*' {
  const value = valueOf(node, 'IgnoreGlobals') ?? valueOf(properties, 'IgnoreGlobals');
  if (!value) return [];
  if (stringOf(value) === '*') return '*';
  return listOf(value).map(stringOf).filter((s): s is string => !!s);
}

function mergeMaps(defaults: MapValue, own: MapValue): MapValue {
  const entries: MapEntry[] = [];
  const ownKeys = new Map(own.entries.map((e) => [e.key, e]));
  for (const entry of defaults.entries) {
    const mine = ownKeys.get(entry.key);
    if (!mine) entries.push(entry);
    else entries.push({ ...mine, value: mergeValues(entry.value, mine.value) });
  }
  const defaultKeys = new Set(defaults.entries.map((e) => e.key));
  for (const entry of own.entries) if (!defaultKeys.has(entry.key)) entries.push(entry);
  return { kind: 'map', entries, span: own.span };
}

function mergeValues(defaults: TemplateValue, own: TemplateValue): TemplateValue {
  if (defaults.kind === 'map' && own.kind === 'map') return mergeMaps(defaults, own);
  if (defaults.kind === 'seq' && own.kind === 'seq') return { kind: 'seq', items: [...defaults.items, ...own.items], span: own.span };
  return own;
}
