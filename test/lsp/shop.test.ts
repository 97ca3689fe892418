// The real language server over stdio on examples/shop: navigation, hover, symbols, custom requests and live diagnostics.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefinitionRequest, DocumentSymbolRequest, HoverRequest, ReferencesRequest, WorkspaceSymbolRequest, type Location, type DocumentSymbol, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { EndpointsRequest, FunctionsRequest, GraphMermaidRequest, GraphRequest, graphLocation, type GraphParams } from '../../server/src/protocol/index';
import { REPO, startServer, uri, type TestClient } from '../support/lspClient';

const SHOP = join(REPO, 'examples', 'shop');
let client: TestClient;

/** The position of the `nth` occurrence of `needle` in a file, plus `delta` characters. */
function positionOf(file: string, needle: string, delta = 1, nth = 0): { line: number; character: number } {
  const text = readFileSync(join(SHOP, file), 'utf8');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found in ${file}`);
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function textAt(location: Location): string {
  const lines = readFileSync(new URL(location.uri), 'utf8').split('\n');
  return lines[location.range.start.line].slice(location.range.start.character, location.range.end.character);
}

before(async () => {
  client = await startServer(SHOP);
  await client.whenReady();
});

after(async () => {
  await client?.stop();
});

test('Handler value goes to the handler export', async () => {
  const result = (await client.connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: uri(join(SHOP, 'basket/template.yaml')) },
    position: positionOf('basket/template.yaml', 'src/handlers/get.handler', 5),
  })) as Location[];
  assert.equal(result.length, 1);
  assert.ok(result[0].uri.endsWith('/basket/src/handlers/get.ts'), result[0].uri);
  assert.equal(textAt(result[0]), 'handler');
});

test('process.env read goes to the template variable', async () => {
  const file = 'basket/src/handlers/get.ts';
  const text = readFileSync(join(SHOP, file), 'utf8');
  const name = /process\.env\.(\w+)/.exec(text)?.[1] ?? /\{([^}]*)\}\s*=\s*process\.env/.exec(text)![1].split(',')[0].trim();
  const result = (await client.connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: uri(join(SHOP, file)) },
    position: positionOf(file, name, 1),
  })) as Location[];
  assert.ok(result.length >= 1, `no definition for ${name}`);
  assert.ok(result[0].uri.endsWith('/basket/template.yaml'));
  assert.equal(textAt(result[0]), name);
});

test('hover on a resource shows its type and where it is used', async () => {
  const hover = (await client.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri: uri(join(SHOP, 'basket/template.yaml')) },
    position: positionOf('basket/template.yaml', '  BasketTable:', 4),
  })) as Hover;
  const value = (hover.contents as MarkupContent).value;
  assert.match(value, /BasketTable\*\* · `AWS::DynamoDB::Table`/);
  assert.match(value, /Referenced \d+ times/);
});

test('references of a table include intrinsics and code reads of env vars pointing at it', async () => {
  const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
    textDocument: { uri: uri(join(SHOP, 'basket/template.yaml')) },
    position: positionOf('basket/template.yaml', '  BasketTable:', 4),
    context: { includeDeclaration: false },
  })) as Location[];
  assert.ok(refs.some((r) => r.uri.endsWith('basket/template.yaml') && textAt(r) === 'BasketTable'));
  assert.ok(refs.some((r) => r.uri.endsWith('.ts') && textAt(r) === 'BASKET_TABLE'), JSON.stringify(refs.map((r) => r.uri)));
});

test('workspace symbols find the endpoint GET /basket/{id}', async () => {
  const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'GET /basket/{id}' })) as { name: string; location: Location }[];
  const route = symbols.find((s) => s.name === 'GET /basket/{id}');
  assert.ok(route, JSON.stringify(symbols.map((s) => s.name)));
  assert.ok(route.location.uri.endsWith('/basket/src/handlers/get.ts'));
});

test('document symbols group resources by type with endpoints under functions', async () => {
  const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri(join(SHOP, 'basket/template.yaml')) } })) as DocumentSymbol[];
  assert.deepEqual(symbols.map((s) => s.name), ['Parameters', 'Conditions', 'Resources', 'Outputs']);
  const resources = symbols[2].children!;
  const functions = resources.find((g) => g.name === 'AWS::Serverless::Function')!;
  const get = functions.children!.find((f) => f.name === 'GetBasketFunction')!;
  assert.deepEqual(get.children!.map((c) => c.name), ['GET /basket/{id}']);
});

test('the endpoints and functions requests list the whole example', async () => {
  const endpoints = await client.connection.sendRequest(EndpointsRequest.type, {});
  const functions = await client.connection.sendRequest(FunctionsRequest.type, {});
  const flows = readFileSync(join(SHOP, 'FLOWS.md'), 'utf8');
  const expected = /```endpoints\n([\s\S]*?)```/.exec(flows)![1].trim().split('\n').sort();
  const actual = endpoints.map((e) => `${e.method} ${e.path} -> ${e.template.slice(uri(SHOP).length + 1)}#${e.functionLogicalId}`).sort();
  assert.deepEqual(actual, expected);
  assert.equal(functions.length, 24);
});

