// The dependency-graph webview's entry point: finds the page's parts, connects to the extension and starts the app.
import { GraphApp } from './app';
import { connectHost } from './vscodeApi';

function part(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found;
}

const host = connectHost();
const app = new GraphApp(host, { toolbar: part('toolbar'), graph: part('graph'), side: part('side'), status: part('status') });
host.listen((message) => app.receive(message));
// VS Code switches the body's theme class (vscode-light, vscode-dark, vscode-high-contrast) when the theme changes.
new MutationObserver(() => app.restyle()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
host.post({ type: 'ready' });
