import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Clinic, ClinicMembership, User } from '../entities/index.ts';
import { DomainError, badInput, forbidden } from '../errors.ts';
import { AuthState, type Identity } from '../graphql/context.ts';
import { PROFESSIONAL_ROLES, ROLES, type Role } from '../modules/manifest.ts';
import { hashPassword, newPassword, verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { countLoginAttempt, loginSucceeded } from './login-limits.ts';
import { SessionStore } from './sessions.ts';
import { AccountService } from './accounts.ts';
import type { PermissionRegistry } from './permissions.ts';
import { hasPermission } from './rbac.ts';
import { TokenService } from './tokens.ts';
import { parseInput } from '../validation.ts';
import { publish } from '../events/catalog.ts';
import '../events/core-events.ts';

type ClinicSource = 'setup' | 'create_clinic' | 'cli';
const clinicCreated = (clinic: Clinic, createdBy: string | null, source: ClinicSource) => ({
  clinic_id: clinic.id,
  name: clinic.name,
  timezone: clinic.timezone,
  currency: clinic.currency,
  created_by: createdBy,
  source,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'is not an IANA time zone (e.g. "Europe/Madrid")');
const email = z.string().trim().toLowerCase().pipe(z.email('is not an email address'));
const personName = z.string().trim().min(1, 'is required').max(100);

export const setupInput = z.object({
  clinicName: z.string().trim().min(1, 'is required').max(200),
  adminEmail: email,
  adminPassword: newPassword,
  adminFirstName: personName,
  adminLastName: personName,
  timezone: timezone.default('Europe/Madrid'),
});
export const createClinicInput = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  timezone: timezone.default('Europe/Madrid'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'is a three-letter ISO code such as EUR')
    .default('EUR'),
});
export const createUserInput = z.object({
  email,
  password: newPassword,
  firstName: personName,
  lastName: personName,
  role: z.enum(ROLES),
  isProfessional: z.boolean().nullish(),
  clinicId: z.string().regex(UUID, 'is not a valid id').nullish(),
});

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  user: User;
}

/** Longest e-mail and password a login reads (longer ones are refused before any work). */
const MAX_EMAIL_LENGTH = 320;
const MAX_PASSWORD_LENGTH = 1024;
/** When the caller's address is unknown (calls from inside the process). */
export const UNKNOWN_ADDRESS = 'unknown';

/** Users, clinics, memberships and sessions. */
export class AuthService {
  readonly tokens: TokenService;
  readonly sessions: SessionStore;
  readonly accounts: AccountService;
  constructor(
    private readonly orm: MikroORM,
    secret: string,
    private readonly permissions: () => PermissionRegistry,
  ) {
    this.tokens = new TokenService(secret);
    this.sessions = new SessionStore(() => this.knex(), this.tokens);
    this.accounts = new AccountService(orm, this.sessions, (user, address) => this.issue(user, address));
  }

  private em(): EntityManager {
    return this.orm.em.fork();
  }

  private knex() {
    return this.orm.em.getConnection().getKnex();
  }

  async isInitialized(): Promise<boolean> {
    return (await this.em().count(User, {})) > 0;
  }

  /** A new session for `user`: its first access and refresh tokens. */
  private async issue(user: User, clientAddress: string | null): Promise<AuthPayload> {
    const { accessToken, refreshToken } = await this.sessions.open(user.id, clientAddress);
    return { accessToken, refreshToken, user };
  }

