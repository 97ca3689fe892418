// Extension-host tests: hovering a resource's logical ID shows its type.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mainScenario, middleOf, poll, waitUntilReady } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

describe('hover', function () {
  this.timeout(240_000);
  before(async () => {
    await waitUntilReady();
  });

  it('shows the type of a resource on its logical ID', async () => {
    const { document, resource, resources } = await mainScenario();
    const other = resources.find((candidate) => candidate.type && candidate.type !== resource.type);
    for (const subject of other ? [resource, other] : [resource]) {
      const position = middleOf(document, subject.logicalId);
      const text = await poll(`a hover on ${subject.logicalId.text}`, async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
        const joined = hoverText(hovers ?? []);
        return joined.trim() ? joined : undefined;
      });
      assert.ok(text.includes(subject.type), `hover on ${subject.logicalId.text} should mention ${subject.type}:\n${text}`);
    }
  });
});
