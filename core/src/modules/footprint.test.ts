import { describe, expect, it } from 'vitest';
import { Migration } from '@mikro-orm/migrations';
import type { MigrationObject } from '@mikro-orm/core';
import { footprintOf, isolationIssues } from './footprint.ts';

const migration = (name: string, ...sql: string[]): MigrationObject => ({
  name,
  class: class extends Migration {
    override async up() {
      for (const s of sql) this.addSql(s);
    }
  },
});

describe('migration footprints', () => {
  it('reads created, changed and referenced tables from the SQL', async () => {
    const fp = await footprintOf([
      migration(
        'm1',
        'create table "shop_items" (id uuid primary key, clinic_id uuid references clinics(id))',
        'create index shop_items_idx on shop_items (clinic_id)',
      ),
      migration(
        'm2',
        'alter table shop_items add column price numeric',
        'create table if not exists shop_orders (id uuid, item_id uuid references "shop_items"(id), patient_id uuid references patients (id))',
      ),
    ]);
    expect(fp).toEqual({
      creates: ['shop_items', 'shop_orders'],
      touches: ['shop_items'],
      references: ['clinics', 'shop_items', 'patients'],
      opaque: [],
      weakensTenancy: [],
    });
  });

  it('reads a trigger as a touch of its table, not its event list (update or delete, update of columns)', async () => {
    const fp = await footprintOf([
      migration(
        't',
        'create table ledger (id uuid, amount numeric)',
        `create trigger ledger_append_only before update or delete on ledger for each row execute function f()`,
        `create trigger ledger_audit after insert or update of amount, id on "public".ledger for each row execute function g()`,
        '-- update patients set x = 1 (a comment)\nalter table ledger add column note text',
      ),
    ]);
    expect(fp).toEqual({ creates: ['ledger'], touches: ['ledger'], references: [], opaque: [], weakensTenancy: [] });
  });

  it('refuses a module whose migration takes a table out of clinic isolation (TENANT_POLICY_WEAKENED)', async () => {
    const weak = {
      name: 'weak',
      removable: false,
      depends: [],
      footprint: await footprintOf([
        migration(
          'w',
          'create table weak (id uuid, clinic_id uuid)',
          'alter table weak disable row level security',
          'drop policy if exists dentalpin_clinic_isolation on weak',
        ),
      ]),
    };
    expect(weak.footprint.weakensTenancy).toEqual([
      'w: alter table weak disable row level security',
      'w: drop policy if exists dentalpin_clinic_isolation on weak',
    ]);
    expect(isolationIssues([weak], new Set()).map((i) => i.code)).toEqual([
      'TENANT_POLICY_WEAKENED',
      'TENANT_POLICY_WEAKENED',
    ]);
    const fine = await footprintOf([
      migration('f', 'create table fine (id uuid, clinic_id uuid)', 'alter table fine add column x int'),
    ]);
    expect(fine.weakensTenancy).toEqual([]);
  });

  it('flags a removable module that changes another module’s table, and foreign keys outside depends', async () => {
    const core = new Set(['clinics', 'users']);
    const patients = {
      name: 'patients',
      removable: false,
      depends: [],
      footprint: await footprintOf([migration('p', 'create table patients (id uuid)')]),
    };
    const ok = {
      name: 'shop',
      removable: true,
      depends: ['patients'],
      footprint: await footprintOf([
        migration('s', 'create table shop (id uuid, p uuid references patients(id), c uuid references clinics(id))'),
      ]),
    };
    const sneaky = {
      name: 'sneaky',
      removable: true,
      depends: [],
      footprint: await footprintOf([
        migration(
          'x',
          'create table sneaky (id uuid, p uuid references patients(id))',
          'alter table patients add column sneaky_flag boolean',
        ),
      ]),
    };
    expect(isolationIssues([patients, ok], core)).toEqual([]);
    expect(isolationIssues([patients, ok, sneaky], core)).toEqual([
      {
        module: 'sneaky',
        code: 'REMOVABLE_BRANCH_NOT_ISOLATED',
        message: expect.stringMatching(/change table "patients" \(module patients\)/),
      },
      {
        module: 'sneaky',
        code: 'UNDECLARED_CROSS_MODULE_FK',
        message: expect.stringMatching(/"patients" of module patients, which is not in its depends/),
      },
    ]);
  });
});
