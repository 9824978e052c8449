import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { eventually, moduleLifecycle, startTestPlatform, type TestPlatform } from '@dentalpin/core/testing';

const moduleDir = fileURLToPath(new URL('..', import.meta.url));
const ITEM = `id name unit stockQuantity minimumStock lowStock category { code } movements { quantity reason note }`;

describe('inventory (community module)', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string };
  let assistant: { token: string };
  let receptionist: { token: string };

  beforeAll(async () => {
    t = await startTestPlatform({ moduleDirs: [moduleDir] });
    admin = await t.setup();
    expect((await moduleLifecycle(t, admin).install('inventory')).processed).toEqual([
      { module: 'inventory', operation: 'install', status: 'completed', error: null },
    ]);
    assistant = await t.userWithRole(admin, 'assistant');
    receptionist = await t.userWithRole(admin, 'receptionist');
  });
  afterAll(() => t.close());

  it('ships seeded categories', async () => {
    const r = await t.data(`{ inventoryCategories { code } }`, {}, assistant);
    expect(r.inventoryCategories.map((c: { code: string }) => c.code).sort()).toEqual([
      'consumables',
      'implants',
      'instruments',
      'medication',
    ]);
  });

  it('creates items with initial stock and records movements with exact decimals', async () => {
    const created = await t.data(
      `mutation { createInventoryItem(input: { name: "Nitrile gloves (M)", categoryCode: "consumables", unit: "box", minimumStock: "5", initialStock: "12.5" }) { ${ITEM} } }`,
      {},
      assistant,
    );
    const item = created.createInventoryItem;
    expect(item).toMatchObject({ stockQuantity: '12.500', lowStock: false, category: { code: 'consumables' } });
    expect(item.movements).toEqual([{ quantity: '12.500', reason: 'PURCHASE', note: 'initial stock' }]);
    const used = await t.data(
      `mutation($id: ID!) { recordStockMovement(input: { itemId: $id, quantity: "-7.6", reason: CONSUMPTION, note: "week 48" }) { stockQuantity lowStock } }`,
      { id: item.id },
      assistant,
    );
    expect(used.recordStockMovement).toEqual({ stockQuantity: '4.900', lowStock: true });
    const low = await t.data(`{ inventoryItems(lowStockOnly: true) { name } }`, {}, assistant);
    expect(low.inventoryItems).toEqual([{ name: 'Nitrile gloves (M)' }]);
  });

  it('never lets stock go below zero, and refuses bad quantities, writing nothing', async () => {
    const { inventoryItems } = await t.data(`{ inventoryItems(search: "gloves") { id stockQuantity } }`, {}, assistant);
    const [item] = inventoryItems;
    const over = await t.gql(
      `mutation($id: ID!) { recordStockMovement(input: { itemId: $id, quantity: "-100", reason: WASTE }) { id } }`,
      { id: item.id },
      assistant,
    );
    expect(over.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringMatching(/below zero/),
    });
    const float = await t.gql(
      `mutation($id: ID!) { recordStockMovement(input: { itemId: $id, quantity: 1.5, reason: PURCHASE }) { id } }`,
      { id: item.id },
      assistant,
    );
    expect(float.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const zero = await t.gql(
      `mutation($id: ID!) { recordStockMovement(input: { itemId: $id, quantity: "0", reason: PURCHASE }) { id } }`,
      { id: item.id },
      assistant,
    );
    expect(zero.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'quantity cannot be zero',
    });
    const after = await t.data(
      `{ inventoryItems(search: "gloves") { stockQuantity movements { quantity } } }`,
      {},
      assistant,
    );
    expect(after.inventoryItems[0]).toEqual({
      stockQuantity: item.stockQuantity,
      movements: [{ quantity: '-7.600' }, { quantity: '12.500' }],
    });
  });

  it('checks permissions: a receptionist reads but cannot move stock', async () => {
    const { inventoryItems } = await t.data(`{ inventoryItems { id } }`, {}, receptionist);
    const r = await t.gql(
      `mutation($id: ID!) { recordStockMovement(input: { itemId: $id, quantity: "1", reason: PURCHASE }) { id } }`,
      { id: inventoryItems[0].id },
      receptionist,
    );
    expect(r.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/inventory\.stock\.write/),
    });
  });

  it('isolates clinics', async () => {
    const clinicB = (await t.data(`mutation { createClinic(input: { name: "Clínica B" }) { id } }`, {}, admin))
      .createClinic.id;
    const bAssistant = await t.userWithRole({ token: admin.token, clinicId: clinicB }, 'assistant', clinicB);
    const aItem = (await t.data(`{ inventoryItems { id } }`, {}, assistant)).inventoryItems[0];
    expect((await t.data(`{ inventoryItems { id } }`, {}, bAssistant)).inventoryItems).toEqual([]);
    const touch = await t.gql(
      `mutation($id: ID!) { recordStockMovement(input: { itemId: $id, quantity: "1", reason: PURCHASE }) { id } }`,
      { id: aItem.id },
      bAssistant,
    );
    expect(touch.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // The same item name is fine in another clinic; a duplicate in the same clinic is not.
    await t.data(
      `mutation { createInventoryItem(input: { name: "Nitrile gloves (M)", categoryCode: "consumables", unit: "box" }) { id } }`,
      {},
      bAssistant,
    );
    const dup = await t.gql(
      `mutation { createInventoryItem(input: { name: "nitrile gloves (m)", categoryCode: "consumables", unit: "box" }) { id } }`,
      {},
      bAssistant,
    );
    expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('exposes agent tools with the same rules as the API', async () => {
    const call = `mutation($n: String!, $a: JSON!) { callAgentTool(name: $n, args: $a) { status result error } }`;
    const listed = await t.data(call, { n: 'inventory.list_items', a: { lowStockOnly: true } }, assistant);
    expect(listed.callAgentTool).toMatchObject({
      status: 'SUCCESS',
      result: [{ name: 'Nitrile gloves (M)', lowStock: true }],
    });
    const itemId = listed.callAgentTool.result[0].id;
    const moved = await t.data(
      call,
      { n: 'inventory.record_stock_movement', a: { itemId, quantity: '10', reason: 'PURCHASE' } },
      assistant,
    );
    expect(moved.callAgentTool).toMatchObject({
      status: 'SUCCESS',
      result: { stockQuantity: '14.900', lowStock: false },
    });
    const tooMuch = await t.data(
      call,
      { n: 'inventory.record_stock_movement', a: { itemId, quantity: '-999', reason: 'WASTE' } },
      assistant,
    );
    expect(tooMuch.callAgentTool).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/below zero/) });
    const receptionistTry = await t.data(
      call,
      { n: 'inventory.record_stock_movement', a: { itemId, quantity: '1', reason: 'PURCHASE' } },
      receptionist,
    );
    expect(receptionistTry.callAgentTool.status).toBe('BLOCKED');
  });

  it('consumes stock when an appointment of that treatment type is completed, once per appointment', async () => {
    const item = (
      await t.data(
        `mutation { createInventoryItem(input: { name: "Composite A3", categoryCode: "consumables", unit: "syringe", initialStock: "3", consumption: [{ treatmentType: "Filling", quantity: "0.5" }] }) { id consumption { treatmentType quantity } } }`,
        {},
        assistant,
      )
    ).createInventoryItem;
    expect(item.consumption).toEqual([{ treatmentType: 'Filling', quantity: '0.500' }]);
    const dentist = await t.userWithRole(admin, 'dentist');
    const patientId = (
      await t.data(`mutation { createPatient(input: { firstName: "Ina", lastName: "Ventory" }) { id } }`, {}, admin)
    ).createPatient.id;
    const cabinetId = (
      await eventually(
        async () => ((await t.data(`{ cabinets { id } }`, {}, admin)).cabinets[0] ?? null) as { id: string } | null,
      )
    ).id;
    const appointmentId = (
      await t.data(
        `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`,
        {
          input: {
            patientId,
            professionalId: dentist.userId,
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
    const stock = async () =>
      (await t.data(`{ inventoryItems(search: "A3") { stockQuantity } }`, {}, assistant)).inventoryItems[0]
        .stockQuantity;
    await eventually(async () => (await stock()) === '2.500');
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
    expect(await stock()).toBe('2.500');
    const movements = (
      await t.data(
        `{ inventoryItems(search: "A3") { movements { quantity reason appointmentId createdBy } } }`,
        {},
        assistant,
      )
    ).inventoryItems[0].movements;
    expect(movements[0]).toEqual({ quantity: '-0.500', reason: 'CONSUMPTION', appointmentId, createdBy: null });
  });
});
