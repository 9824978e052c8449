import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import type { AlertSeverity } from '@dentalpin/web/gql/types';
import { PatientAlertsQuery } from '../operations.ts';

/** PrimeVue severities for the alert severities (CRITICAL and HIGH read as danger, the rest as a warning). */
export const ALERT_TONE: Record<AlertSeverity, 'danger' | 'warn' | 'info'> = {
  CRITICAL: 'danger',
  HIGH: 'danger',
  MEDIUM: 'warn',
  LOW: 'info',
};

/**
 * One patient's alerts (most severe first, as the server ranks them). The query is cached per patient,
 * so a day of agenda cards asks once per patient, and the banner and badges share the answer.
 */
export function usePatientAlerts(patientId: MaybeRefOrGetter<string>) {
  const { result, loading, refetch } = useQuery(PatientAlertsQuery, () => ({ id: toValue(patientId) }), {
    fetchPolicy: 'cache-first',
  });
  const alerts = computed(() => result.value?.patient?.medicalAlerts ?? []);
  const worst = computed<AlertSeverity | null>(() => alerts.value[0]?.severity ?? null);
  return { alerts, worst, loading, refetch };
}
