import type { DemoContext } from '@dentalpin/core';
import { SchedulesService } from './service/index.ts';
import { addDays, localToday } from '@dentalpin/core';

/**
 * The demo clinic's hours: the default split day, a Saturday morning, a closed bank holiday next week, and
 * the first dentist off on Friday afternoons.
 */
export async function seedDemoSchedules(ctx: DemoContext): Promise<void> {
  const service = new SchedulesService(ctx);
  const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, start: '09:00', end: '14:00' },
    { weekday, start: '16:00', end: '20:00' },
  ]);
  await service.setClinicHours([...weekdays, { weekday: 6, start: '09:00', end: '13:00' }]);
  const holiday = addDays(localToday(await service.timezone()), 7);
  await service.addOverride({
    scope: 'clinic',
    startDate: holiday,
    endDate: holiday,
    kind: 'closed',
    reason: 'Bank holiday',
  });
  const dentist = ctx.users.dentist;
  if (dentist)
    await service.setProfessionalHours(
      dentist,
      weekdays.filter((s) => !(s.weekday === 5 && s.start === '16:00')),
    );
}
