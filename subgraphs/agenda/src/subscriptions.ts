import { clinicTimezone, DomainError, lookup, parseClinicDateTime, type ModuleSubscription } from '@dentalpin/core';
import { AGENDA_CHANGE_EVENTS } from './events.ts';

/** `agendaChanged(from, to)`: agenda events of the caller's clinic, optionally only those overlapping the window. */
export const subscriptions: Record<string, ModuleSubscription> = {
  agendaChanged: {
    events: AGENDA_CHANGE_EVENTS,
    permission: 'appointments.read',
    async setup(args, { identity, em }) {
      const tz = await clinicTimezone(em, identity.clinicId);
      const from = args.from ? parseClinicDateTime(args.from, tz, 'from') : null;
      const to = args.to ? parseClinicDateTime(args.to, tz, 'to') : null;
      if (from && to && to <= from) throw new DomainError('BAD_USER_INPUT', 'to must be after from.');
      return (event) => {
        const p = event.payload as { appointment_id: string; start_time: string; end_time: string };
        if (from && new Date(p.end_time) <= from) return undefined;
        if (to && new Date(p.start_time) >= to) return undefined;
        // The appointment is read through the supergraph as the subscriber, with their selection; subscribers
        // of the same clinic with the same grants share one read per event.
        return {
          eventId: event.id,
          type: event.type,
          appointment: lookup('appointment', { id: ['ID!', p.appointment_id] }, { shareKey: event.id }),
        };
      };
    },
  },
};
