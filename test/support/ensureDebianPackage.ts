// Installs a Debian package when its command is missing (tests need real tools; CI machines start without them).
import { spawnSync } from 'node:child_process';

/** Makes sure `command` exists, installing `pkg` with apt-get when it does not (as root); returns an error text or undefined. */
export function ensureDebianPackage(command: string, pkg: string): string | undefined {
  const found = () => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  if (found()) return undefined;
  if (process.getuid?.() !== 0) return `${command} is missing and this user cannot install ${pkg}`;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, encoding: 'utf8' });
  if (install.status !== 0) {
    spawnSync('apt-get', ['update'], { env });
    install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { env, encoding: 'utf8' });
  }
  return found() ? undefined : `could not install ${pkg}: ${install.stderr?.slice(-500)}`;
}
