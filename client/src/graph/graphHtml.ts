// Builds the dependency-graph webview's HTML: a fixed skeleton under a strict Content-Security-Policy with a nonce.
/** What the page needs from the extension: where its script and stylesheet are, and the webview's CSP source. */
export interface GraphHtmlOptions {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  cspSource: string;
  /** A fresh random value for this page (see `createNonce`). */
  nonce: string;
  /** `asWebviewUri` of `dist/webview.js`. */
  scriptUri: string;
  /** `asWebviewUri` of `dist/webview.css`. */
  styleUri: string;
}

/** Cytoscape looks for this stylesheet id and adds its own inline stylesheet when it is absent (the CSP would refuse it). */
const cytoscapeStylesheetId = '__________cytoscape_stylesheet';

/** A random nonce (128 bits, base64) for the page's script and style tags. */
export function createNonce(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/** Escapes text for use in HTML content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The Content-Security-Policy of the page: nothing but the nonce'd script and styles, and local or data: images. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

/** The page's HTML; every value interpolated into it is escaped, and no graph data is ever part of it. */
export function graphHtml(options: GraphHtmlOptions): string {
  const nonce = escapeHtml(options.nonce);
  const csp = escapeHtml(contentSecurityPolicy(options.cspSource, options.nonce));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>SAM Atlas: Dependency Graph</title>
<style nonce="${nonce}" id="${cytoscapeStylesheetId}">.__________cytoscape_container { position: relative; }</style>
<link rel="stylesheet" nonce="${nonce}" href="${escapeHtml(options.styleUri)}">
</head>
<body>
<header id="toolbar" class="toolbar" aria-label="Graph controls"></header>
<main class="content">
<div id="graph" class="graph" aria-label="Dependency graph"></div>
<aside id="side" class="side"></aside>
</main>
<footer id="status" class="status" role="status" aria-live="polite"></footer>
<script nonce="${nonce}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}
