// Tests the synchronous IAM data view: lookups, case rules, bad input and replaceable sources.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionExists,
  actionInfo,
  actionsForService,
  iamDataAvailable,
  iamServiceKeys,
  packageIamDataSource,
  serviceExists,
  setIamDataSource,
} from '../../../server/src/core/iam/iamData';

test('the installed package is readable', () => {
  assert.equal(iamDataAvailable(), true);
  assert.ok(iamServiceKeys().includes('s3'));
  assert.ok(serviceExists('DynamoDB'));
  assert.ok(!serviceExists('nosuchservice'));
  assert.ok(actionsForService('sqs').includes('SendMessage'));
  assert.deepEqual(actionsForService('nosuchservice'), []);
});

test('actions are looked up without regard to case', () => {
  assert.equal(actionExists('s3:GetObject'), true);
  assert.equal(actionExists('S3:getobject'), true);
  assert.equal(actionExists('s3:NoSuchAction'), false);
  assert.equal(actionExists('nosuchservice:GetObject'), false);
  const info = actionInfo('sqs:sendmessage')!;
  assert.equal(info.service, 'sqs');
  assert.equal(info.name, 'SendMessage');
  assert.equal(info.accessLevel, 'Write');
  assert.ok(info.description.length > 0);
});

test('bad input gives false, never a throw', () => {
  for (const action of ['', 's3', 's3:', ':GetObject', 's3:constructor', 's3:__proto__', '../x:y', 's3:*']) {
    assert.equal(actionExists(action), false, JSON.stringify(action));
  }
});

test('the source can be replaced, and a failing source means no data', () => {
  try {
    setIamDataSource({
      serviceKeys: () => ['demo'],
      serviceActions: (key) => (key === 'demo' ? { ping: { name: 'Ping', accessLevel: 'Read', description: 'd' } } : undefined),
    });
    assert.equal(actionExists('demo:ping'), true);
    assert.equal(actionExists('s3:GetObject'), false);
    assert.deepEqual(iamServiceKeys(), ['demo']);

    setIamDataSource({
      serviceKeys: () => {
        throw new Error('broken');
      },
      serviceActions: () => {
        throw new Error('broken');
      },
    });
    assert.equal(iamDataAvailable(), false);
    assert.equal(actionExists('s3:GetObject'), false);
  } finally {
    setIamDataSource(packageIamDataSource());
  }
  assert.equal(actionExists('s3:GetObject'), true);
});
