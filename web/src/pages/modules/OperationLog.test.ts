import { describe, expect, it } from 'vitest';
import { mountLayer } from '../../testing/index.ts';
import OperationLog from './OperationLog.vue';

describe('modules admin: the operation log', () => {
  it('says when each step ran on the clinic’s clock (Madrid), in the person’s language', () => {
    const { wrapper } = mountLayer(OperationLog, {
      locale: 'es',
      props: {
        rows: [
          // 23:30 UTC on 30 November is already 1 December, 00:30, in Madrid.
          {
            id: '1',
            operation: 'install',
            step: 'migrate',
            status: 'completed',
            createdAt: '2026-11-30T23:30:00.000Z',
          },
        ],
      },
    });
    expect(wrapper.find('[data-test=operation-log] tbody td').text()).toBe('1 dic 2026, 0:30');
  });
});
