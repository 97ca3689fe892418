// Latency of hover and definition on examples/shop through the real server (issue: both under 50 ms).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefinitionRequest, HoverRequest } from 'vscode-languageserver-protocol';
import { REPO, startServer, uri } from '../test/support/lspClient';

/** Hovers and definitions at every `Handler:`, `!Ref`, `!GetAtt` and logical ID of the example's templates. */
export async function shopLatency(): Promise<{ hover: { p50: number; p95: number }; definition: { p50: number; p95: number }; samples: number }> {
  const shop = join(REPO, 'examples', 'shop');
  const client = await startServer(shop);
  await client.whenReady();
  const hover: number[] = [];
  const definition: number[] = [];
  for (const service of ['basket', 'orders', 'checkout', 'stock', 'pricing', 'email', 'audit', 'auth', 'promos']) {
    const file = join(shop, service, 'template.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let line = 0; line < lines.length; line++) {
      const match = /(Handler: |!Ref |!GetAtt |^  )(\w)/.exec(lines[line]);
      if (!match) continue;
      const position = { line, character: match.index + match[1].length + 1 };
      let t = performance.now();
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position });
      hover.push(performance.now() - t);
      t = performance.now();
      await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri(file) }, position });
      definition.push(performance.now() - t);
    }
  }
  await client.stop();
  const stats = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
    return { p50: at(0.5), p95: at(0.95) };
  };
  return { hover: stats(hover), definition: stats(definition), samples: hover.length };
}

if (require.main === module) void shopLatency().then((r) => console.log(JSON.stringify(r)));
