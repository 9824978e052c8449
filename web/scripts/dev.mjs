// `npm run dev`: the all-in-one server plus Vite with hot reload; Vite proxies /graphql (HTTP and
// WebSocket) to the server. Open the URL Vite prints. Extra arguments go to `dentalpin serve`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const port = process.env.PORT ?? '4000';
const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'core/src/cli/run.ts', 'serve', '--port', port, ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PORT: port },
  },
);
const vite = await createServer({ configFile: join(root, 'web', 'vite.config.ts') });
await vite.listen();
vite.printUrls();

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await vite.close();
  if (server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  process.exit(code);
}
server.on('exit', (code) => void stop(code ?? 1));
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
