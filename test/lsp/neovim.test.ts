// An independent LSP client: headless Neovim starts the server over stdio and asks for a definition and diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, SERVER } from '../support/lspClient';
import { ensureDebianPackage } from '../support/ensureDebianPackage';

const SHOP = join(REPO, 'examples', 'shop');

test('Neovim gets a definition from Handler: to the handler export', () => {
  const missing = ensureDebianPackage('nvim', 'neovim');
  assert.equal(missing, undefined, missing);
  const dir = mkdtempSync(join(tmpdir(), 'sam-atlas-nvim-'));
  const out = join(dir, 'out.json');
  const template = join(SHOP, 'basket', 'template.yaml');
  const lines = readFileSync(template, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('Handler: src/handlers/get.handler'));
  const character = lines[line].indexOf('get.handler') + 5;
  const script = `
local client_id = vim.lsp.start_client({ cmd = { 'node', ${JSON.stringify(SERVER)}, '--stdio' }, root_dir = ${JSON.stringify(SHOP)}, name = 'sam-atlas' })
vim.cmd('edit ' .. ${JSON.stringify(template)})
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)
local result = nil
local deadline = vim.loop.now() + 30000
while vim.loop.now() < deadline do
  local response = client.request_sync('textDocument/definition', { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = ${line}, character = ${character} } }, 5000, bufnr)
  if response and response.result and #response.result > 0 then result = response.result break end
  vim.wait(200)
end
local diagnostics = {}
vim.wait(10000, function() return #vim.diagnostic.get(bufnr) > 0 end, 100)
for _, d in ipairs(vim.diagnostic.get(bufnr)) do table.insert(diagnostics, d.message) end
local file = io.open(${JSON.stringify(out)}, 'w')
file:write(vim.fn.json_encode({ definition = result, diagnostics = diagnostics }))
file:close()
client.stop(true)
vim.cmd('qall!')
`;
  writeFileSync(join(dir, 'script.lua'), script);
  const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${join(dir, 'script.lua')}`], { encoding: 'utf8', timeout: 90_000 });
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  assert.ok(Array.isArray(result.definition), `no definition: ${JSON.stringify(result)}`);
  const location = result.definition[0];
  assert.ok(String(location.uri ?? location.targetUri).endsWith('/basket/src/handlers/get.ts'));
  const range = location.range ?? location.targetSelectionRange;
  const handlerLines = readFileSync(join(SHOP, 'basket/src/handlers/get.ts'), 'utf8').split('\n');
  assert.equal(handlerLines[range.start.line].slice(range.start.character, range.end.character), 'handler');
});
