import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { mountLayer } from '../testing/index.ts';
import DashboardCard from './DashboardCard.vue';

const router = () =>
  createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { render: () => null } }] });
const card = (total: number | undefined, locale = 'en') =>
  mountLayer(DashboardCard, {
    locale,
    plugins: [router()],
    props: {
      test: 'demo',
      icon: 'pi-calendar',
      title: 'Today',
      summary: `${total ?? 2} appointments`,
      items: [
        { key: 'a', to: '/a', label: 'Ana' },
        { key: 'b', to: '/b', label: 'Bruno' },
      ],
      loading: false,
      empty: 'None',
      more: { to: '/agenda', label: 'Open the agenda' },
      ...(total === undefined ? {} : { total }),
    },
  }).wrapper;

describe('DashboardCard', () => {
  it('says how many the summary counts that the list does not show, in the person’s language', () => {
    expect(card(7).find('[data-test=demo-rest]').text()).toBe('and 5 more');
    expect(card(3, 'es').find('[data-test=demo-rest]').text()).toBe('y 1 más');
  });

  it('says nothing more when every item is listed or no total is given', () => {
    expect(card(2).find('[data-test=demo-rest]').exists()).toBe(false);
    expect(card(undefined).find('[data-test=demo-rest]').exists()).toBe(false);
  });
});
