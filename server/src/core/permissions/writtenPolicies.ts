// Finds every IAM policy statement written in a template (function and role policies, IAM policies, resource policies) and its action strings.
import type { MapValue, TemplateFacts, TemplateValue } from '../model/types';
import { stringOf, valueOf, walkValues } from '../sam/values';
import type { WrittenAction } from './model';
import { flattenIf } from './resourcePattern';

const cache = new WeakMap<TemplateFacts, WrittenAction[]>();

/** The statements of every policy document of the template (maps under a `Statement` key that have an `Effect`). */
export function writtenStatements(template: TemplateFacts): MapValue[] {
  const out: MapValue[] = [];
  for (const resource of template.resources) {
    if (!resource.properties) continue;
    walkValues(resource.properties, (value) => {
      if (value.kind !== 'map') return;
      const statements = valueOf(value, 'Statement');
      if (!statements) return;
      for (const statement of flattenIf(statements)) {
        if (statement.kind === 'map' && valueOf(statement, 'Effect')) out.push(statement);
      }
    });
  }
  return out;
}

/** Every literal action string (Action and NotAction) written in the template's policy statements (memoised per template). */
export function writtenActions(template: TemplateFacts): WrittenAction[] {
  let found = cache.get(template);
  if (!found) {
    found = [];
    for (const statement of writtenStatements(template)) {
      for (const key of ['Action', 'NotAction']) {
        for (const item of flattenIf(valueOf(statement, key) as TemplateValue | undefined)) {
          const text = stringOf(item);
          if (text !== undefined && !text.includes('${')) found.push({ action: text.trim(), span: item.span });
        }
      }
    }
    cache.set(template, found);
  }
  return found;
}
