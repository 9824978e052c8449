#!/usr/bin/env node
// The DentalPin command line. It runs the core's built JavaScript (core/dist, written by
// `npm run build -w @dentalpin/core`) when that build exists and is not older than the sources; otherwise
// (a development checkout) it transpiles the TypeScript sources with tsx. Modules still written in
// TypeScript are transpiled when they are loaded, whichever the core runs.
import { register } from 'node:module';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const coreDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(coreDir, 'dist', '.build-stamp');

/** Newest modification time under the given folders (0 when none exist). */
function newest(dirs) {
  let latest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else latest = Math.max(latest, statSync(path).mtimeMs);
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return latest;
}

function gatewayDir() {
  for (const dir of [join(coreDir, '..', 'gateway'), join(coreDir, 'node_modules', '@dentalpin', 'gateway')])
    if (existsSync(join(dir, 'package.json'))) return dir;
  // Installed beside the core (a published install): node_modules/@dentalpin/gateway.
  return join(coreDir, '..', 'gateway');
}

const gateway = gatewayDir();
const built =
  process.env.DENTALPIN_SOURCE !== '1' &&
  existsSync(stamp) &&
  existsSync(join(gateway, 'dist', 'index.js')) &&
  statSync(stamp).mtimeMs >= newest([join(coreDir, 'src'), join(coreDir, 'migrations'), join(gateway, 'src')]);

const file = (path) => pathToFileURL(path).href;
const core = built ? join(coreDir, 'dist', 'src') : join(coreDir, 'src');
const ext = built ? 'js' : 'ts';
// One copy of the core per process: every `@dentalpin/core` import (a module installed from a folder,
// a symlink or a tarball, with or without its own copy for its tests) resolves to the one running here.
register(file(join(coreDir, 'bin', 'resolve-host.mjs')), {
  data: {
    '@dentalpin/core': file(join(core, `index.${ext}`)),
    '@dentalpin/core/testing': file(join(core, 'testing', `index.${ext}`)),
    '@dentalpin/core/testing/vitest': file(join(core, 'testing', 'vitest.js')),
    '@dentalpin/gateway': file(built ? join(gateway, 'dist', 'index.js') : join(gateway, 'src', 'index.ts')),
  },
});
if (!built) (await import('tsx/esm/api')).register();
// Traces (OTEL_EXPORTER_OTLP_ENDPOINT) start before the program is imported, so that pg and http get instrumented.
if (process.argv[2] === 'serve')
  await (await import(file(join(core, 'observability', `tracing.${ext}`)))).startTracing();
await import(file(join(core, 'cli', `run.${ext}`)));
