// Matches an EventBridge event (source, detail-type) against a rule's event pattern the way EventBridge does: exact, case-sensitive.
import type { TemplateValue } from '../model/types';
import { listOf, stringOf, valueOf } from '../sam/values';

export interface PublishedEvent {
  source?: string;
  detailType?: string;
}

/**
 * Whether an event with this source and detail-type can match the pattern. A field the pattern constrains
 * but the event's value is unknown for does not match: the graph never guesses.
 */
export function patternMatches(pattern: TemplateValue | undefined, event: PublishedEvent): boolean {
  if (!pattern || pattern.kind !== 'map') return true;
  return fieldMatches(valueOf(pattern, 'source'), event.source) && fieldMatches(valueOf(pattern, 'detail-type'), event.detailType);
}

function fieldMatches(condition: TemplateValue | undefined, value: string | undefined): boolean {
  if (!condition) return true;
  if (value === undefined) return false;
  return listOf(condition).some((item) => valueMatches(item, value));
}

function valueMatches(item: TemplateValue, value: string): boolean {
  const literal = stringOf(item);
  if (literal !== undefined) return literal === value;
  if (item.kind !== 'map') return false;
  const prefix = stringOf(valueOf(item, 'prefix'));
  if (prefix !== undefined) return value.startsWith(prefix);
  const suffix = stringOf(valueOf(item, 'suffix'));
  if (suffix !== undefined) return value.endsWith(suffix);
  const anythingBut = valueOf(item, 'anything-but');
  if (anythingBut) return !listOf(anythingBut).some((x) => stringOf(x) === value);
  const equalsIgnoreCase = stringOf(valueOf(item, 'equals-ignore-case'));
  if (equalsIgnoreCase !== undefined) return equalsIgnoreCase.toLowerCase() === value.toLowerCase();
  const wildcard = stringOf(valueOf(item, 'wildcard'));
  if (wildcard !== undefined) return new RegExp(`^${wildcard.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);
  return false;
}
