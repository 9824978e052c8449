import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWebAppInto, ROOT } from './harness.ts';

/** Test fixture modules whose web layers the shared build includes (layers of inactive modules stay hidden). */
export const E2E_LAYER_FIXTURES = ['fixture_base', 'fixture_hello'].map((d) => join(ROOT, 'tests/fixtures/modules', d));

/** The browser tests share one build of the web app (a vite build takes a minute on a busy 2-core machine). */
export default async function setup(project: TestProject) {
  const web = await buildWebAppInto(E2E_LAYER_FIXTURES);
  project.provide('e2eWeb', { dir: web.dir, moduleDirs: E2E_LAYER_FIXTURES });
  return () => web.cleanup();
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eWeb: { dir: string; moduleDirs: string[] };
  }
}
