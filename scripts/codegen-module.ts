// `npm run codegen:module -- <module folder>…`: the generated code (src/generated/) of module packages
// developed in their own folders beside this checkout, written into those folders, exactly as
// `npm run codegen` writes it for the official modules (the same targets, from codegen.ts).
import { generate } from '@graphql-codegen/cli';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { moduleTargets } from '../codegen.ts';

const dirs = process.argv.slice(2).map((dir) => resolve(dir));
if (!dirs.length) {
  process.stderr.write('usage: npm run codegen:module -- <module folder>…\n');
  process.exit(2);
}
for (const dir of dirs) {
  if (!existsSync(join(dir, 'src/schema.graphql'))) {
    process.stderr.write(`${dir} has no src/schema.graphql: not a module package with an API\n`);
    process.exit(2);
  }
  await generate({ generates: moduleTargets(dir) }, true);
  process.stdout.write(`Wrote ${join(dir, 'src/generated')}\n`);
}
