// The graph webview's HTML (CSP with a nonce, no remote content, escaping) and the check of messages from the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, escapeHtml, graphHtml } from '../../../client/src/graph/graphHtml';
import { parseWebviewMessage, pngBytes } from '../../../client/src/graph/messages';
import { escapeXml } from '../../../client/webview/svgExport';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';

function page(nonce = createNonce()): { html: string; nonce: string } {
  return {
    nonce,
    html: graphHtml({
      cspSource,
      nonce,
      scriptUri: `${cspSource}/ext/dist/webview.js`,
      styleUri: `${cspSource}/ext/dist/webview.css`,
    }),
  };
}

test('the page declares a strict CSP whose script and style sources are the nonce', () => {
  const { html, nonce } = page();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'no CSP meta tag');
  const policy = meta[1].replace(/&#39;/g, "'");
  assert.equal(policy, contentSecurityPolicy(cspSource, nonce));
  const directives = new Map(policy.split(';').map((part) => {
    const [name, ...values] = part.trim().split(/\s+/);
    return [name, values] as const;
  }));
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
  assert.deepEqual(directives.get('style-src'), [cspSource, `'nonce-${nonce}'`]);
  assert.deepEqual(directives.get('img-src'), [cspSource, 'data:']);
  assert.ok(!policy.includes('unsafe-inline') && !policy.includes('unsafe-eval'));
});

test('every script and style tag carries the nonce, and there is no inline script', () => {
  const { html, nonce } = page();
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  for (const [, attributes, body] of scripts) {
    assert.ok(attributes.includes(`nonce="${nonce}"`));
    assert.ok(attributes.includes('src="'));
    assert.equal(body.trim(), '');
  }
  for (const [tag] of html.matchAll(/<(style|link)\b[^>]*>/g)) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
});

test('the page loads nothing remote: its only URLs are the webview resource URIs', () => {
  const { html } = page();
  const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
  assert.deepEqual(urls, [`${cspSource}/ext/dist/webview.css`, `${cspSource}/ext/dist/webview.js`]);
  const withoutResources = html.split(cspSource).join('');
  assert.doesNotMatch(withoutResources, /https?:\/\//);
});

test('each page gets a fresh nonce, and values put into the page are escaped', () => {
  assert.notEqual(createNonce(), createNonce());
  assert.match(createNonce(), /^[A-Za-z0-9+/]{22}==$/);
  assert.equal(escapeHtml(`<img src=x onerror="alert('1')">&`), '&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;');
  const html = graphHtml({ cspSource, nonce: 'n"><script>', scriptUri: 'x"><script>alert(1)</script>', styleUri: 's' });
  assert.equal(html.match(/<script/g)?.length, 1);
  assert.equal(escapeXml('<text a="1">&\''), '&#60;text a=&#34;1&#34;&#62;&#38;&#39;');
});

test('only well-formed known messages from the page are accepted', () => {
  assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
  assert.deepEqual(parseWebviewMessage({ type: 'openNode', id: '/w/t.yaml#Fn' }), { type: 'openNode', id: '/w/t.yaml#Fn' });
  assert.deepEqual(parseWebviewMessage({ type: 'depth', upstream: 1, downstream: 5 }), { type: 'depth', upstream: 1, downstream: 5 });
  assert.deepEqual(parseWebviewMessage({ type: 'openEdge', index: 3 }), { type: 'openEdge', index: 3 });
  assert.deepEqual(parseWebviewMessage({ type: 'rendered', nodes: 2, edges: 1, aggregated: false, layoutMs: 5, paintMs: 9 }), { type: 'rendered', nodes: 2, edges: 1, aggregated: false, layoutMs: 5, paintMs: 9 });
  for (const bad of [
    null, 'ready', 42, {}, { type: 'eval', code: '1' }, { type: 'openNode' }, { type: 'openNode', id: 7 }, { type: 'openNode', id: '' },
    { type: 'openNode', id: 'x'.repeat(5000) }, { type: 'openEdge', index: -1 }, { type: 'openEdge', index: 1.5 },
    { type: 'depth', upstream: 0, downstream: 2 }, { type: 'depth', upstream: 2, downstream: 6 }, { type: 'depth', upstream: '2', downstream: 2 },
    { type: 'export', format: 'svg', content: '<script>alert(1)</script>' }, { type: 'export', format: 'pdf' },
    { type: 'export', format: 'png', dataUrl: 'data:text/html;base64,PHA+' }, { type: 'export', format: 'png', dataUrl: 'data:image/png;base64,<b>' },
    { type: 'rendered', nodes: 1, edges: 1, aggregated: 'no', layoutMs: 3, paintMs: 4 }, { type: 'rendered', nodes: 1, edges: 1, aggregated: true, layoutMs: 3 },
  ]) {
    assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
  }
  const png = parseWebviewMessage({ type: 'export', format: 'png', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' });
  assert.ok(png && png.type === 'export' && png.format === 'png');
  assert.deepEqual([...pngBytes(png.dataUrl)].slice(0, 4), [0x89, 0x50, 0x4e, 0x47]);
});
