// Reads `Fn::ForEach::Name` loops (AWS::LanguageExtensions): what they generate when the collection is known, name patterns when it is not.
import type { MapEntry, MapValue, ParameterFact, TemplateValue } from '../model/types';
import { stringOf } from './values';

export const FOR_EACH_PREFIX = 'Fn::ForEach::';

/** One loop: `Fn::ForEach::Name: [Identifier, Collection, {OutputKey: OutputValue}]`. */
export interface ForEachLoop {
  identifier: string;
  collection: TemplateValue;
  outputs: MapValue;
}

/** One entry a loop generates, its key and value written with the loop's values in place of its identifiers. */
export interface LoopOutput {
  key: string;
  /** The span of the key as written in the loop (`${Name}Function`). */
  keySpan: MapEntry['keySpan'];
  value: TemplateValue;
}

const MAX_OUTPUTS = 500;

/** The loop an entry declares, when it is a well-formed `Fn::ForEach::` entry. */
export function loopOf(entry: MapEntry): ForEachLoop | undefined {
  if (!entry.key.startsWith(FOR_EACH_PREFIX) || entry.value.kind !== 'seq' || entry.value.items.length !== 3) return undefined;
  const [identifier, collection, outputs] = entry.value.items;
  const name = stringOf(identifier);
  if (!name || outputs.kind !== 'map') return undefined;
  return { identifier: name, collection, outputs };
}

/** The values of a loop's collection when the template says them: a literal list, or a parameter's default. */
export function collectionValues(collection: TemplateValue, parameters: ParameterFact[]): string[] | undefined {
  if (collection.kind === 'seq') {
    const values = collection.items.map(stringOf);
    return values.every((v): v is string => v !== undefined) ? values : undefined;
  }
  if (collection.kind === 'intrinsic' && collection.name === 'Ref') {
    const parameter = parameters.find((p) => p.name === stringOf(collection.argument));
    const fallback = parameter?.defaultValue;
    if (fallback?.kind === 'seq') return collectionValues(fallback, parameters);
    const text = stringOf(fallback);
    return text === undefined ? undefined : text.split(',').map((v) => v.trim()).filter(Boolean);
  }
  return undefined;
}

/** The entries a loop generates (nested loops included), or undefined when a collection is not known. */
export function expandLoop(loop: ForEachLoop, parameters: ParameterFact[]): LoopOutput[] | undefined {
  const values = collectionValues(loop.collection, parameters);
  if (!values) return undefined;
  const out: LoopOutput[] = [];
  for (const value of values) {
    for (const entry of loop.outputs.entries) {
      if (out.length > MAX_OUTPUTS) return out;
      if (entry.key.startsWith(FOR_EACH_PREFIX)) {
        const inner = loopOf({ ...entry, value: substitute(entry.value, loop.identifier, value) });
        const expanded = inner && expandLoop(inner, parameters);
        if (!expanded) return undefined;
        out.push(...expanded);
      } else {
        out.push({ key: replaceIdentifier(entry.key, loop.identifier, value), keySpan: entry.keySpan, value: substitute(entry.value, loop.identifier, value) });
      }
    }
  }
  return out;
}

/** Patterns (regular expression sources) of the keys a loop generates, for when its collection is not known. */
export function loopKeyPatterns(loop: ForEachLoop, outer: string[] = []): string[] {
  const identifiers = [...outer, loop.identifier];
  return loop.outputs.entries.flatMap((entry) => {
    if (!entry.key.startsWith(FOR_EACH_PREFIX)) return [keyPattern(entry.key, identifiers)];
    const inner = loopOf(entry);
    return inner ? loopKeyPatterns(inner, identifiers) : [];
  });
}

function keyPattern(key: string, identifiers: string[]): string {
  const placeholder = /([$&])\{([^}]*)\}/g;
  let source = '^';
  let last = 0;
  for (const match of key.matchAll(placeholder)) {
    source += escape(key.slice(last, match.index));
    source += identifiers.includes(match[2].trim()) ? '.+' : escape(match[0]);
    last = (match.index ?? 0) + match[0].length;
  }
  return `${source}${escape(key.slice(last))}$`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `${Id}` becomes the value, `&{Id}` the value without its non-alphanumeric characters, as the transform does. */
function replaceIdentifier(text: string, identifier: string, value: string): string {
  return text.replace(/([$&])\{\s*([^}]*?)\s*\}/g, (whole, sigil: string, name: string) => {
    if (name !== identifier) return whole;
    return sigil === '&' ? value.replace(/[^A-Za-z0-9]/g, '') : value;
  });
}

/** A copy of `value` with the loop identifier replaced: in strings, and `!Ref Identifier` becomes the value (spans kept). */
function substitute(value: TemplateValue, identifier: string, replacement: string): TemplateValue {
  switch (value.kind) {
    case 'scalar':
      return typeof value.value === 'string' && value.value.includes('{') ? { ...value, value: replaceIdentifier(value.value, identifier, replacement) } : value;
    case 'seq':
      return { ...value, items: value.items.map((item) => substitute(item, identifier, replacement)) };
    case 'map':
      return { ...value, entries: value.entries.map((e) => ({ ...e, key: replaceIdentifier(e.key, identifier, replacement), value: substitute(e.value, identifier, replacement) })) };
    case 'intrinsic': {
      if (value.name === 'Ref' && stringOf(value.argument) === identifier) return { kind: 'scalar', value: replacement, span: value.span };
      const argument = substitute(value.argument, identifier, replacement);
      // `!Sub /${Name}` with nothing left to substitute is plain text (a Path, a CodeUri).
      const text = value.name === 'Fn::Sub' ? stringOf(argument) : undefined;
      if (text !== undefined && !text.includes('${')) return { kind: 'scalar', value: text, span: value.span };
      return { ...value, argument };
    }
  }
}
