import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ClinicMembership, User } from '../entities/index.ts';
import { DomainError, badInput, notFound } from '../errors.ts';
import type { Identity } from '../graphql/context.ts';
import { ROLES } from '../modules/manifest.ts';
import { isUuid, parseInput } from '../validation.ts';
import { config } from '../config.ts';
import { publish } from '../events/catalog.ts';
import '../events/core-events.ts';
import { countLoginAttempt, loginSucceeded } from './login-limits.ts';
import { hashPassword, newPassword, verifyPassword } from './passwords.ts';
import type { SessionStore } from './sessions.ts';

/** A member of the caller's clinic, as clinic admins manage them. */
export interface ClinicUser {
  id: string;
  email: string;
  fullName: string;
  role: string;
  isProfessional: boolean;
  isActive: boolean;
}

const userId = z.string().refine(isUuid, 'is not a valid user id');
const membershipChange = z.object({
  userId,
  role: z.enum(ROLES).nullish(),
  isProfessional: z.boolean().nullish(),
});

/** Minutes a password-reset link stays valid (`DENTALPIN_PASSWORD_RESET_MINUTES`, default 30). */
const resetMinutes = () => config().auth.passwordResetMinutes;
/** Where the web app is reached from outside: the reset link points there. */
const publicUrl = () => config().auth.publicUrl;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Named in the error as the field the caller filled (`newPassword`). */
const validNewPassword = (raw: string) => parseInput(z.object({ newPassword }), { newPassword: raw }).newPassword;

/** A query builder on `name` inside `em`'s transaction, when it is in one. */
const table = (em: EntityManager, name: string) => {
  const query = em.getConnection().getKnex()(name);
  const trx = em.getTransactionContext();
  return trx ? query.transacting(trx) : query;
};

const lastAdminConflict = (member: ClinicUser) =>
  new DomainError(
    'CONFLICT',
    `${member.email} is the clinic's last administrator; make someone else an administrator first.`,
  );

type Issue = (
  user: User,
  clientAddress: string | null,
) => Promise<{ accessToken: string; refreshToken: string; user: User }>;

/**
 * Passwords and memberships: a user changes or resets their password; a clinic admin lists the
 * clinic's users, changes a role, deactivates a user or removes a membership. Every change that
 * takes rights away ends the affected user's sessions at once.
 */
export class AccountService {
  constructor(
    private readonly orm: MikroORM,
    private readonly sessions: SessionStore,
    private readonly issue: Issue,
  ) {}

  private em(): EntityManager {
    return this.orm.em.fork();
  }

  /** Keeps the caller's session, ends the others; a wrong current password is BAD_USER_INPUT (and counted). */
  async changePassword(
    identity: Identity,
    currentPassword: string,
    rawNew: string,
    clientAddress: string,
  ): Promise<boolean> {
    const password = validNewPassword(rawNew);
    const em = this.em();
    const user = await em.findOneOrFail(User, { id: identity.userId });
    await countLoginAttempt(em.getConnection().getKnex(), user.email, clientAddress);
    if (!(await verifyPassword(currentPassword, user.passwordHash)).ok)
      throw badInput('The current password is wrong.', { field: 'currentPassword' });
    await loginSucceeded(em.getConnection().getKnex(), user.email, clientAddress);
    user.passwordHash = await hashPassword(password);
    await em.flush();
    await this.sessions.revokeAll(user.id, 'password', identity.sessionId);
    return true;
  }

  /**
   * Always true, whether or not the e-mail has an account (the answer tells nothing). For an active
   * account with a clinic, a single-use link (only its hash is stored) goes out through the internal
   * event `user.password_reset_requested`, which notifications turns into an e-mail.
   */
  async requestPasswordReset(rawEmail: string): Promise<boolean> {
    const email = rawEmail.slice(0, 320).trim().toLowerCase();
    const token = randomBytes(32).toString('base64url');
    await this.em().transactional(async (em) => {
      const user = await em.findOne(User, { email, isActive: true });
      const membership = user
        ? await em.findOne(ClinicMembership, { user: user.id }, { orderBy: { createdAt: 'asc' } })
        : null;
      if (!user || !membership) return;
      // A new link replaces the previous ones.
      await table(em, 'core_password_reset').where({ user_id: user.id, used_at: null }).update({ used_at: new Date() });
      const expiresAt = new Date(Date.now() + resetMinutes() * 60_000);
      await table(em, 'core_password_reset').insert({
        token_hash: tokenHash(token),
        user_id: user.id,
        expires_at: expiresAt,
      });
      await publish(em, 'user.password_reset_requested', {
        clinic_id: membership.clinic.id,
        user_id: user.id,
        email: user.email,
        first_name: user.firstName,
        reset_url: `${publicUrl()}/reset-password?token=${token}`,
        expires_at: expiresAt.toISOString(),
        valid_minutes: resetMinutes(),
      });
    });
    return true;
  }