test('graph locations name each file once and point at the handler export and the evidence', async () => {
  const graph = await client.connection.sendRequest(GraphRequest.type, {});
  assert.equal(new Set(graph.files).size, graph.files.length, 'each file once');
  const fn = graph.nodes.find((n) => n.id.endsWith('basket/template.yaml#GetBasketFunction'))!;
  const location = graphLocation(graph.files, fn.location)!;
  assert.ok(location.uri.endsWith('/basket/src/handlers/get.ts'), location.uri);
  assert.equal(textAt(location), 'handler');
  const evidence = graph.edges.filter((e) => e.evidence).map((e) => graphLocation(graph.files, e.evidence)!);
  assert.equal(evidence.length, graph.edges.filter((e) => e.kind === 'call').length + graph.edges.filter((e) => e.kind !== 'call' && e.evidence).length);
  for (const place of evidence) {
    const line = readFileSync(new URL(place.uri), 'utf8').split('\n')[place.range.start.line];
    assert.ok(line !== undefined && place.range.start.character < line.length, `${place.uri}:${place.range.start.line}`);
  }
  assert.equal(graphLocation(graph.files, [graph.files.length, 0, 0, 0, 1]), undefined, 'no file at that index');
});

test('the Mermaid export is asked for apart from the graph, and draws the same view', async () => {
  const whole = await client.connection.sendRequest(GraphRequest.type, {});
  assert.ok(!('mermaid' in whole), 'the graph answer does not carry the export');
  const focus = whole.nodes.find((n) => n.id.endsWith('basket/template.yaml#GetBasketFunction'))!.id;
  for (const params of [{}, { focus, depth: 1 }] as GraphParams[]) {
    const graph = params.focus ? await client.connection.sendRequest(GraphRequest.type, params) : whole;
    const mermaid = await client.connection.sendRequest(GraphMermaidRequest.type, params);
    const compute = graph.nodes.filter((n) => n.kind === 'function' || n.kind === 'stateMachine');
    const calls = graph.edges.filter((e) => e.kind === 'call');
    assert.ok(mermaid.startsWith('flowchart LR\n'));
    assert.equal((mermaid.match(/^ {4}n\d+[[{]/gm) ?? []).length, compute.length, 'one box per function or state machine');
    assert.equal((mermaid.match(/-\.?->\|/g) ?? []).length, calls.length, 'one arrow per call');
    for (const node of compute) assert.ok(mermaid.includes(`"${node.label}"`), `${node.label} is drawn`);
  }
  assert.ok(whole.edges.filter((e) => e.kind === 'call').length > (await client.connection.sendRequest(GraphRequest.type, { focus, depth: 1 })).edges.filter((e) => e.kind === 'call').length, 'the focused view is smaller');
});

test('missing handler is reported, and a syntax error appears and clears while typing', async () => {
  const pricing = uri(join(SHOP, 'pricing/template.yaml'));
  const missing = await client.waitFor(() => client.diagnostics.get(pricing)?.diagnostics.find((d) => d.code === 'missing-handler'), 10_000, 'missing-handler');
  assert.match(missing.message, /RepriceFunction/);
  const file = join(SHOP, 'promos/template.yaml');
  const original = readFileSync(file, 'utf8');
  await client.open(file, original);
  await client.change(file, original.replace('Resources:', 'Resources:\n  Broken: [unclosed'), 2);
  await client.waitFor(() => client.diagnostics.get(uri(file))?.diagnostics.some((d) => d.code === 'yaml-syntax'), 10_000, 'yaml-syntax');
  await client.change(file, original, 3);
  await client.waitFor(() => !client.diagnostics.get(uri(file))?.diagnostics.some((d) => d.code === 'yaml-syntax') || undefined, 10_000, 'cleared');
});
