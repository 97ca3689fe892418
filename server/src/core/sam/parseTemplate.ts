// Reads one template file into TemplateFacts: its sections, resources, outputs and every reference it makes.
import type { MapEntry, MapValue, NamedEntry, OutputFact, ParameterFact, ResourceFact, TemplateFacts, TemplateValue } from '../model/types';
import { computeLineStarts } from '../util/lineIndex';
import { entryOf, mapOf, stringAt, valueOf } from './values';
import { parseYamlTree } from './yamlTree';
import { collectReferences } from './references';
import { FOR_EACH_PREFIX, expandLoop, loopKeyPatterns, loopOf } from './forEach';

const TEMPLATE_EXTENSIONS = /\.(ya?ml|json|template)$/i;

/** Whether a file name could hold a template (the content decides). */
export function isTemplateCandidate(path: string): boolean {
  return TEMPLATE_EXTENSIONS.test(path);
}

/** A quick look at the text, before parsing, to skip files that cannot be templates. */
export function mightBeTemplate(text: string): boolean {
  return /AWSTemplateFormatVersion|Resources|Transform|StartAt/.test(text.slice(0, 200_000));
}

/** Parses a template file; `isTemplate` says whether it is a CloudFormation/SAM template at all. */
export function parseTemplate(file: string, rawText: string): TemplateFacts {
  // A byte-order mark stays: the YAML parser skips it (a space in its place would indent the first key), and offsets stay the editor's.
  const text = rawText;
  const facts: TemplateFacts = {
    file,
    isTemplate: false,
    format: /\.json$/i.test(file) || /^\s*\{/.test(text) ? 'json' : 'yaml',
    isSam: false,
    parameters: [],
    resources: [],
    outputs: [],
    conditions: [],
    mappings: [],
    references: [],
    problems: [],
    lineStarts: computeLineStarts(text),
    size: text.length,
  };
  if (text.indexOf('\u0000') >= 0) return facts;
  if (!mightBeTemplate(text)) return facts;
  const parsed = parseYamlTree(file, text);
  const root = parsed.value;
  const looksLikeTemplate = root?.kind === 'map' && isTemplateRoot(root);
  if (!looksLikeTemplate && /"?StartAt"?\s*:/.test(text) && /"?States"?\s*:/.test(text)) {
    // A Step Functions definition file (DefinitionUri): kept as a tree; placeholders like `${Fn}` may be unquoted.
    const definition = root?.kind === 'map' && !parsed.problems.length ? parsed : parseYamlTree(file, quotePlaceholders(text));
    if (definition.value?.kind === 'map') facts.root = definition.value;
    facts.isDefinition = true;
    return facts;
  }
  if (!looksLikeTemplate) {
    // A template that does not parse still counts when its text says it is one, so its syntax error is shown.
    if (parsed.problems.length && /AWSTemplateFormatVersion|AWS::Serverless|Type:\s*['"]?AWS::/.test(text)) {
      facts.isTemplate = true;
      facts.problems.push(...parsed.problems);
    }
    return facts;
  }
  facts.isTemplate = true;
  facts.problems.push(...parsed.problems);
  facts.root = root as MapValue;
  readSections(facts, root as MapValue);
  facts.references = collectReferences(facts, text);
  return facts;
}

function isTemplateRoot(root: MapValue): boolean {
  if (entryOf(root, 'AWSTemplateFormatVersion')) return true;
  const transform = valueOf(root, 'Transform');
  if (transform && JSON.stringify(stripSpans(transform)).includes('AWS::Serverless')) return true;
  const resources = mapOf(root, 'Resources');
  return !!resources && resources.entries.some((e) => /^(AWS|Alexa|Custom)::|^Custom::/.test(stringAt(e.value, 'Type') ?? ''));
}

function stripSpans(value: TemplateValue): unknown {
  switch (value.kind) {
    case 'scalar':
      return value.value;
    case 'seq':
      return value.items.map(stripSpans);
    case 'map':
      return Object.fromEntries(value.entries.map((e) => [e.key, stripSpans(e.value)]));
    case 'intrinsic':
      return { [value.name]: stripSpans(value.argument) };
  }
}

const MAP_SECTIONS = ['Parameters', 'Resources', 'Outputs', 'Conditions', 'Mappings', 'Globals', 'Metadata'];

/** Problems of shape that would otherwise pass silently: sections and properties that are not what CloudFormation reads. */
function checkRootShape(facts: TemplateFacts, root: MapValue): void {
  for (const entry of root.entries) {
    if (MAP_SECTIONS.includes(entry.key) && entry.value.kind !== 'map' && !(entry.value.kind === 'scalar' && entry.value.value === null)) {
      facts.problems.push({ code: 'template-shape', severity: 'warning', message: `${entry.key} should be a map of named entries, not a ${entry.value.kind === 'seq' ? 'list' : entry.value.kind === 'scalar' ? 'single value' : 'function'}.`, span: entry.keySpan });
    }
  }
}

function checkResourceShape(facts: TemplateFacts, logicalId: string, keySpan: TemplateFacts['problems'][number]['span'], node: MapValue, type: string): void {
  const problem = (message: string, span = keySpan) => facts.problems.push({ code: 'template-shape', severity: 'warning', message, span });
  if (!type) problem(`Resource ${logicalId} has no Type (a string like AWS::SQS::Queue).`);
  const properties = valueOf(node, 'Properties');
  if (properties && properties.kind !== 'map' && properties.kind !== 'intrinsic') problem(`The Properties of ${logicalId} should be a map.`, properties.span);
  if (type !== 'AWS::Serverless::Function' || properties?.kind !== 'map') return;
  const handler = valueOf(properties, 'Handler');
  if (handler && handler.kind !== 'scalar' && handler.kind !== 'intrinsic') problem(`Handler of ${logicalId} should be a string like src/app.handler.`, handler.span);
  const events = valueOf(properties, 'Events');
  if (events && events.kind !== 'map') problem(`Events of ${logicalId} should be a map of named events.`, events.span);
}

function readSections(facts: TemplateFacts, root: MapValue): void {
  checkRootShape(facts, root);
  facts.isSam = JSON.stringify(stripSpans(valueOf(root, 'Transform') ?? { kind: 'scalar', value: null, span: root.span })).includes('AWS::Serverless');
  for (const entry of mapOf(root, 'Parameters')?.entries ?? []) {
    const parameter: ParameterFact = { name: entry.key, keySpan: entry.keySpan, span: entry.value.span, type: stringAt(entry.value, 'Type') };
    parameter.defaultValue = valueOf(entry.value, 'Default');
    facts.parameters.push(parameter);
  }
  for (const entry of sectionEntries(facts, mapOf(root, 'Resources'), 'value')) {
    if (entry.value.kind !== 'map') {
      facts.problems.push({ code: 'template-shape', severity: 'warning', message: `Resource ${entry.key} should be a map with a Type.`, span: entry.keySpan });
      continue;
    }
    const type = stringAt(entry.value, 'Type') ?? '';
    checkResourceShape(facts, entry.key, entry.keySpan, entry.value, type);
    const resource: ResourceFact = { logicalId: entry.key, type, keySpan: entry.keySpan, span: entry.value.span, node: entry.value, properties: mapOf(entry.value, 'Properties') };
    facts.resources.push(resource);
  }
  for (const entry of sectionEntries(facts, mapOf(root, 'Outputs'), 'value')) {
    const output: OutputFact = { name: entry.key, keySpan: entry.keySpan, span: entry.value.span, value: valueOf(entry.value, 'Value') };
    output.exportName = valueOf(mapOf(entry.value, 'Export'), 'Name');
    facts.outputs.push(output);
  }
  facts.conditions = sectionEntries(facts, mapOf(root, 'Conditions'), 'condition').map((e) => ({ name: e.key, keySpan: e.keySpan, span: e.value.span }));
  facts.mappings = namedEntries(mapOf(root, 'Mappings'));
  facts.globals = mapOf(root, 'Globals');
}

/**
 * The entries of Resources, Outputs or Conditions with `Fn::ForEach::` loops expanded when their collection is known;
 * otherwise the names a loop generates are kept as patterns, so references to them are not reported as unknown.
 */
function sectionEntries(facts: TemplateFacts, map: MapValue | undefined, kind: 'value' | 'condition'): MapEntry[] {
  const out: MapEntry[] = [];
  for (const entry of map?.entries ?? []) {
    if (!entry.key.startsWith(FOR_EACH_PREFIX)) {
      out.push(entry);
      continue;
    }
    const loop = loopOf(entry);
    if (!loop) continue;
    const expanded = expandLoop(loop, facts.parameters);
    if (expanded) out.push(...expanded);
    else (facts.loopPatterns ??= []).push(...loopKeyPatterns(loop).map((pattern) => ({ kind, pattern })));
  }
  return out;
}

function namedEntries(map: MapValue | undefined): NamedEntry[] {
  return (map?.entries ?? []).map((e) => ({ name: e.key, keySpan: e.keySpan, span: e.value.span }));
}

/** Quotes bare `${Name}` placeholders so an ASL file that is JSON only after substitution still parses (lines are kept). */
function quotePlaceholders(text: string): string {
  return text.replace(/(:\s*)(\$\{[^}"$]+\})/g, (_m, sep: string, placeholder: string) => `${sep}"${placeholder}"`);
}
