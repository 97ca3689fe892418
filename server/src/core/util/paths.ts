// Path arithmetic on `/`-separated absolute paths, without touching the file system.

/** The folder part of a path (`/a/b/c.yaml` → `/a/b`). */
export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The last segment of a path. */
export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins and normalises path segments; a segment starting with `/` restarts from the root. */
export function joinPath(...parts: string[]): string {
  let joined = '';
  for (const part of parts) {
    if (!part) continue;
    joined = part.startsWith('/') ? part : joined ? `${joined}/${part}` : part;
  }
  return normalizePath(joined);
}

/** Resolves `.` and `..` segments and collapses repeated slashes. */
export function normalizePath(path: string): string {
  if (!/\/\.{0,2}\/|\\|\/\.{1,2}$|^\.{1,2}(\/|$)/.test(path) && !(path.length > 1 && path.endsWith('/'))) return path;
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(seg);
  }
  return (absolute ? '/' : '') + out.join('/');
}

/** The path of `to` relative to the folder `from`, with `/`. */
export function relativePath(from: string, to: string): string {
  const a = normalizePath(from).split('/').filter(Boolean);
  const b = normalizePath(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  return [...up, ...b.slice(i)].join('/') || '.';
}

/** Whether `path` is `folder` or inside it. */
export function isInside(folder: string, path: string): boolean {
  const f = normalizePath(folder);
  const p = normalizePath(path);
  return p === f || p.startsWith(f.endsWith('/') ? f : `${f}/`);
}
