/**
 * Module code in TypeScript (an in-repository module's `src/index.ts`, its migrations) needs a loader
 * when the core itself runs as built JavaScript. The core's sources run under a TypeScript loader
 * already (tsx, or vitest), so this does nothing there; under the built core it registers tsx once,
 * the first time a `.ts` file is about to be imported. A module built to JavaScript never needs it.
 */
let registered: Promise<void> | null = null;

function needsTypeScriptLoader(file: string): boolean {
  return /\.[cm]?tsx?$/.test(file) && !import.meta.url.endsWith('.ts') && !process.env.VITEST;
}

export async function prepareImport(file: string): Promise<void> {
  if (!needsTypeScriptLoader(file)) return;
  registered ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  await registered;
}
