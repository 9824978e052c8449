import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, decodeJwt } from 'jose';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../testing/index.ts';

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id email } } }`;
const ME = `{ me { user { email isPlatformAdmin } clinic { id name } clinics { id role } role permissions } }`;

describe('auth through the gateway', () => {
  let t: TestPlatform;
  let admin: { token: string; clinicId: string; userId: string };

  beforeAll(async () => {
    t = await startTestPlatform();
  });
  const gqlFrom = async (forwardedFor: string, query: string, variables: Record<string, unknown>) =>
    (
      await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ query, variables }),
      })
    ).json();
  afterAll(() => t.close());

  it('reports an uninitialised instance, then sets it up once', async () => {
    expect(await t.data(`{ setupStatus { initialized } }`)).toEqual({ setupStatus: { initialized: false } });
    admin = await t.setup();
    expect(await t.data(`{ setupStatus { initialized } }`)).toEqual({ setupStatus: { initialized: true } });
    const me = await t.data(ME, {}, { token: admin.token });
    expect(me.me).toMatchObject({
      user: { email: 'admin@norte.test', isPlatformAdmin: true },
      role: 'admin',
      clinic: { name: 'Clínica Norte' },
    });
    expect(me.me.permissions).toEqual(expect.arrayContaining(['admin.users.write', 'patients.read', 'patients.write']));
  });

  it('refuses a second setup with ALREADY_INITIALIZED and writes nothing', async () => {
    const before = await t.platform.db.knex('users').count('* as n').first();
    const r = await t.gql(
      `mutation { setup(input: { clinicName: "X", adminEmail: "x@x.test", adminPassword: "abcdefg1", adminFirstName: "X", adminLastName: "Y" }) { accessToken } }`,
    );
    expect(r.errors?.[0].extensions?.code).toBe('ALREADY_INITIALIZED');
    expect(await t.platform.db.knex('users').count('* as n').first()).toEqual(before);
  });

  it('validates setup input with BAD_USER_INPUT naming the fields', async () => {
    const fresh = await startTestPlatform();
    try {
      const r = await fresh.gql(
        `mutation { setup(input: { clinicName: "", adminEmail: "nope", adminPassword: "short", adminFirstName: "A", adminLastName: "B", timezone: "Mars/Base" }) { accessToken } }`,
      );
      expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0].message).toMatch(/clinicName/);
      expect(r.errors?.[0].message).toMatch(/adminEmail is not an email address/);
      expect(r.errors?.[0].message).toMatch(/timezone is not an IANA time zone/);
      expect(await fresh.data(`{ setupStatus { initialized } }`)).toEqual({ setupStatus: { initialized: false } });
    } finally {
      await fresh.close();
    }
  });

  it('logs in, and refuses a wrong password with UNAUTHENTICATED', async () => {
    const ok = await t.data(LOGIN, { e: 'ADMIN@norte.test', p: TEST_PASSWORD });
    expect(ok.login.user.email).toBe('admin@norte.test');
    const bad = await t.gql(LOGIN, { e: 'admin@norte.test', p: 'wrong-password-1' });
    expect(bad.errors?.[0]).toMatchObject({
      message: 'Wrong email or password.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const unknown = await t.gql(LOGIN, { e: 'nobody@norte.test', p: 'wrong-password-1' });
    expect(unknown.errors?.[0].message).toBe('Wrong email or password.');
  });

  it('locks an (account, address) pair after 5 failures, also for the right password, with a retry hint', async () => {
    const victim = await t.userWithRole(admin, 'assistant');
    // Without DENTALPIN_TRUST_PROXY a forwarded address is not believed: every guess counts for the socket's.
    for (let i = 0; i < 5; i++) await gqlFrom(`203.0.113.${i}`, LOGIN, { e: victim.email, p: 'bad-guess-000' });
    const locked = await t.gql(LOGIN, { e: victim.email, p: TEST_PASSWORD });
    expect(locked.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    const retry = locked.errors?.[0].extensions?.retryAfterSeconds as number;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    expect(locked.errors?.[0].message).toMatch(/try again in \d+ minute/);
  });

  it('rotates refresh tokens: a reused one ends its whole session, and revocation kills every token', async () => {
    const REFRESH = `mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken } }`;
    const session = await t.data(LOGIN, { e: 'admin@norte.test', p: TEST_PASSWORD });
    const refreshed = await t.data(REFRESH, { r: session.login.refreshToken });
    expect(refreshed.refreshToken.refreshToken).not.toBe(session.login.refreshToken);
    expect((await t.data(ME, {}, { token: refreshed.refreshToken.accessToken })).me.user.email).toBe(
      'admin@norte.test',
    );
    const notRefresh = await t.gql(REFRESH, { r: session.login.accessToken });
    expect(notRefresh.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // A refresh token two rotations old: someone holds a copy, so the session (every token of it) ends.
    const latest = await t.data(REFRESH, { r: refreshed.refreshToken.refreshToken });
    const reused = await t.gql(REFRESH, { r: session.login.refreshToken });
    expect(reused.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/already used/),
    });
    expect((await t.gql(REFRESH, { r: latest.refreshToken.refreshToken })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await t.gql(ME, {}, { token: refreshed.refreshToken.accessToken })).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    // Other sessions of the same user live on until logoutEverywhere.
    const other = await t.data(LOGIN, { e: 'admin@norte.test', p: TEST_PASSWORD });
    const third = await t.data(LOGIN, { e: 'admin@norte.test', p: TEST_PASSWORD });
    expect((await t.data(ME, {}, { token: other.login.accessToken })).me.user.email).toBe('admin@norte.test');
    await t.data(`mutation { logoutEverywhere }`, {}, { token: other.login.accessToken });
    // A token checked before (its signature verified once and kept) is refused too: revocation is read every time.
    expect((await t.gql(ME, {}, { token: other.login.accessToken })).errors?.[0].message).toMatch(/revoked/);
    const revoked = await t.gql(ME, {}, { token: third.login.accessToken });
    expect(revoked.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/revoked/),
    });
    const revokedRefresh = await t.gql(REFRESH, { r: third.login.refreshToken });
    expect(revokedRefresh.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    admin = { ...admin, token: (await t.data(LOGIN, { e: 'admin@norte.test', p: TEST_PASSWORD })).login.accessToken };
  });

  it('a refresh whose answer was lost: the token it replaced gets the current one again, for 30 s only', async () => {
    const REFRESH = `mutation($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken } }`;
    const session = await t.data(LOGIN, { e: 'admin@norte.test', p: TEST_PASSWORD });
    const original = session.login.refreshToken as string;
    // The answer to this refresh never reaches the browser (a reload while it was on its way)…
    const lost = (await t.data(REFRESH, { r: original })).refreshToken;
    // …so the browser presents its token again: the session goes on with the current token, not a new one.
    const retried = (await t.data(REFRESH, { r: original })).refreshToken;
    expect(decodeJwt(retried.refreshToken).jti).toBe(decodeJwt(lost.refreshToken).jti);
    expect((await t.data(ME, {}, { token: retried.accessToken })).me.user.email).toBe('admin@norte.test');
    // Either copy of the current token rotates the session once more.
    const next = (await t.data(REFRESH, { r: retried.refreshToken })).refreshToken;
    expect(decodeJwt(next.refreshToken).jti).not.toBe(decodeJwt(lost.refreshToken).jti);

    // After the grace window the replaced token is a copy again: the session ends.
    const sid = decodeJwt(next.refreshToken).sid as string;
    await t.platform.db
      .knex('core_auth_session')
      .where({ id: sid })
      .update({ rotated_at: t.platform.db.knex.raw(`now() - interval '31 seconds'`) });
    const late = await t.gql(REFRESH, { r: lost.refreshToken });
    expect(late.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/already used/),
    });
    expect((await t.gql(REFRESH, { r: next.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
  it('refuses a signed access token without exp, without a session, or with a non-uuid subject', async () => {
    const { sid } = decodeJwt(admin.token) as { sid: string };
    const key = new TextEncoder().encode(t.secret);
    const signed = (claims: Record<string, unknown>, subject: string, exp: boolean) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setIssuer('dentalpin');
      return (exp ? jwt.setExpirationTime('5m') : jwt).sign(key);
    };
    const noExp = await signed({ typ: 'access', sid }, admin.userId, false);
    expect((await t.gql(ME, {}, { token: noExp })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const noSession = await signed({ typ: 'access' }, admin.userId, true);
    expect((await t.gql(ME, {}, { token: noSession })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const notUuid = await signed({ typ: 'access', sid }, 'user-1', true);
    expect((await t.gql(ME, {}, { token: notUuid })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    // The same claims with exp are accepted: the refusals above are about exp, sid and sub alone.
    expect((await t.data(ME, {}, { token: await signed({ typ: 'access', sid }, admin.userId, true) })).me).toBeTruthy();
  });

  it('refuses expired, forged and malformed tokens', async () => {
    const expired = await new SignJWT({ typ: 'access', sid: (decodeJwt(admin.token) as { sid: string }).sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.userId)
      .setIssuer('dentalpin')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 1800)
      .sign(new TextEncoder().encode(t.secret));
    const r1 = await t.gql(ME, {}, { token: expired });
    expect(r1.errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/expired/),
    });
    const forged = await new SignJWT({ typ: 'access', sid: (decodeJwt(admin.token) as { sid: string }).sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.userId)
      .setIssuer('dentalpin')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    expect((await t.gql(ME, {}, { token: forged })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(ME, {}, { token: 'not-a-jwt' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('an access token accepted before is refused once it expires (its verification is kept only until then)', async () => {
    const sid = (decodeJwt(admin.token) as { sid: string }).sid;
    const exp = Math.floor(Date.now() / 1000) + 2;
    const shortLived = await new SignJWT({ typ: 'access', sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(admin.userId)
      .setIssuer('dentalpin')
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(t.secret));
    expect((await t.data(ME, {}, { token: shortLived })).me.user.email).toBeTruthy();
    expect((await t.data(ME, {}, { token: shortLived })).me.user.email).toBeTruthy();
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
    expect((await t.gql(ME, {}, { token: shortLived })).errors?.[0]).toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: expect.stringMatching(/expired/),
    });
  });

  it('selects the clinic with x-clinic-id and refuses foreign or malformed ones', async () => {
    const created = await t.data(
      `mutation { createClinic(input: { name: "Clínica Sur", timezone: "Atlantic/Canary" }) { id name } }`,
      {},
      { token: admin.token },
    );
    const sur = created.createClinic.id;
    const me = await t.data(ME, {}, { token: admin.token, clinicId: sur });
    expect(me.me.clinic).toEqual({ id: sur, name: 'Clínica Sur' });
    expect(me.me.clinics).toHaveLength(2);
    // Without the header: the clinic joined first, whatever was joined after.
    expect((await t.data(ME, {}, { token: admin.token })).me.clinic.id).toBe(admin.clinicId);

    const stranger = await t.userWithRole(admin, 'receptionist');
    const foreign = await t.gql(ME, {}, { token: stranger.token, clinicId: sur });
    expect(foreign.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/not a member/),
    });
    const malformed = await t.gql(ME, {}, { token: stranger.token, clinicId: 'clinic-1' });
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lets only a clinic admin create users, and only in clinics they administer', async () => {
    const receptionist = await t.userWithRole(admin, 'receptionist');
    const r = await t.gql(
      `mutation { createUser(input: { email: "x1@test.dentalpin", password: "abcdefg1", firstName: "X", lastName: "Y", role: "dentist" }) { id } }`,
      {},
      { token: receptionist.token },
    );
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const dup = await t.gql(
      `mutation { createUser(input: { email: "admin@norte.test", password: "abcdefg1", firstName: "X", lastName: "Y", role: "dentist" }) { id } }`,
      {},
      { token: admin.token },
    );
    expect(dup.errors?.[0].extensions?.code).toBe('CONFLICT');
    const badRole = await t.gql(
      `mutation { createUser(input: { email: "x2@test.dentalpin", password: "abcdefg1", firstName: "X", lastName: "Y", role: "janitor" }) { id } }`,
      {},
      { token: admin.token },
    );
    expect(badRole.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringMatching(/^role/),
    });
  });

  it('keeps process-global operations to platform admins, not clinic admins', async () => {
    const sur = (
      await t.data(`mutation { createClinic(input: { name: "Clínica Este" }) { id } }`, {}, { token: admin.token })
    ).createClinic.id;
    const clinicAdmin = await t.userWithRole({ token: admin.token, clinicId: sur }, 'admin', sur);
    const r = await t.gql(`mutation { restartModules { activeModules } }`, {}, { token: clinicAdmin.token });
    expect(r.errors?.[0]).toMatchObject({
      extensions: { code: 'FORBIDDEN' },
      message: expect.stringMatching(/platform administrator/),
    });
    const anonymous = await t.gql(`{ modules { name } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
