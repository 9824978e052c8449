// `npm start` runs this first: it refreshes the list of module web layers from the modules on disk
// and builds the web app when web/dist is missing (fresh clone) or older than any of its sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const web = join(root, 'web');

const sync = spawnSync(process.execPath, ['--import', 'tsx', 'core/src/cli/run.ts', 'modules', 'sync-frontend'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (sync.status !== 0) process.exit(sync.status ?? 1);

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}
const layerDirs = ['subgraphs', 'examples'].flatMap((group) =>
  existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(root, group, name, 'web')) : [],
);
const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, 'package.json'),
  ...layerDirs,
];
const built = join(web, 'dist', 'index.html');
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
if (builtAt && sources.every((s) => newest(s) <= builtAt)) process.exit(0);

process.stdout.write(
  builtAt ? 'The web app is older than its sources: rebuilding…\n' : 'Building the web app (first start)…\n',
);
const { build } = await import('vite');
await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
