import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** A uuid primary key the ORM fills on create: `id: uuidPrimaryKey(p)`. */
export const uuidPrimaryKey = (p: typeof defineEntity.properties) =>
  p
    .uuid()
    .primary()
    .onCreate(() => randomUUID());

/** `createdAt` / `updatedAt` (timestamptz), set by the ORM: spread into an entity's properties. */
export const timestamps = (p: typeof defineEntity.properties) => ({
  createdAt: p
    .datetime()
    .columnType('timestamptz')
    .onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .columnType('timestamptz')
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
});

export const Clinic = defineEntity({
  name: 'Clinic',
  tableName: 'clinics',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    name: p.string().length(200),
    timezone: p.string().length(64).default('Europe/Madrid'),
    currency: p.string().length(3).default('EUR'),
    settings: p.json<Record<string, unknown>>().default('{}'),
    ...timestamps(p),
  }),
});
export type Clinic = InferEntity<typeof Clinic>;

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    email: p.string().length(255).unique(),
    passwordHash: p.string().length(255).hidden(),
    firstName: p.string().length(100),
    lastName: p.string().length(100),
    isActive: p.boolean().default(true),
    isPlatformAdmin: p.boolean().default(false),
    ...timestamps(p),
  }),
});
export type User = InferEntity<typeof User>;

export const ClinicMembership = defineEntity({
  name: 'ClinicMembership',
  tableName: 'clinic_memberships',
  uniques: [{ properties: ['user', 'clinic'] }],
  properties: (p) => ({
    id: uuidPrimaryKey(p),
    user: p.manyToOne(User),
    clinic: p.manyToOne(Clinic),
    role: p.string().length(20),
    isProfessional: p.boolean().default(false),
    ...timestamps(p),
  }),
});
export type ClinicMembership = InferEntity<typeof ClinicMembership>;

export const CORE_ENTITIES = [Clinic, User, ClinicMembership];
