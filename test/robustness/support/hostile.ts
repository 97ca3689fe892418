// Builds hostile workspaces at test time (huge, binary, deeply nested, symlinked, numerous) so none of them is committed.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO } from '../../support/lspClient';

export const FIXTURES = join(REPO, 'test', 'fixtures', 'hostile');
export const SHOP = join(REPO, 'examples', 'shop');

/** The header every generated SAM template starts with. */
export const SAM_HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';

/** A fresh temporary folder (real path, so comparisons with the server's paths hold); removed by `cleanup`. */
export function tempFolder(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), `sam-atlas-${prefix}-`)));
}

/** Removes a temporary folder, restoring permissions first so chmod 000 cases do not linger. */
export function cleanup(folder: string): void {
  try {
    chmodTree(folder);
    rmSync(folder, { recursive: true, force: true });
  } catch {
    // Best effort: a temporary folder left behind is not a test failure.
  }
}

function chmodTree(folder: string): void {
  try {
    chmodSync(folder, 0o755);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) chmodTree(join(folder, entry.name));
      else if (entry.isFile()) chmodSync(join(folder, entry.name), 0o644);
    }
  } catch {
    // Links and vanished entries need nothing.
  }
}

/** Writes files (paths relative to `root`), creating folders. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** A function resource in YAML (two-space indented under Resources). */
export function functionYaml(logicalId: string, codeUri: string, handler: string, runtime = 'nodejs20.x', extra = ''): string {
  return `  ${logicalId}:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: ${runtime}\n      CodeUri: ${codeUri}\n      Handler: ${handler}\n${extra}`;
}

/** A valid template of about `bytes` characters: one function and as many queues as it takes. */
export function bigTemplate(bytes: number): string {
  const parts = [SAM_HEADER, 'Resources:\n', functionYaml('Function', 'src', 'app.handler')];
  let size = parts.join('').length;
  for (let i = 0; size < bytes; i++) {
    const queue = `  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Sub "\${AWS::StackName}-queue-${i}"\n`;
    parts.push(queue);
    size += queue.length;
  }
  return parts.join('');
}

/** A valid handler of about `bytes` characters. */
export function bigHandler(bytes: number): string {
  const line = 'export const value%d = { name: "padding", items: [1, 2, 3], nested: { ok: true } };\n';
  const count = Math.ceil(bytes / line.length);
  const out = ['export const handler = async () => ({ statusCode: 200 });\n'];
  for (let i = 0; i < count; i++) out.push(line.replace('%d', String(i)));
  return out.join('');
}

/** Bytes that look like a compiled binary, with NULs, under a template's name. */
export function binaryBytes(size = 64 * 1024): Buffer {
  const buffer = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buffer[i] = (i * 7919) % 256;
  buffer.write('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n', 100);
  return buffer;
}

/** YAML nested `depth` levels deep, in flow style (`[[[...]]]`) or block style (indented keys). */
export function deepYaml(depth: number, style: 'flow' | 'map' | 'block'): string {
  const prefix = `${SAM_HEADER}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Deep: `;
  if (style === 'flow') return `${prefix}${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  if (style === 'map') return `${prefix}${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
  const lines = [`${SAM_HEADER}Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Metadata:`];
  for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(6 + i)}- k${i}:`);
  return `${lines.join('\n')} 1\n`;
}

/** JavaScript nested `depth` levels deep in one of several ways a recursive parser or walker can overflow on. */
export function deepCode(depth: number, style: string): string {
  switch (style) {
    case 'parens':
      return `exports.handler = ${'('.repeat(depth)}1${')'.repeat(depth)};\n`;
    case 'arrays':
      return `exports.handler = ${'['.repeat(depth)}${']'.repeat(depth)};\n`;
    case 'objects':
      return `exports.handler = ${'{a:'.repeat(depth)}1${'}'.repeat(depth)};\n`;
    case 'blocks':
      return `exports.handler = async () => ${'{'.repeat(depth)}${'}'.repeat(depth)};\n`;
    case 'calls':
      return `exports.handler = async () => ${'f('.repeat(depth)}process.env.X${')'.repeat(depth)};\n`;
    case 'binary':
      return `exports.handler = () => 1${' + a'.repeat(depth)};\n`;
    case 'conditional':
      return `exports.handler = () => ${'a ? b : '.repeat(depth)}c;\n`;
    case 'arrows':
      return `exports.handler = ${'() => '.repeat(depth)}1;\n`;
    case 'members':
      return `exports.handler = () => a${'.b'.repeat(depth)};\n`;
    case 'ifs':
      return `exports.handler = async () => {\n${'if (x) '.repeat(depth)}return 1;\n};\n`;
    case 'templates':
      return `exports.handler = () => ${'`${'.repeat(depth)}1${'}`'.repeat(depth)};\n`;
    case 'python':
      return `def handler(event, context):\n    return ${'('.repeat(depth)}1${')'.repeat(depth)}\n`;
    default:
      throw new Error(`unknown style ${style}`);
  }
}

export const DEEP_CODE_STYLES = ['parens', 'arrays', 'objects', 'blocks', 'calls', 'binary', 'conditional', 'arrows', 'members', 'ifs', 'templates', 'python'];

/** Symbolic links that loop, dangle, or lead out of the workspace (to /etc, /proc/self, the parent, a file outside). */
export function writeSymlinks(root: string, outside: string): void {
  mkdirSync(join(root, 'links'), { recursive: true });
  const link = (target: string, name: string) => symlinkSync(target, join(root, 'links', name));
  link('loop-b', 'loop-a');
  link('loop-a', 'loop-b');
  link('self.yaml', 'self.yaml');
  link('/nonexistent/sam-atlas/template.yaml', 'dangling.yaml');
  link('/etc', 'etc');
  link('/etc/passwd', 'template.yaml');
  link('/proc/self', 'proc');
  link('..', 'parent');
  link('.', 'here');
  link(outside, 'outside');
  link(join(outside, 'template.yaml'), 'outside-template.yaml');
}

/** `count` small SAM projects, each a template and a handler. */
export function writeManyTemplates(root: string, count: number): void {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const queue = `  Queue:\n    Type: AWS::SQS::Queue\n`;
    const env = '      Environment:\n        Variables:\n          QUEUE_URL: !Ref Queue\n';
    files[`services/s${i}/template.yaml`] = `${SAM_HEADER}Resources:\n${queue}${functionYaml('Function', 'src', 'app.handler', 'nodejs20.x', env)}`;
    files[`services/s${i}/src/app.js`] = `exports.handler = async () => process.env.QUEUE_URL + ${i};\n`;
  }
  writeTree(root, files);
}

/** A copy of the committed hostile fixtures and examples/shop in one folder (each case in its own subfolder). */
export function copyFixtures(root: string): string[] {
  const names = readdirSync(FIXTURES).filter((name) => !name.includes('.'));
  for (const name of names) cpSync(join(FIXTURES, name), join(root, 'fixtures', name), { recursive: true });
  cpSync(SHOP, join(root, 'shop'), { recursive: true });
  return names;
}
