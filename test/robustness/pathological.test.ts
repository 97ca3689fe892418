// Inputs under the size limit that make naive code quadratic or loop forever: Sub strings, many names, deep and cyclic Step Functions, import cycles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, diagnose, graphOf, indexReport } from '../../server/src/core/index';
import { analyseFiles, describeFailures, exerciseAll, WS } from './support/core';
import { SAM_HEADER, functionYaml } from './support/hostile';
import { Random } from './support/random';

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = Date.now();
  const value = run();
  return { value, ms: Date.now() - started };
}

test('pathological !Sub strings (60,000 unclosed or nested placeholders) are handled in linear time everywhere they can appear', () => {
  for (const [name, sub] of Object.entries({ unclosed: '${'.repeat(60_000), dotted: '${A.B.C'.repeat(30_000), pseudo: '${AWS::'.repeat(30_000), literal: '${!'.repeat(60_000) })) {
    const s = JSON.stringify(sub);
    const env = `      Environment:\n        Variables:\n          Q: !Sub ${s}\n          R: !Sub [${s}, {A: !Ref Queue}]\n      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: sqs:SendMessage\n              Resource: !Sub ${s}\n        - SQSSendMessagePolicy:\n            QueueName: !Sub ${s}\n`;
    const template = [
      SAM_HEADER,
      'Resources:\n',
      `  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub ${s}\n`,
      functionYaml('Function', 'src', 'app.handler', 'nodejs20.x', env),
      `  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: sm.json\n      DefinitionSubstitutions:\n        X: !Sub ${s}\n`,
      `Outputs:\n  Out:\n    Value: !Sub ${s}\n    Export:\n      Name: !Sub ${s}\n`,
    ].join('');
    const files = new Map([
      [`${WS}/template.yaml`, template],
      [`${WS}/sm.json`, `{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": ${s}, "End": true}}}`],
      [`${WS}/src/app.js`, `const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');\nexports.handler = async () => new SQSClient({}).send(new SendMessageCommand({ QueueUrl: process.env.Q + ${s}, MessageBody: ${s} }));\n`],
    ]);
    const { value: analysis, ms: parseMs } = timed(() => analyseFiles(files));
    const { ms: restMs } = timed(() => {
      diagnose(analysis);
      graphOf(analysis);
      indexReport(analysis, WS);
    });
    assert.ok(parseMs + restMs < 15_000, `${name}: parse ${parseMs} ms, diagnostics, graph and report ${restMs} ms`);
  }
});

test('12,000 resources naming each other: name lookups do not scan the template for every reference', () => {
  const parts = [SAM_HEADER, 'Parameters:\n  Stage:\n    Type: String\n', 'Resources:\n'];
  const count = 12_000;
  for (let i = 0; i < count; i++) parts.push(`  Q${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "\${Stage}-\${Q${(i + 1) % count}.QueueName}"\n      Tags: [{Key: a, Value: !GetAtt Q${(i + 7) % count}.Arn}, {Key: b, Value: !Ref Missing${i % 10}}]\n`);
  const analysis = analyseFiles(new Map([[`${WS}/template.yaml`, parts.join('')]]));
  assert.equal(analysis.templates[0].resources.length, count);
  const unknown = RULES.find((rule) => rule.code === 'unknown-reference')!;
  const { value: findings, ms } = timed(() => unknown.check(analysis, {}));
  assert.equal(findings.length, count, 'one unknown Missing name per resource');
  assert.ok(ms < 3000, `unknown-reference took ${ms} ms for ${count} resources`);
  const { ms: allMs } = timed(() => diagnose(analysis));
  assert.ok(allMs < 30_000, `all rules took ${allMs} ms`);
});

test('Step Functions definitions that loop (Next cycles, Choice to itself) or nest 2,000 Parallel levels deep end cleanly', () => {
  let inner = '{"StartAt": "P0", "States": {"P0": {"Type": "Task", "Resource": "${Fn}", "End": true}}}';
  for (let d = 1; d <= 2000; d++) inner = `{"StartAt": "P${d}", "States": {"P${d}": {"Type": "Parallel", "Branches": [${inner}], "End": true}}}`;
  const definition = `{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "\${Fn}", "Next": "B"}, "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "BooleanEquals": true, "Next": "A"}], "Default": "B"}, "C": {"Type": "Parallel", "Branches": [${inner}], "Next": "A"}, "D": {"Type": "Map", "ItemProcessor": {"StartAt": "D", "States": {"D": {"Type": "Pass", "Next": "D"}}}, "Next": "D"}}}`;
  const template = `${SAM_HEADER}Resources:\n${functionYaml('Fn', 'src', 'app.handler')}  Machine:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: sm.asl.json\n      DefinitionSubstitutions:\n        Fn: !GetAtt Fn.Arn\n  Inline:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      Definition:\n        StartAt: A\n        States:\n          A: {Type: Task, Resource: !GetAtt Fn.Arn, Next: A}\n`;
  const files = new Map([
    [`${WS}/template.yaml`, template],
    [`${WS}/sm.asl.json`, definition],
    [`${WS}/src/app.js`, "const { SFNClient, StartExecutionCommand } = require('@aws-sdk/client-sfn');\nexports.handler = async () => new SFNClient({}).send(new StartExecutionCommand({ stateMachineArn: process.env.SM }));\n"],
  ]);
  const { value: analysis, ms } = timed(() => analyseFiles(files));
  assert.ok(ms < 10_000, `${ms} ms`);
  assert.equal(analysis.stateMachines.length, 2);
  const { calls, failures } = exerciseAll(analysis, files, new Random(3), 20);
  assert.ok(calls > 50);
  assert.equal(failures.length, 0, describeFailures(failures));
});

test('1,000 handler modules importing each other in cycles are read once each and analysed in bounded time', () => {
  const files = new Map<string, string>();
  const count = 1000;
  for (let i = 0; i < count; i++) {
    files.set(`${WS}/src/m${i}.js`, `const n = require('./m${(i + 1) % count}');\nconst o = require('./m${(i * 7) % count}');\nexport * from './m${(i + 3) % count}';\nexports.x${i} = () => process.env.V${i};\nexports.handler = async () => n.x${(i + 1) % count}();\n`);
  }
  const functions = Array.from({ length: 100 }, (_, i) => functionYaml(`F${i}`, 'src', `m${i * 10}.handler`)).join('');
  files.set(`${WS}/template.yaml`, `${SAM_HEADER}Resources:\n${functions}`);
  const { value: analysis, ms } = timed(() => analyseFiles(files));
  assert.ok(ms < 30_000, `${ms} ms`);
  assert.equal(analysis.code.size, count, 'every module reached through the import cycles was read');
  assert.deepEqual(analysis.neededFiles(), []);
  const { ms: diagnoseMs } = timed(() => diagnose(analysis));
  assert.ok(diagnoseMs < 30_000, `diagnostics took ${diagnoseMs} ms`);
  const sample = new Map([...files].filter(([path]) => path.endsWith('/m0.js') || path.endsWith('template.yaml')));
  const { failures } = exerciseAll(analysis, sample, new Random(4), 10);
  assert.equal(failures.length, 0, describeFailures(failures));
});
