import { describe, expect, it } from 'vitest';
import Select from 'primevue/select';
import Checkbox from 'primevue/checkbox';
import UsersPage from './UsersPage.vue';
import { jsonResponse as json, mountLayer, settle, type GraphQLAnswer } from '../testing/index.ts';

const ADMIN = ['admin.users.read', 'admin.users.write'];
const user = (id: string, fullName: string, role: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'ClinicUser',
  id,
  email: `${fullName.split(' ')[0].toLowerCase()}@clinic.test`,
  fullName,
  role,
  isProfessional: role === 'dentist',
  isActive: true,
  ...extra,
});
const ada = user('u1', 'Ada Admin', 'admin');
const dan = user('u2', 'Dan Dentist', 'dentist');
const list: GraphQLAnswer = () => json({ data: { clinicUsers: [ada, dan] } });
const lastAdmin = () =>
  json({
    data: null,
    errors: [{ message: 'A clinic needs an admin.', extensions: { code: 'CONFLICT' } }],
  });

async function mountUsers(answers: Record<string, GraphQLAnswer>, permissions = ADMIN) {
  const page = mountLayer(UsersPage, { permissions, fetch: { ClinicUsers: list, ...answers }, attach: true });
  await settle();
  return page;
}
const row = (email: string) => document.querySelector<HTMLTableRowElement>(`tr[data-user="${email}"]`)!;
const cellsOf = (email: string) =>
  Array.from(row(email).querySelectorAll('th, td')).map((c) => (c.textContent ?? '').trim());
const click = async (element: Element | null) => {
  (element as HTMLElement).click();
  await settle();
};

describe('Settings → Users', () => {
  it('lists the clinic’s users with their name, e-mail, role, professional flag and state', async () => {
    await mountUsers({});
    expect(cellsOf('ada@clinic.test').slice(0, 2)).toEqual(['Ada Admin', 'ada@clinic.test']);
    expect(row('dan@clinic.test').querySelector('[data-test=role]')?.textContent).toContain('dentist');
    expect(row('dan@clinic.test').querySelector<HTMLInputElement>('[data-test=professional] input')!.checked).toBe(
      true,
    );
    expect(cellsOf('dan@clinic.test')[4]).toBe('Yes');
  });

  it('changes a role and the professional flag through updateMembership', async () => {
    const saved = { ...dan };
    const page = await mountUsers({
      UpdateMembership: ({ variables: { userId: _userId, ...change } }) =>
        json({ data: { updateMembership: Object.assign(saved, change) } }),
    });
    const selects = page.wrapper.findAllComponents(Select);
    selects[1].vm.$emit('update:modelValue', 'hygienist');
    await settle();
    page.wrapper.findAllComponents(Checkbox)[1].vm.$emit('update:modelValue', false);
    await settle();
    expect(page.sent.filter((o) => o.operationName === 'UpdateMembership').map((o) => o.variables)).toEqual([
      { userId: 'u2', role: 'hygienist' },
      { userId: 'u2', isProfessional: false },
    ]);
    expect(row('dan@clinic.test').querySelector('[data-test=role]')?.textContent).toContain('hygienist');
    expect(page.notices.map((n) => n.summary)).toEqual(['Saved: Dan Dentist', 'Saved: Dan Dentist']);
  });

  it('asks before deactivating, and sends nothing when cancelled', async () => {
    const page = await mountUsers({
      DeactivateUser: () => json({ data: { deactivateUser: { __typename: 'ClinicUser', id: 'u2', isActive: false } } }),
    });
    await click(row('dan@clinic.test').querySelector('[data-test=deactivate]'));
    expect(document.querySelector('[role=dialog]')?.textContent).toContain(
      'Dan Dentist is signed out everywhere at once and can no longer log in.',
    );
    await click(document.querySelector('[data-test=cancel]'));
    expect(page.sent.map((o) => o.operationName)).toEqual(['ClinicUsers']);

    await click(row('dan@clinic.test').querySelector('[data-test=deactivate]'));
    await click(document.querySelector('[data-test=confirm]'));
    expect(page.sent.map((o) => [o.operationName, o.variables])).toEqual([
      ['ClinicUsers', {}],
      ['DeactivateUser', { userId: 'u2' }],
    ]);
    expect(cellsOf('dan@clinic.test')[4]).toBe('Deactivated');
    expect(row('dan@clinic.test').querySelector('[data-test=deactivate]')).toBeNull();
  });

  it('shows the last admin’s CONFLICT next to that row, not as a toast', async () => {
    const page = await mountUsers({ RemoveMembership: lastAdmin, UpdateMembership: lastAdmin });
    await click(row('ada@clinic.test').querySelector('[data-test=remove]'));
    expect(document.querySelector('[role=dialog]')?.textContent).toContain('Remove Ada Admin from the clinic');
    await click(document.querySelector('[data-test=confirm]'));
    expect(page.sent.at(-1)).toMatchObject({ operationName: 'RemoveMembership', variables: { userId: 'u1' } });
    expect(row('ada@clinic.test').querySelector('[data-test=row-error]')?.textContent?.trim()).toBe(
      'A clinic needs at least one active admin: make someone else admin first.',
    );
    expect(row('dan@clinic.test').querySelector('[data-test=row-error]')).toBeNull();
    expect(page.errorToasts).toEqual([]);

    // Demoting the last admin: refused the same way, and the role shown stays admin.
    page.wrapper.findAllComponents(Select)[0].vm.$emit('update:modelValue', 'dentist');
    await settle();
    expect(row('ada@clinic.test').querySelector('[data-test=row-error]')).not.toBeNull();
    expect(row('ada@clinic.test').querySelector('[data-test=role]')?.textContent).toContain('admin');
    expect(page.errorToasts).toEqual([]);
  });

  it('removes a member after confirmation and reads the list again', async () => {
    let removed = false;
    const page = await mountUsers({
      ClinicUsers: () => json({ data: { clinicUsers: removed ? [ada] : [ada, dan] } }),
      RemoveMembership: () => {
        removed = true;
        return json({ data: { removeMembership: true } });
      },
    });
    await click(row('dan@clinic.test').querySelector('[data-test=remove]'));
    await click(document.querySelector('[data-test=confirm]'));
    expect(page.sent.map((o) => o.operationName)).toEqual(['ClinicUsers', 'RemoveMembership', 'ClinicUsers']);
    expect(document.querySelector('tr[data-user="dan@clinic.test"]')).toBeNull();
    expect(page.notices.at(-1)?.summary).toBe('Dan Dentist no longer belongs to this clinic.');
  });

  it('is read-only for those who may only read users', async () => {
    await mountUsers({}, ['admin.users.read']);
    expect(document.querySelector('[data-test=deactivate], [data-test=remove]')).toBeNull();
    expect(row('dan@clinic.test').querySelector('[data-test=professional] input')?.hasAttribute('disabled')).toBe(true);
  });
});
