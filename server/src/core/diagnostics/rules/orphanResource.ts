// Rule `orphan-resource`: a queue, topic or table that nothing in the workspace refers to (no reference, no code access, no event).
import type { Finding, Rule } from '../registry';
import type { MapValue, TemplateFacts } from '../../model/types';
import type { Analysis } from '../../analysis';
import { codeReads } from '../../impact/callIndex';
import { graphOf } from '../../graph/buildGraph';
import { nodeId } from '../../sam/ids';
import { stringOf, valueOf, walkValues } from '../../sam/values';

const CHECKED: Record<string, string> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
};

/** Resources whose reference to a queue or topic only attaches a policy to it, which is no use of it. */
const ATTACHMENTS = new Set(['AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueueInlinePolicy', 'AWS::SNS::TopicInlinePolicy']);

export const orphanResourceRule: Rule = {
  code: 'orphan-resource',
  severity: 'info',
  description: 'A queue, topic or table that nothing in the workspace refers to: no reference, no code reads or writes it, no event uses it.',
  check(analysis) {
    const touched = touchedIds(analysis);
    const out: Finding[] = [];
    for (const template of analysis.templates) {
      if (template.problems.some((p) => p.code === 'yaml-syntax' && p.severity === 'error')) continue;
      const used = usedNamesOf(template);
      for (const resource of template.resources) {
        const nameKey = CHECKED[resource.type];
        if (!nameKey || used.has(resource.logicalId)) continue;
        // A fixed physical name can be used from outside the workspace (other stacks, scripts, other accounts).
        if (valueOf(resource.properties, nameKey)) continue;
        const id = nodeId(template.file, resource.logicalId);
        if (touched.has(id)) continue;
        out.push({
          message: `Nothing in the workspace uses ${resource.logicalId}: no reference in the templates, no code reads or writes it, no event reads it. Remove it, or ignore this if something outside the workspace uses it.`,
          span: resource.keySpan,
        });
      }
    }
    return out;
  },
};

/** Every node a graph edge starts or ends at, and every resource some code reads. */
function touchedIds(analysis: Analysis): Set<string> {
  const touched = new Set<string>();
  for (const edge of graphOf(analysis).edges) {
    touched.add(edge.from);
    touched.add(edge.to);
  }
  for (const fn of analysis.functions) for (const read of codeReads(analysis, fn)) touched.add(read.to);
  return touched;
}

const usedNamesCache = new WeakMap<TemplateFacts, Set<string>>();

/** `usedNames`, kept per template facts object (an edit elsewhere does not change it). */
function usedNamesOf(template: TemplateFacts): Set<string> {
  let used = usedNamesCache.get(template);
  if (!used) usedNamesCache.set(template, (used = usedNames(template)));
  return used;
}

/** Logical IDs the template refers to from anywhere but the resource itself or a policy attached to it, Connector `Id`s included. */
function usedNames(template: TemplateFacts): Set<string> {
  const types = new Map(template.resources.map((r) => [r.logicalId, r.type]));
  const used = new Set<string>();
  for (const reference of template.references) {
    if (reference.container === reference.target) continue;
    if (reference.container && ATTACHMENTS.has(types.get(reference.container) ?? '')) continue;
    used.add(reference.target.split('.')[0]);
  }
  for (const resource of template.resources) {
    walkValues(resource.node as MapValue, (value) => {
      if (value.kind !== 'map') return;
      const id = stringOf(valueOf(value, 'Id'));
      if (id && id !== resource.logicalId) used.add(id);
    });
  }
  return used;
}
