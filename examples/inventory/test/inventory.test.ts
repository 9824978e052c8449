import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { eventually, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const ITEMS = `query($low: Boolean) { inventoryItems(lowStockOnly: $low) { id name unit quantity minQuantity lowStock
  consumption { treatmentType quantity } movements { quantity reason appointmentId note } } }`;
const CREATE = `mutation($input: CreateInventoryItemInput!) { createInventoryItem(input: $input) { id name quantity lowStock } }`;
const MOVE = `mutation($input: StockMovementInput!) { recordStockMovement(input: $input) { id quantity reason } }`;

describe('inventory (community example package)', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let receptionist: { token: string };
  let dentistId: string;
  let itemId: string;
  const quantityOf = async (id: string) =>
    (await t.data(ITEMS, {}, admin)).inventoryItems.find((i: { id: string }) => i.id === id).quantity;

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [join(import.meta.dirname, '..')] });
    admin = await t.setup();
    const list = await t.data(`{ modules { name category autoInstall state } }`, {}, admin);
    expect(list.modules.find((m: { name: string }) => m.name === 'inventory')).toEqual({
      name: 'inventory',
      category: 'community',
      autoInstall: false,
      state: 'uninstalled',
    });
    await t.data(`mutation { installModule(name: "inventory") { scheduled } }`, {}, admin);
    await t.data(`mutation { restartModules { activeModules } }`, {}, admin);
    receptionist = await t.userWithRole(admin, 'receptionist');
    dentistId = (await t.userWithRole(admin, 'dentist')).userId;
  });
  afterAll(() => t.close());

  it('creates items with consumption rules; only items.write may; quantities are decimal strings', async () => {
    const r = await t.data(
      CREATE,
      {
        input: {
          name: 'Composite resin',
          unit: 'g',
          initialQuantity: '10',
          minQuantity: '4',
          consumption: [{ treatmentType: 'Filling', quantity: '2.5' }],
        },
      },
      admin,
    );
    expect(r.createInventoryItem).toMatchObject({ name: 'Composite resin', quantity: '10.000', lowStock: false });
    itemId = r.createInventoryItem.id;
    expect((await t.gql(CREATE, { input: { name: 'Composite resin' } }, admin)).errors?.[0].extensions?.code).toBe(
      'CONFLICT',
    );
    expect((await t.gql(CREATE, { input: { name: 'Gloves' } }, receptionist)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const bad = await t.gql(CREATE, { input: { name: 'X', initialQuantity: '1.5e3' } }, admin);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const items = (await t.data(ITEMS, {}, receptionist)).inventoryItems;
    expect(items[0].consumption).toEqual([{ treatmentType: 'Filling', quantity: '2.500' }]);
  });

  it('records purchases and adjustments, refusing to go below zero', async () => {
    expect(
      (await t.data(MOVE, { input: { itemId, quantity: '5', reason: 'PURCHASE' } }, admin)).recordStockMovement,
    ).toMatchObject({
      quantity: '5.000',
      reason: 'PURCHASE',
    });
    const tooMuch = await t.gql(MOVE, { input: { itemId, quantity: '-100', reason: 'ADJUSTMENT' } }, admin);
    expect(tooMuch.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const consumption = await t.gql(MOVE, { input: { itemId, quantity: '-1', reason: 'CONSUMPTION' } }, admin);
    expect(consumption.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await quantityOf(itemId)).toBe('15.000');
  });

  it('consumes stock when an appointment of that treatment type is completed, once per appointment', async () => {
    const patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Ina", lastName: "Ventory" }) { id } }`, {}, admin)
    ).createPatient.id;
    const cabinetId = (
      await eventually(async () => {
        const c = (await t.data(`{ cabinets { id } }`, {}, admin)).cabinets;
        return c.length ? c : null;
      })
    )[0].id;
    const appointmentId = (
      await t.data(
        `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`,
        {
          input: {
            patientId,
            professionalId: dentistId,
            cabinetId,
            startTime: '2026-12-01T10:00',
            endTime: '2026-12-01T10:30',
            treatmentType: 'filling',
          },
        },
        admin,
      )
    ).scheduleAppointment.id;
    for (const to of ['CHECKED_IN', 'IN_TREATMENT', 'COMPLETED'])
      await t.data(
        `mutation($id: ID!, $to: AppointmentStatus!) { transitionAppointment(id: $id, to: $to) { id } }`,
        { id: appointmentId, to },
        admin,
      );
    await eventually(async () => (await quantityOf(itemId)) === '12.500');
    // Deliver every event to inventory again: nothing more is consumed.
    await t.platform.db.knex.raw(
      `update core_event_delivery set status = 'pending', next_attempt_at = now() where module_name = 'inventory'`,
    );
    await eventually(async () => {
      const { rows } = await t.platform.db.knex.raw(
        `select count(*)::int as n from core_event_delivery where module_name = 'inventory' and status <> 'delivered'`,
      );
      return rows[0].n === 0;
    });
    expect(await quantityOf(itemId)).toBe('12.500');
    const item = (await t.data(ITEMS, {}, admin)).inventoryItems[0];
    expect(item.movements[0]).toEqual({ quantity: '-2.500', reason: 'CONSUMPTION', appointmentId, note: 'filling' });
  });

  it('isolates clinics', async () => {
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "B" }) { id } }`, {}, admin)).createClinic.id;
    const b = {
      token: (await t.userWithRole({ ...admin, clinicId: clinicB }, 'admin', clinicB)).token,
      clinicId: clinicB,
    };
    expect((await t.data(ITEMS, {}, b)).inventoryItems).toEqual([]);
    expect(
      (await t.gql(MOVE, { input: { itemId, quantity: '-1', reason: 'ADJUSTMENT' } }, b)).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect(await quantityOf(itemId)).toBe('12.500');
  });
});
