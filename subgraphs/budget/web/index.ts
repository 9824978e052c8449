import { defineAsyncComponent } from 'vue';
import { defineModuleLayer } from '@dentalpin/web/sdk';
import { budgetSearch } from './search.ts';

/** The budget module's web layer: the budget list and editor, and a tab on the patient's page. */
export default defineModuleLayer({
  module: 'budget',
  routes: [
    {
      path: '/budgets',
      name: 'budgets',
      component: () => import('./pages/BudgetsPage.vue'),
      meta: { permission: 'budget.read' },
    },
    {
      path: '/budgets/:id',
      name: 'budget-detail',
      component: () => import('./pages/BudgetDetailPage.vue'),
      meta: { permission: 'budget.read' },
    },
  ],
  slots: {
    'dashboard.widgets': [
      {
        id: 'budget.dashboard.widgets.pending',
        component: defineAsyncComponent(() => import('./components/PendingBudgetsCard.vue')),
        order: 40,
        permission: 'budget.read',
      },
    ],
    'patient.detail.tabs': [
      {
        id: 'budget.patient.detail.tabs.budgets',
        component: defineAsyncComponent(() => import('./components/PatientBudgetsTab.vue')),
        order: 40,
        permission: 'budget.read',
        label: 'budget.tab',
      },
    ],
  },
  searchProviders: [budgetSearch],
  i18n: { en: () => import('./i18n/en.json'), es: () => import('./i18n/es.json') },
});
