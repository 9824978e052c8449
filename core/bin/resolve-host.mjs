// Module resolution hook registered by bin/dentalpin.js: the core's own packages resolve to the copy
// this process runs, whoever imports them. `@dentalpin/core` is a module's peer dependency, so a module
// installed from a folder (a symlink outside this installation), a tarball, a git URL or the registry
// uses the host's core and never a second copy.
let targets = {};

export function initialize(data) {
  targets = data ?? {};
}

export async function resolve(specifier, context, nextResolve) {
  const target = targets[specifier];
  if (target) return { url: target, shortCircuit: true };
  return nextResolve(specifier, context);
}