  /** First clinic + its admin (the platform admin). Refused once any user exists. */
  async setup(raw: unknown, clientAddress: string | null = null): Promise<{ payload: AuthPayload; clinic: Clinic }> {
    const input = parseInput(setupInput, raw);
    const passwordHash = await hashPassword(input.adminPassword);
    const { user, clinic } = await this.em().transactional(async (em) => {
      // Serialises concurrent setups; the loser sees the winner's user.
      await em.getConnection().execute(`select pg_advisory_xact_lock(hashtext('dentalpin.setup'))`);
      if ((await em.count(User, {})) > 0)
        throw new DomainError('ALREADY_INITIALIZED', 'This instance is already set up; log in instead.');
      const userId = randomUUID();
      const clinic = await this.newClinic(em, { name: input.clinicName, timezone: input.timezone }, userId, 'setup');
      return { user: this.newPlatformAdmin(em, input, passwordHash, clinic, userId), clinic };
    });
    return { payload: await this.issue(user, clientAddress), clinic };
  }

  /**
   * Checks a password with attempts counted first (see login-limits.ts) and the same work whether or
   * not the e-mail has an account; a hash of an older scheme or cost is replaced on success.
   */
  async login(emailRaw: string, passwordRaw: string, clientAddress: string): Promise<AuthPayload> {
    if (emailRaw.length > MAX_EMAIL_LENGTH || passwordRaw.length > MAX_PASSWORD_LENGTH)
      throw badInput(
        `The e-mail may have at most ${MAX_EMAIL_LENGTH} characters and the password ${MAX_PASSWORD_LENGTH}.`,
      );
    const email = emailRaw.trim().toLowerCase();
    const knex = this.knex();
    await countLoginAttempt(knex, email, clientAddress);
    const em = this.em();
    const user = await em.findOne(User, { email });
    const check = user ? await verifyPassword(passwordRaw, user.passwordHash) : null;
    if (!user) await verifyAgainstNothing(passwordRaw);
    if (!user || !check?.ok) throw new DomainError('UNAUTHENTICATED', 'Wrong email or password.');
    await loginSucceeded(knex, email, clientAddress);
    if (!user.isActive)
      throw new DomainError('UNAUTHENTICATED', 'This account has been deactivated; ask your clinic administrator.');
    if (check.needsRehash) {
      user.passwordHash = await hashPassword(passwordRaw);
      await em.flush();
    }
    return this.issue(user, clientAddress);
  }