  /** Uses a reset link once: sets the password, ends every session, and opens a new one. */
  async resetPassword(token: string, rawNew: string, clientAddress: string | null) {
    const password = validNewPassword(rawNew);
    const knex = this.orm.em.getConnection().getKnex();
    const [used] = await knex('core_password_reset')
      .where({ token_hash: tokenHash(token), used_at: null })
      .andWhere('expires_at', '>', knex.fn.now())
      .update({ used_at: knex.fn.now() })
      .returning('user_id');
    if (!used) throw badInput('This password-reset link is invalid, used or expired; ask for a new one.');
    const em = this.em();
    const user = await em.findOneOrFail(User, { id: used.user_id });
    if (!user.isActive)
      throw new DomainError('UNAUTHENTICATED', 'This account has been deactivated; ask your clinic administrator.');
    user.passwordHash = await hashPassword(password);
    await em.flush();
    await this.sessions.revokeAll(user.id, 'password');
    return this.issue(user, clientAddress);
  }

  async clinicUsers(identity: Identity): Promise<ClinicUser[]> {
    return this.members(this.em(), identity.clinicId);
  }

  private async members(em: EntityManager, clinicId: string, only?: string): Promise<ClinicUser[]> {
    const q = table(em, 'clinic_memberships as m')
      .join('users as u', 'u.id', 'm.user_id')
      .where('m.clinic_id', clinicId)
      .orderBy([{ column: 'u.last_name' }, { column: 'u.first_name' }, { column: 'u.id' }])
      .select('u.id', 'u.email', 'u.first_name', 'u.last_name', 'u.is_active', 'm.role', 'm.is_professional');
    if (only) q.andWhere('u.id', only);
    const rows: {
      id: string;
      email: string;
      first_name: string;
      last_name: string;
      is_active: boolean;
      role: string;
      is_professional: boolean;
    }[] = await q;
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      fullName: `${r.first_name} ${r.last_name}`.trim(),
      role: r.role,
      isProfessional: r.is_professional,
      isActive: r.is_active,
    }));
  }

  /**
   * Runs `change` on a member of the caller's clinic with the clinic's admin memberships locked, so
   * two admins demoting each other at once cannot leave the clinic without one. `change` learns
   * whether the member is the clinic's last active admin.
   */
  private async withMember<T>(
    identity: Identity,
    rawUserId: string,
    change: (em: EntityManager, member: ClinicUser, lastAdmin: boolean) => Promise<T>,
  ): Promise<T> {
    const target = parseInput(userId, rawUserId);
    return this.em().transactional(async (em) => {
      const admins: { user_id: string; is_active: boolean }[] = await table(em, 'clinic_memberships as m')
        .join('users as u', 'u.id', 'm.user_id')
        .where({ 'm.clinic_id': identity.clinicId, 'm.role': 'admin' })
        .forUpdate('m')
        .select('m.user_id', 'u.is_active');
      const [member] = await this.members(em, identity.clinicId, target);
      if (!member) throw notFound('User', target);
      const active = admins.filter((a) => a.is_active);
      const lastAdmin = member.role === 'admin' && member.isActive && active.length === 1;
      return change(em, member, lastAdmin);
    });
  }

  private async refreshed(em: EntityManager, identity: Identity, id: string): Promise<ClinicUser> {
    return (await this.members(em, identity.clinicId, id))[0]!;
  }

  /** The sessions of a user whose rights changed end, except the caller's own current one. */
  private endSessions(identity: Identity, userId: string, reason: 'membership' | 'deactivated') {
    return this.sessions.revokeAll(userId, reason, userId === identity.userId ? identity.sessionId : undefined);
  }

  async updateMembership(identity: Identity, raw: unknown): Promise<ClinicUser> {
    const input = parseInput(membershipChange, raw);
    const updated = await this.withMember(identity, input.userId, async (em, member, lastAdmin) => {
      if (input.role && input.role !== 'admin' && lastAdmin) throw lastAdminConflict(member);
      const changes: Record<string, unknown> = { updated_at: new Date() };
      if (input.role) changes.role = input.role;
      if (input.isProfessional != null) changes.is_professional = input.isProfessional;
      await table(em, 'clinic_memberships').where({ user_id: member.id, clinic_id: identity.clinicId }).update(changes);
      return this.refreshed(em, identity, member.id);
    });
    await this.endSessions(identity, updated.id, 'membership');
    return updated;
  }

  /**
   * Deactivates the account (no login, every token refused). An account that also belongs to other
   * clinics is not this clinic's to switch off: remove its membership here instead.
   */
  async deactivateUser(identity: Identity, rawUserId: string): Promise<ClinicUser> {
    const updated = await this.withMember(identity, rawUserId, async (em, member, lastAdmin) => {
      if (lastAdmin) throw lastAdminConflict(member);
      const [{ n }] = await table(em, 'clinic_memberships')
        .where({ user_id: member.id })
        .whereNot({ clinic_id: identity.clinicId })
        .count<{ n: string }[]>({ n: '*' });
      if (Number(n) > 0)
        throw new DomainError(
          'CONFLICT',
          `${member.email} also works at another clinic; remove their membership in this clinic instead.`,
        );
      await table(em, 'users').where({ id: member.id }).update({ is_active: false, updated_at: new Date() });
      return this.refreshed(em, identity, member.id);
    });
    await this.sessions.revokeAll(updated.id, 'deactivated');
    return updated;
  }

  async removeMembership(identity: Identity, rawUserId: string): Promise<boolean> {
    const removed = await this.withMember(identity, rawUserId, async (em, member, lastAdmin) => {
      if (lastAdmin) throw lastAdminConflict(member);
      await table(em, 'clinic_memberships').where({ user_id: member.id, clinic_id: identity.clinicId }).delete();
      return member;
    });
    await this.endSessions(identity, removed.id, 'membership');
    return true;
  }
}
