// `npm pack` / `npm publish` of @dentalpin/core and @dentalpin/gateway ship built JavaScript: prepack
// points the package's `exports` at dist/ (JavaScript + declarations); postpack puts the development
// entries (the TypeScript sources, which this repository's tools and tests run) back.
// Usage: node publish-manifest.mjs <package dir> use-dist|restore
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, action] = process.argv.slice(2);
const file = join(dir, 'package.json');
const saved = join(dir, '.package.dev.json');

/** `./src/a/b.ts` → the built file, wherever the package's build put it (dist/src/a/b.js or dist/a/b.js). */
function built(target) {
  const base = target.replace(/^\.\//, '').replace(/\.(ts|js)$/, '');
  for (const candidate of [`dist/${base}`, `dist/${base.replace(/^src\//, '')}`])
    if (existsSync(join(dir, `${candidate}.js`))) {
      const types = existsSync(join(dir, `${candidate}.d.ts`)) ? { types: `./${candidate}.d.ts` } : {};
      return { ...types, default: `./${candidate}.js` };
    }
  throw new Error(`${target} has no build in ${dir}/dist: run \`npm run build -w @dentalpin/core\` first`);
}

if (action === 'use-dist') {
  if (!existsSync(saved)) copyFileSync(file, saved);
  const pkg = JSON.parse(readFileSync(saved, 'utf8'));
  pkg.exports = Object.fromEntries(Object.entries(pkg.exports).map(([key, target]) => [key, built(target)]));
  writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
} else if (action === 'restore') {
  if (existsSync(saved)) {
    copyFileSync(saved, file);
    rmSync(saved);
  }
} else {
  process.stderr.write('usage: publish-manifest.mjs <package dir> use-dist|restore\n');
  process.exit(2);
}
