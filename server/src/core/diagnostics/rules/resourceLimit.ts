// Rule `resource-limit`: a template close to or over a CloudFormation quota (resources after the SAM transform, outputs, parameters, mappings, size).
import type { Rule, Severity } from '../registry';
import { quotaChecks } from '../../impact/resourceCount';

export const resourceLimitRule: Rule = {
  code: 'resource-limit',
  severity: 'warning',
  description: 'A template is near or over a CloudFormation quota: 500 resources after the SAM transform, 200 outputs, parameters or mappings, 1 MB.',
  scope: 'templates',
  check(analysis) {
    const out = [];
    for (const template of analysis.templates) {
      for (const quota of quotaChecks(analysis, template)) {
        const ratio = quota.value / quota.limit;
        if (ratio < 0.8) continue;
        const severity: Severity = ratio > 1 ? 'error' : ratio >= 0.9 ? 'warning' : 'info';
        const amount = quota.estimate ? `About ${quota.value} resources after the SAM transform` : quota.what === 'bytes' ? `The template is ${quota.value} bytes` : `${quota.value} ${quota.what}`;
        const state = ratio > 1 ? 'over the limit of' : `${Math.round(ratio * 100)}% of the limit of`;
        const advice = ratio > 1 ? 'CloudFormation will refuse it' : 'deployments start failing at the limit';
        const fix = quota.estimate ? 'split it into nested stacks (AWS::Serverless::Application) or separate stacks; hover Resources for the breakdown' : 'split the template or move values elsewhere';
        out.push({ message: `${amount}: ${state} ${quota.limit}; ${advice}. To fix, ${fix}.`, span: quota.span, severity });
      }
    }
    return out;
  },
};
