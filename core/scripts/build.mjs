// `npm run build -w @dentalpin/core`: compiles the gateway and the core to JavaScript with declarations
// (gateway/dist, core/dist), copies the files they read at run time (SDL, the vitest preset), and stamps
// the build so bin/dentalpin.js runs it instead of transpiling the sources.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const coreDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const gatewayDir = join(coreDir, '..', 'gateway');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function compile(project) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`tsc -p ${relative(process.cwd(), project)} failed\n`);
    process.exit(r.status ?? 1);
  }
  process.stdout.write(
    `compiled ${relative(process.cwd(), project)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

/** Files the compiled code reads beside itself: SDL, plain JavaScript and its declarations. */
function copyAssets(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) copyAssets(source, join(to, entry.name));
    else if (/\.(graphql|js|d\.ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
      mkdirSync(to, { recursive: true });
      cpSync(source, join(to, entry.name));
    }
  }
}

for (const dir of [join(gatewayDir, 'dist'), join(coreDir, 'dist')]) rmSync(dir, { recursive: true, force: true });
compile(join(gatewayDir, 'tsconfig.build.json'));
compile(join(coreDir, 'tsconfig.build.json'));
copyAssets(join(coreDir, 'src'), join(coreDir, 'dist', 'src'));
writeFileSync(join(coreDir, 'dist', '.build-stamp'), new Date().toISOString() + '\n');