  /** Rotates a refresh token (see SessionStore.rotate); a deactivated user's session ends. */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const claims = await this.tokens.verify(refreshToken, 'refresh');
    const rotated = await this.sessions.rotate(claims);
    const user = await this.em().findOne(User, { id: rotated.userId });
    if (!user?.isActive) {
      await this.sessions.revoke(rotated.sessionId, 'deactivated');
      throw new DomainError('UNAUTHENTICATED', 'This account has been deactivated; ask your clinic administrator.');
    }
    return { accessToken: rotated.accessToken, refreshToken: rotated.refreshToken, user };
  }

  /** Ends the session a refresh token belongs to (web logout); an invalid token ends nothing. */
  async logout(refreshToken: string): Promise<void> {
    const claims = await this.tokens.verify(refreshToken, 'refresh').catch(() => null);
    if (claims) await this.sessions.revoke(claims.sid, 'logout');
  }

  /** Ends every session of the user (log out everywhere). */
  async revokeTokens(userId: string): Promise<void> {
    await this.sessions.revokeAll(userId, 'logout_everywhere');
  }

  /** Resolves a request's bearer token and `x-clinic-id` into an identity (never throws). */
  async authenticate(authorization: string | undefined, clinicHeader: string | undefined): Promise<AuthState> {
    if (!authorization) return AuthState.anonymous;
    try {
      const [scheme, token] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !token)
        throw new DomainError('UNAUTHENTICATED', 'The authorization header must be "Bearer <accessToken>".');
      const claims = await this.tokens.verify(token, 'access');
      if (clinicHeader && !UUID.test(clinicHeader))
        throw badInput(`The x-clinic-id header "${clinicHeader}" is not a valid id.`);
      const knex = this.knex();
      // One row: the user, the session, and only the membership the request is for (the clinic named by the
      // header, else the first joined), never all of them: an administrator of 50 clinics costs what one of one does.
      const [membershipJoin, membershipBindings] = clinicHeader
        ? [
            `left join lateral (select m.clinic_id, m.role from clinic_memberships m
             where m.user_id = u.id and m.clinic_id = ?) m on true`,
            [clinicHeader],
          ]
        : [
            `left join lateral (select m.clinic_id, m.role from clinic_memberships m
             where m.user_id = u.id order by m.created_at, m.clinic_id limit 1) m on true`,
            [],
          ];
      const first = await knex('users as u')
        .join('core_auth_session as s', 's.user_id', 'u.id')
        .joinRaw(membershipJoin, membershipBindings)
        .where('u.id', claims.sub)
        .andWhere('s.id', claims.sid)
        .whereNull('s.revoked_at')
        .first('u.email', 'u.is_active', 'u.is_platform_admin', 'm.clinic_id', 'm.role');
      if (!first) throw new DomainError('UNAUTHENTICATED', 'This access token has been revoked; log in again.');
      if (!first.is_active)
        throw new DomainError('UNAUTHENTICATED', 'This account has been deactivated; ask your clinic administrator.');
      if (!first.clinic_id)
        throw new DomainError(
          'FORBIDDEN',
          clinicHeader
            ? 'You are not a member of the clinic named by x-clinic-id.'
            : 'You are not a member of any clinic.',
        );
      const role = first.role as Role;
      const identity: Identity = {
        userId: claims.sub,
        sessionId: claims.sid,
        email: first.email,
        clinicId: first.clinic_id,
        role,
        isPlatformAdmin: first.is_platform_admin,
        grants: this.permissions().grants(role),
      };
      return new AuthState(identity);
    } catch (e) {
      if (e instanceof DomainError) return new AuthState(null, e);
      throw e;
    }
  }

  /**
   * The identity a user has in a clinic right now (current role and grants), or null when the
   * user is inactive or no longer a member. Used when work requested earlier runs later (approvals).
   */
  async identityOf(userId: string, clinicId: string): Promise<Identity | null> {
    const row = await this.orm.em
      .getConnection()
      .getKnex()('users as u')
      .join('clinic_memberships as m', 'm.user_id', 'u.id')
      .where('u.id', userId)
      .andWhere('m.clinic_id', clinicId)
      .first('u.email', 'u.is_active', 'u.is_platform_admin', 'm.role');
    if (!row || !row.is_active) return null;
    const role = row.role as Role;
    return {
      userId,
      email: row.email,
      clinicId,
      role,
      isPlatformAdmin: row.is_platform_admin,
      grants: this.permissions().grants(role),
    };
  }

  async me(identity: Identity): Promise<{
    user: User;
    clinic: Clinic;
    clinics: { id: string; name: string; timezone: string; role: string }[];
    role: Role;
    permissions: string[];
  }> {
    const em = this.em();
    const user = await em.findOneOrFail(User, { id: identity.userId });
    const memberships = await em.find(
      ClinicMembership,
      { user: identity.userId },
      { populate: ['clinic'], orderBy: { createdAt: 'asc' } },
    );
    return {
      user,
      clinic: memberships.find((m) => m.clinic.id === identity.clinicId)!.clinic,
      clinics: memberships.map((m) => ({
        id: m.clinic.id,
        name: m.clinic.name,
        timezone: m.clinic.timezone,
        role: m.role,
      })),
      role: identity.role,
      permissions: this.permissions().expanded(identity.role),
    };
  }

  /** `dentalpin users create-admin`: a platform admin for a (possibly new) clinic; sets up a fresh instance. */
  async createAdmin(raw: { email: string; password: string; clinicName: string }): Promise<User> {
    const names = raw.email.split('@')[0] ?? 'admin';
    if (!(await this.isInitialized()))
      return (
        await this.setup({
          clinicName: raw.clinicName,
          adminEmail: raw.email,
          adminPassword: raw.password,
          adminFirstName: names,
          adminLastName: 'Admin',
        })
      ).payload.user;
    const input = parseInput(setupInput, {
      clinicName: raw.clinicName,
      adminEmail: raw.email,
      adminPassword: raw.password,
      adminFirstName: names,
      adminLastName: 'Admin',
    });
    const passwordHash = await hashPassword(input.adminPassword);
    return this.em().transactional(async (em) => {
      if (await em.count(User, { email: input.adminEmail }))
        throw new DomainError('CONFLICT', `A user with the email ${input.adminEmail} already exists.`);
      const clinic =
        (await em.findOne(Clinic, { name: input.clinicName })) ??
        (await this.newClinic(em, { name: input.clinicName, timezone: input.timezone }, null, 'cli'));
      return this.newPlatformAdmin(em, input, passwordHash, clinic);
    });
  }

  /** A clinic, announced (`clinic.created`) in the same transaction so modules add their defaults. */
  private async newClinic(
    em: EntityManager,
    values: { name: string; timezone: string; currency?: string },
    createdBy: string | null,
    source: ClinicSource,
  ): Promise<Clinic> {
    const clinic = em.create(Clinic, { id: randomUUID(), currency: 'EUR', ...values, settings: {} });
    await publish(em, 'clinic.created', clinicCreated(clinic, createdBy, source));
    return clinic;
  }

  /** A platform administrator who is also the admin of `clinic`. */
  private newPlatformAdmin(
    em: EntityManager,
    input: z.output<typeof setupInput>,
    passwordHash: string,
    clinic: Clinic,
    id: string = randomUUID(),
  ): User {
    const user = em.create(User, {
      id,
      email: input.adminEmail,
      passwordHash,
      firstName: input.adminFirstName,
      lastName: input.adminLastName,
      isPlatformAdmin: true,
    });
    em.create(ClinicMembership, { user, clinic, role: 'admin', isProfessional: false });
    return user;
  }

  /** A platform admin creates a clinic and becomes its admin. */
  async createClinic(identity: Identity, raw: unknown): Promise<Clinic> {
    if (!identity.isPlatformAdmin)
      throw new DomainError('FORBIDDEN', 'Only a platform administrator may create clinics.');
    const input = parseInput(createClinicInput, raw);
    return this.em().transactional(async (em) => {
      const clinic = await this.newClinic(em, input, identity.userId, 'create_clinic');
      em.create(ClinicMembership, { user: identity.userId, clinic, role: 'admin', isProfessional: false });
      return clinic;
    });
  }

  /**
   * A clinic admin adds a user to a clinic they administer. An e-mail that already has an account
   * (in another clinic) gets a membership here, answered exactly like a new user, so the answer never
   * tells an admin which e-mails other clinics use; that account keeps its own password and name.
   */
  async createUser(identity: Identity, raw: unknown): Promise<User> {
    const input = parseInput(createUserInput, raw);
    const clinicId = input.clinicId ?? identity.clinicId;
    const em = this.em();
    const adminship = await em.findOne(ClinicMembership, { user: identity.userId, clinic: clinicId });
    if (!adminship || !hasPermission(this.permissions().grants(adminship.role as Role), 'admin.users.write'))
      throw forbidden('admin.users.write');
    const passwordHash = await hashPassword(input.password);
    return em.transactional(async (tx) => {
      let user = await tx.findOne(User, { email: input.email });
      if (user && (await tx.count(ClinicMembership, { user: user.id, clinic: clinicId })))
        throw new DomainError('CONFLICT', `${input.email} is already a member of this clinic.`);
      user ??= tx.create(User, {
        id: randomUUID(),
        email: input.email,
        passwordHash,
        firstName: input.firstName,
        lastName: input.lastName,
      });
      tx.create(ClinicMembership, {
        user,
        clinic: clinicId,
        role: input.role,
        isProfessional: input.isProfessional ?? PROFESSIONAL_ROLES.includes(input.role),
      });
      return user;
    });
  }
}
