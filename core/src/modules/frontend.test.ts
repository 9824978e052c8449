import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiscoveredModule } from './discovery.ts';
import { findFrontendLayers, renderFrontendLayers, writeFrontendLayers } from './frontend.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function pkg(root: string, name: string, options: { web?: string; file?: string } = {}): DiscoveredModule {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, dentalpin: { module: './index.ts', ...(options.web ? { web: options.web } : {}) } }),
  );
  if (options.file) {
    mkdirSync(join(dir, options.file, '..'), { recursive: true });
    writeFileSync(join(dir, options.file), 'export default {}');
  }
  return { name, packageDir: dir } as DiscoveredModule;
}

describe('sync-frontend', () => {
  it('lists the modules that ship a web layer (default web/index.ts or package.json dentalpin.web)', () => {
    const root = mkdtempSync(join(tmpdir(), 'layers-'));
    dirs.push(root);
    const modules = [
      pkg(root, 'patients', { file: 'web/index.ts' }),
      pkg(root, 'billing'),
      pkg(root, 'inventory', { web: './dist/web.js', file: 'dist/web.js' }),
    ];
    const layers = findFrontendLayers(modules);
    expect(layers).toEqual([
      { module: 'inventory', entry: join(root, 'inventory/dist/web.js') },
      { module: 'patients', entry: join(root, 'patients/web/index.ts') },
    ]);

    const out = join(root, 'host/src/generated/module-layers.ts');
    expect(writeFrontendLayers(layers, out)).toBe(true);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain("import layer_patients from '../../../patients/web/index.ts';");
    expect(text).toContain("{ module: 'inventory', layer: layer_inventory },");
    expect(writeFrontendLayers(layers, out)).toBe(false);
    expect(renderFrontendLayers([], out)).toContain('export const moduleLayers = [\n];');
  });
});
