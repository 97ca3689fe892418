// Rule `missing-permission`: the code makes an SDK call whose IAM action the function's role surely does not allow.
import type { Analysis } from '../../analysis';
import type { FunctionModel } from '../../model/functions';
import type { Span } from '../../model/types';
import { functionRule } from '../functionRule';
import { missingUsages, type MissingUsage } from '../../permissions/missing';
import { displayPath } from '../../query/display';
import { offsetToPosition } from '../../util/lineIndex';

export const missingPermissionRule = functionRule({
  code: 'missing-permission',
  severity: 'warning',
  description: "The code calls an AWS API that the function's role does not allow.",
  checkFunction(analysis, fn) {
    return missingUsages(analysis, fn).flatMap((missing) => [
      { message: codeMessage(fn, missing), span: missing.usage.evidence },
      { message: templateMessage(analysis, fn, missing), span: fn.keySpan },
    ]);
  },
});

function what(missing: MissingUsage): string {
  const actions = missing.actions.length > 1 ? `one of ${missing.actions.join(', ')}` : missing.actions[0];
  return `${actions} on ${missing.usage.targetText}`;
}

function fix(missing: MissingUsage): string {
  if (missing.usage.deniedBy) return ` It is denied by ${missing.usage.deniedBy.source.label}.`;
  const s = missing.suggestion;
  return s ? ` ${s.template} (${s.parameter}: ${s.readable}) would grant it.` : '';
}

function codeMessage(fn: FunctionModel, missing: MissingUsage): string {
  return `${fn.logicalId} is not allowed to call ${missing.usage.operation}: its role does not grant ${what(missing)}.${fix(missing)}`;
}

function templateMessage(analysis: Analysis, fn: FunctionModel, missing: MissingUsage): string {
  const evidence = missing.usage.evidence;
  const starts = analysis.code.get(evidence.file)?.lineStarts ?? [0];
  const line = offsetToPosition(starts, evidence.start).line + 1;
  return `${fn.logicalId} lacks ${what(missing)} (used at ${displayPath(analysis, evidence.file)}:${line}).${fix(missing)}`;
}
