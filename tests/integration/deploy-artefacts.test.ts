import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { CONFIG_VARIABLES, findRootDir } from '../../core/src/config.ts';

/**
 * DentalPin issue 13 items 3–4, checked without a container runtime: the Kubernetes manifests validate
 * against the Kubernetes schemas (kubernetes-models), compose.yaml parses and has what it must, the
 * Dockerfile is multi-stage and non-root, and every configuration variable is documented.
 * `.ci/runtime-tree.sh` starts the image's command from an `npm ci --omit=dev` tree.
 */
const root = findRootDir();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [field: string]: unknown;
}

/** Validates a manifest against the schema of its apiVersion and kind; throws what is wrong. */
async function validateManifest(manifest: Manifest): Promise<void> {
  const models = (await import(/* @vite-ignore */ `kubernetes-models/${manifest.apiVersion}`)) as Record<
    string,
    new (data: Manifest) => { validate(): void }
  >;
  const Model = models[manifest.kind];
  if (!Model) throw new Error(`${manifest.apiVersion} has no kind ${manifest.kind}`);
  new Model(manifest).validate();
}

const manifests = readdirSync(join(root, 'deploy/k8s'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(read(`deploy/k8s/${f}`)).map((d) => ({ file: f, manifest: d.toJS() as Manifest })));
const ofKind = (kind: string) => manifests.filter((m) => m.manifest.kind === kind).map((m) => m.manifest);

interface PodSpec {
  containers: {
    command?: string[];
    env?: { name: string; value: string }[];
    envFrom?: { secretRef?: { name: string } }[];
    readinessProbe?: { httpGet: { path: string } };
    livenessProbe?: { httpGet: { path: string } };
  }[];
  securityContext?: { runAsNonRoot?: boolean };
}
type Workload = Manifest & {
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: object }; spec: PodSpec };
  };
};

describe('Kubernetes manifests', () => {
  it('validate against the Kubernetes schemas', async () => {
    expect(manifests.length).toBeGreaterThanOrEqual(5);
    for (const { file, manifest } of manifests)
      await expect(validateManifest(manifest), `${file}: ${manifest.kind}`).resolves.toBeUndefined();
  });

  it('are checked for real: a wrong type is rejected', async () => {
    const deployment = structuredClone(ofKind('Deployment')[0]) as Workload & { spec: { replicas: unknown } };
    deployment.spec.replicas = 'two';
    await expect(validateManifest(deployment)).rejects.toThrow(/replicas must be integer/);
  });

  it('run probed replicas, a disruption budget, a migration Job and the Secret they read', () => {
    const [deployment] = ofKind('Deployment') as Workload[];
    const pod = deployment.spec.template.spec;
    const [server] = pod.containers;
    expect(server.readinessProbe?.httpGet.path).toBe('/health/ready');
    expect(server.livenessProbe?.httpGet.path).toBe('/health');
    expect(server.env).toContainEqual({ name: 'HOST', value: '0.0.0.0' });
    expect(pod.securityContext?.runAsNonRoot).toBe(true);

    const [secret] = ofKind('Secret') as (Manifest & { metadata: { name: string }; stringData: object })[];
    expect(Object.keys(secret.stringData).sort()).toEqual(['DATABASE_URL', 'DENTALPIN_SECRET']);
    const [job] = ofKind('Job') as Workload[];
    expect(job.spec.template.spec.containers[0].command).toEqual(['node', 'core/bin/dentalpin.js', 'db', 'migrate']);
    for (const workload of [server, job.spec.template.spec.containers[0]])
      expect(workload.envFrom).toContainEqual({ secretRef: { name: secret.metadata.name } });

    // The budget and the Service select exactly the Deployment's pods.
    const podLabels = deployment.spec.template.metadata.labels;
    const [pdb] = ofKind('PodDisruptionBudget') as Workload[];
    expect(podLabels).toMatchObject(pdb.spec.selector.matchLabels);
    const [service] = ofKind('Service') as (Manifest & { spec: { selector: object } })[];
    expect(podLabels).toMatchObject(service.spec.selector);
  });
});

describe('compose.yaml', () => {
  // Compose resolves YAML merge keys (`<<: *dentalpin`), so the check does too.
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<
      string,
      { image?: string; command?: string[]; volumes?: string[]; environment?: Record<string, string> }
    >;
    volumes: Record<string, unknown>;
  };

  it('runs PostgreSQL 15 on a volume, the migrations, two DentalPin replicas and a balancing proxy', () => {
    const { postgres, migrate, proxy, ...rest } = compose.services;
    expect(postgres.image).toBe('postgres:15');
    expect(postgres.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty('pgdata');
    expect(migrate.command).toEqual(['node', 'core/bin/dentalpin.js', 'db', 'migrate']);

    const replicas = Object.entries(rest).filter(([, s]) => s.image === migrate.image);
    expect(replicas.map(([name]) => name)).toEqual(['dentalpin-1', 'dentalpin-2']);
    for (const [, replica] of replicas) expect(replica.environment).toMatchObject({ HOST: '0.0.0.0' });

    const caddyfile = proxy.volumes?.find((v) => v.endsWith(':/etc/caddy/Caddyfile:ro'))?.split(':')[0];
    expect(caddyfile).toBeDefined();
    const upstreams = /reverse_proxy ([^{]+)\{/
      .exec(read(caddyfile!.replace(/^\.\//, '')))?.[1]
      .trim()
      .split(/\s+/);
    expect(upstreams).toEqual(['dentalpin-1:4000', 'dentalpin-2:4000']);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds in one stage and runs production dependencies only, as a non-root user, with a health check', () => {
    expect(dockerfile.match(/^FROM node:20-slim AS \w+$/gm)).toEqual([
      'FROM node:20-slim AS build',
      'FROM node:20-slim AS runtime',
    ]);
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(/^RUN npm ci --omit=dev/m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^COPY --from=build .*web\/dist/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/health\/ready/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production[\s\S]*HOST=0\.0\.0\.0/m);
    expect(runtime).toMatch(/^CMD \["node", "core\/bin\/dentalpin\.js", "serve"\]$/m);
  });
});

describe('configuration documents', () => {
  it('.env.example and docs/configuration.md name every variable the configuration reads', () => {
    const example = read('.env.example');
    const docs = read('docs/configuration.md');
    const settings = CONFIG_VARIABLES.filter((name) => name !== 'VITEST');
    expect(settings.filter((name) => !docs.includes(`\`${name}\``))).toEqual([]);
    // DENTALPIN_FAULT is for the crash tests only: documented, never suggested.
    expect(
      settings.filter((name) => name !== 'DENTALPIN_FAULT' && !new RegExp(`^${name}=`, 'm').test(example)),
    ).toEqual([]);
  });
});
