import { defineModule, loadTypeDefs } from '@dentalpin/core';
import { resolvers } from './resolvers.ts';
import { InventoryService } from './service.ts';

/**
 * Community example: clinic stock. Consumes `appointment.completed` by event name only (it does not
 * depend on agenda): each completed treatment consumes the stock its type needs, once per appointment.
 */
export default defineModule({
  manifest: {
    name: 'inventory',
    version: '0.1.0',
    summary: 'Clinic stock: items, movements, and consumption per completed treatment.',
    author: 'DentalPin community',
    license: 'MIT',
    category: 'community',
    autoInstall: false,
    removable: true,
    rolePermissions: {
      dentist: ['*'],
      assistant: ['*'],
      hygienist: ['items.read'],
      receptionist: ['items.read'],
    },
    frontend: {
      navigation: [
        {
          label: 'nav.inventory',
          to: '/inventory',
          icon: 'i-lucide-package',
          permission: 'inventory.items.read',
          order: 80,
        },
      ],
    },
  },
  permissions: ['items.read', 'items.write'],
  typeDefs: loadTypeDefs(import.meta.url, './schema.graphql'),
  resolvers,
  eventHandlers: {
    'appointment.completed': async (event, ctx) => {
      const p = event.payload as { appointment_id: string; treatment_type: string | null };
      await new InventoryService(ctx.em, { clinicId: ctx.clinicId, userId: '' }).consumeFor(
        p.appointment_id,
        p.treatment_type,
      );
    },
  },
});
