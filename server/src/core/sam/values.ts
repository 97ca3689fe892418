// Small readers over the TemplateValue tree: look up keys, read strings, walk every value.
import type { MapEntry, MapValue, TemplateValue } from '../model/types';

/** The entry of `map` with this key (the last one wins, as CloudFormation reads duplicates). */
export function entryOf(map: TemplateValue | undefined, key: string): MapEntry | undefined {
  if (!map || map.kind !== 'map') return undefined;
  for (let i = map.entries.length - 1; i >= 0; i--) if (map.entries[i].key === key) return map.entries[i];
  return undefined;
}

/** The value under `key`, if `map` is a map. */
export function valueOf(map: TemplateValue | undefined, key: string): TemplateValue | undefined {
  return entryOf(map, key)?.value;
}

/** The map under `key`, if there is one. */
export function mapOf(map: TemplateValue | undefined, key: string): MapValue | undefined {
  const value = valueOf(map, key);
  return value?.kind === 'map' ? value : undefined;
}

/** A scalar as a string (numbers and booleans too), or undefined for anything else. */
export function stringOf(value: TemplateValue | undefined): string | undefined {
  if (!value || value.kind !== 'scalar' || value.value === null) return undefined;
  return String(value.value);
}

/** The string under `key`, if it is a plain scalar. */
export function stringAt(map: TemplateValue | undefined, key: string): string | undefined {
  return stringOf(valueOf(map, key));
}

/** Items of a sequence, or the value itself as a one-item list. */
export function listOf(value: TemplateValue | undefined): TemplateValue[] {
  if (!value) return [];
  return value.kind === 'seq' ? value.items : [value];
}

/** Calls `visit` on every value below `root`, depth first, with an explicit stack (no recursion limits). */
export function walkValues(root: TemplateValue, visit: (value: TemplateValue) => void): void {
  const stack: TemplateValue[] = [root];
  while (stack.length) {
    const value = stack.pop()!;
    visit(value);
    if (value.kind === 'map') for (let i = value.entries.length - 1; i >= 0; i--) stack.push(value.entries[i].value);
    else if (value.kind === 'seq') for (let i = value.items.length - 1; i >= 0; i--) stack.push(value.items[i]);
    else if (value.kind === 'intrinsic') stack.push(value.argument);
  }
}

/** A readable one-line rendering of a value (`!Ref Table`, `!GetAtt Queue.Arn`, `"text"`). */
export function describeValue(value: TemplateValue | undefined, depth = 0): string {
  if (!value) return '';
  if (depth > 4) return '…';
  switch (value.kind) {
    case 'scalar':
      return value.value === null ? 'null' : String(value.value);
    case 'intrinsic': {
      const short = value.name === 'Ref' ? '!Ref' : `!${value.name.replace(/^Fn::/, '')}`;
      const arg = value.argument;
      if (value.name === 'Fn::GetAtt' && arg.kind === 'seq') return `${short} ${arg.items.map((i) => describeValue(i, depth + 1)).join('.')}`;
      return `${short} ${describeValue(arg, depth + 1)}`;
    }
    case 'seq':
      return `[${value.items.map((i) => describeValue(i, depth + 1)).join(', ')}]`;
    case 'map':
      return `{${value.entries.map((e) => `${e.key}: ${describeValue(e.value, depth + 1)}`).join(', ')}}`;
  }
}
