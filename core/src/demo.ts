import { logger } from './logger.ts';
import { AuthState } from './graphql/context.ts';
import type { Platform } from './platform.ts';

export const DEMO_PASSWORD = 'demo1234';
const DEMO_USERS = [
  { role: 'admin', email: 'admin@demo.dentalpin.test', firstName: 'Ana', lastName: 'Admin' },
  { role: 'dentist', email: 'dentist@demo.dentalpin.test', firstName: 'Diego', lastName: 'Dentista' },
  { role: 'receptionist', email: 'reception@demo.dentalpin.test', firstName: 'Rosa', lastName: 'Recepción' },
] as const;

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

/**
 * A demo clinic with an admin, a dentist and a receptionist, then each active module's demo data.
 * Returns the logins, or null when the instance was already set up by someone else.
 */
export async function seedDemo(platform: Platform): Promise<DemoLogin[] | null> {
  const logins = DEMO_USERS.map((u) => ({ role: u.role, email: u.email, password: DEMO_PASSWORD }));
  if (await platform.auth.isInitialized()) {
    const known = await platform.coreOrm.em
      .fork()
      .getConnection()
      .execute(`select 1 from users where email = ?`, [DEMO_USERS[0].email]);
    if (known.length) return logins;
    logger.warn('this instance is already set up; demo data was not added');
    return null;
  }
  const [admin, ...staff] = DEMO_USERS;
  const { payload, clinic } = await platform.auth.setup({
    clinicName: 'Clínica Dental Demo',
    adminEmail: admin.email,
    adminPassword: DEMO_PASSWORD,
    adminFirstName: admin.firstName,
    adminLastName: admin.lastName,
    timezone: 'Europe/Madrid',
  });
  const adminIdentity = (await platform.auth.authenticate(`Bearer ${payload.accessToken}`, clinic.id)).user();
  const users: Record<string, string> = { admin: payload.user.id };
  for (const u of staff) {
    const user = await platform.auth.createUser(adminIdentity, { ...u, password: DEMO_PASSWORD });
    users[u.role] = user.id;
  }
  // In dependency order, each in its own committed transaction: a module's demo may read (through
  // `query`, as the demo admin) what the modules it depends on have just created.
  const query = platform.supergraph.forAuth(new AuthState(adminIdentity));
  for (const m of platform.activeModules()) {
    if (!m.definition.demo) continue;
    const orm = await platform.kernel.orm(m.name);
    await orm.em.fork().transactional((em) =>
      m.definition.demo!({
        moduleName: m.name,
        em,
        logger,
        clinicId: clinic.id,
        users,
        admin: adminIdentity,
        identity: adminIdentity,
        query,
      }),
    );
  }
  return logins;
}
