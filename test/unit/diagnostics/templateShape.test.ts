// Rule template-shape: wrong shapes are reported where they are written; a well-formed template gets nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../server/src/core/index';
import { loadFixture, showSpan } from '../../support/fixture';

function shapes(text: string): string[] {
  const fixture = loadFixture(text);
  return diagnose(fixture.analysis).filter((d) => d.code === 'template-shape').map((d) => `${showSpan(fixture, d.span)} ${d.message}`);
}

test('wrong shapes are reported at the entry', () => {
  assert.deepEqual(
    shapes(`
    #- /template.yaml
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: AWS::Serverless-2016-10-31
    Outputs: [a, b]
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Runtime: nodejs20.x
          Handler: [1, 2]
          Events: [x]
      NoType:
        Properties: {}
    `),
    [
      "/template.yaml:3:1 'Outputs' Outputs should be a map of named entries, not a list.",
      "/template.yaml:9:16 '[1, 2]' Handler of Fn should be a string like src/app.handler.",
      "/template.yaml:10:15 '[x]' Events of Fn should be a map of named events.",
      "/template.yaml:11:3 'NoType' Resource NoType has no Type (a string like AWS::SQS::Queue).",
    ],
  );
});

test('a well-formed template has no shape problem', () => {
  assert.deepEqual(
    shapes(`
    #- /template.yaml
    AWSTemplateFormatVersion: '2010-09-09'
    Resources:
      Queue:
        Type: AWS::SQS::Queue
        Properties: !If [Cond, {}, {}]
    `),
    [],
  );
});
