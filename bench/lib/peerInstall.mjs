// Peers that cannot live in the pnpm workspace (another major of a package
// the bench already has, a Node engine the workspace does not declare) sit in
// their own directory, bench/peers/<name>/, with a package.json and an npm
// lockfile, and are installed there on first use: `pnpm install` and
// `pnpm start` never fetch them. Their node_modules is gitignored.
//
// Install scripts are not run (`--ignore-scripts`: pnpm 10 would refuse them
// too, and better-sqlite3's prebuilt binaries come from GitHub, which a
// machine with only a registry mirror cannot reach). A native module the
// peer needs is linked instead to the workspace's built copy when the peer's
// lockfile names the same version: the peer then runs on exactly the SQLite
// build Kenes runs on.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const peersDir = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'peers');

/** The root of a package as the Kenes server resolves it (its built native modules). */
function workspacePackageDir(name) {
  const fromServer = createRequire(createRequire(import.meta.url).resolve('@kenes/server'));
  return realpathSync(path.dirname(fromServer.resolve(`${name}/package.json`)));
}

const versionOf = (dir) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;

/**
 * Makes bench/peers/<name>/node_modules match its lockfile (npm ci, once),
 * then points each of `nativeFromWorkspace` at the workspace's built copy.
 * @param {string} name  directory under bench/peers
 * @param {{ nativeFromWorkspace?: string[] }} [options]
 * @returns {string} the peer's directory
 */
export function ensurePeerInstalled(name, { nativeFromWorkspace = [] } = {}) {
  const dir = path.join(peersDir, name);
  const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  const installed = path.join(dir, 'node_modules', '.package-lock.json');
  // npm writes node_modules/.package-lock.json on install; unchanged lockfile, nothing to do.
  const current =
    existsSync(installed) &&
    Object.entries(lock.packages).every(
      ([key, p]) =>
        key === '' ||
        JSON.parse(readFileSync(installed, 'utf8')).packages[key]?.version === p.version,
    );
  if (!current) {
    console.error(`bench: installing the ${name} peer (first use: npm ci in bench/peers/${name})…`);
    execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  for (const native of nativeFromWorkspace) {
    const target = path.join(dir, 'node_modules', native);
    if (existsSync(target) && lstatSync(target).isSymbolicLink()) continue;
    const wanted = lock.packages[`node_modules/${native}`]?.version;
    const source = workspacePackageDir(native);
    if (versionOf(source) !== wanted) {
      throw new Error(
        `${name} peer: its lockfile wants ${native} ${wanted}, the workspace has ${versionOf(source)}; align bench/peers/${name}/package.json`,
      );
    }
    rmSync(target, { recursive: true, force: true });
    symlinkSync(source, target, 'dir');
  }
  return dir;
}
