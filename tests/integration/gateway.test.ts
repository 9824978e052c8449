import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findRootDir } from '../../core/src/config.ts';
import { startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const fixtures = join(findRootDir(), 'tests/fixtures/modules');
const NAV = `{ activeModules { name navigation { to permission order } } }`;

describe('gateway: supergraph, navigation and live module changes', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let receptionist: { token: string };
  let hygienist: { token: string };

  beforeAll(async () => {
    t = await startTestPlatform({
      moduleDirs: ['fixture_base', 'fixture_hello', 'fixture_clash'].map((d) => join(fixtures, d)),
    });
    admin = await t.setup();
    receptionist = await t.userWithRole(admin, 'receptionist');
    hygienist = await t.userWithRole(admin, 'hygienist');
  });
  afterAll(() => t.close());

  it('serves health and readiness', async () => {
    const base = t.url.replace('/graphql', '');
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
  });

  it('lists active modules only, with navigation filtered by the caller', async () => {
    const asAdmin = await t.data(NAV, {}, admin);
    // The official modules that install themselves (patients, agenda, catalog, …): exactly the installed ones.
    const installed = await t.platform.db
      .knex('core_module')
      .where({ state: 'installed' })
      .orderBy('name')
      .pluck('name');
    const names = asAdmin.activeModules.map((m: { name: string }) => m.name);
    expect([...names].sort()).toEqual(installed);
    expect(names).toEqual(
      expect.arrayContaining(['patients', 'agenda', 'patient_timeline', 'patients_clinical', 'catalog']),
    );
    expect(names.filter((n: string) => n.startsWith('fixture_'))).toEqual([]);
    const moduleNav = (name: string) => asAdmin.activeModules.find((m: { name: string }) => m.name === name).navigation;
    expect(moduleNav('patients')).toEqual([{ to: '/patients', permission: 'patients.read', order: 10 }]);
    expect(moduleNav('agenda')).toEqual([{ to: '/agenda', permission: 'agenda.appointments.read', order: 20 }]);
    expect((await t.gql(NAV)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('adds a module at runtime: its fields, grants and navigation appear without restarting the process', async () => {
    const navOf = async (caller: { token: string }) =>
      (await t.data(NAV, {}, caller)).activeModules.flatMap((m: { navigation: { to: string }[] }) =>
        m.navigation.map((n) => n.to),
      );
    const receptionistNavBefore = await navOf(receptionist);
    const hygienistNavBefore = await navOf(hygienist);
    expect(receptionistNavBefore).toContain('/patients');
    const before = await t.gql(`{ greetingWords }`, {}, admin);
    expect(before.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.data(`{ me { permissions } }`, {}, receptionist)).me.permissions).not.toContain(
      'fixture_hello.greetings.read',
    );

    const scheduled = await t.data(
      `mutation { installModule(name: "fixture_hello") { scheduled requiresRestart } }`,
      {},
      admin,
    );
    expect(scheduled.installModule).toEqual({ scheduled: ['fixture_base', 'fixture_hello'], requiresRestart: true });
    const restart = await t.data(
      `mutation { restartModules { processed { module operation status } activeModules compositionErrors } }`,
      {},
      admin,
    );
    expect(restart.restartModules.processed).toEqual([
      { module: 'fixture_base', operation: 'install', status: 'completed' },
      { module: 'fixture_hello', operation: 'install', status: 'completed' },
    ]);
    expect(restart.restartModules.compositionErrors).toEqual([]);

    expect(await t.data(`{ greetingWords }`, {}, receptionist)).toEqual({ greetingWords: ['Hello', 'Hola'] });
    // A field contributed to another module's entity, resolved across subgraphs by the gateway.
    const { createPatient } = await t.data(
      `mutation { createPatient(input: { firstName: "Eva", lastName: "Luna" }) { id } }`,
      {},
      receptionist,
    );
    const cross = await t.data(
      `query($id: ID!) { patient(id: $id) { fullName greeting } }`,
      { id: createPatient.id },
      receptionist,
    );
    expect(cross.patient).toEqual({ fullName: 'Eva Luna', greeting: `Hello, patient ${createPatient.id.slice(0, 8)}` });

    // RBAC follows activation: the receptionist gains the module's grant and its navigation item.
    expect((await t.data(`{ me { permissions } }`, {}, receptionist)).me.permissions).toContain(
      'fixture_hello.greetings.read',
    );
    expect(await navOf(receptionist)).toEqual([...receptionistNavBefore, '/hello']);
    // The hygienist has no grant on the new module: its navigation stays hidden and its fields are refused.
    expect(await navOf(hygienist)).toEqual(hygienistNavBefore);
    expect((await t.gql(`{ greetingWords }`, {}, hygienist)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps the current supergraph serving when a new module set does not compose', async () => {
    await t.data(`mutation { installModule(name: "fixture_clash", force: true) { scheduled } }`, {}, admin);
    const restart = await t.data(`mutation { restartModules { activeModules compositionErrors } }`, {}, admin);
    expect(restart.restartModules.compositionErrors.join('\n')).toMatch(/patients/);
    expect(restart.restartModules.activeModules).not.toContain('fixture_clash');
    const still = await t.data(`{ patients(pageSize: 1) { total } greetingWords }`, {}, admin);
    expect(still.patients.total).toBeGreaterThan(0);
    expect(still.greetingWords).toEqual(['Hello', 'Hola']);
  });

  it('gives every error a contract code and no stack trace', async () => {
    const parse = await t.gql(`{ patients(`, {}, admin);
    expect(parse.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', requestId: expect.any(String) });
    const unknownModule = await t.gql(`mutation { installModule(name: "nope") { scheduled } }`, {}, admin);
    expect(unknownModule.errors?.[0]).toMatchObject({
      extensions: { code: 'NOT_FOUND' },
      message: expect.stringMatching(/"nope"/),
    });
    expect(JSON.stringify(unknownModule)).not.toMatch(/stacktrace/);
    const notInstallable = await t.gql(`mutation { installModule(name: "fixture_clash") { scheduled } }`, {}, admin);
    expect(notInstallable.errors?.[0].extensions?.code).toBe('MODULE_OPERATION_REFUSED');
  });

  it('reports module operations and the doctor to platform admins', async () => {
    const ops = await t.data(
      `{ moduleOperations(name: "fixture_hello", limit: 2) { operation step status } }`,
      {},
      admin,
    );
    expect(ops.moduleOperations).toEqual([
      { operation: 'install', step: 'finalize', status: 'completed' },
      { operation: 'install', step: 'finalize', status: 'started' },
    ]);
    const doctor = await t.data(
      `{ moduleDoctor { ok erroredModules { module } manifestErrors { module } } }`,
      {},
      admin,
    );
    // fixture_clash is installed but dark: the doctor says why.
    expect(doctor.moduleDoctor.ok).toBe(false);
    expect(doctor.moduleDoctor.erroredModules).toEqual([{ module: 'fixture_clash' }]);
    const list = await t.data(`{ modules { name state } }`, {}, admin);
    expect(list.modules).toEqual(expect.arrayContaining([{ name: 'fixture_hello', state: 'installed' }]));
  });
});
