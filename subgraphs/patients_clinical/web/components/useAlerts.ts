import { computed, type MaybeRefOrGetter, toValue } from 'vue';
import { useI18n } from 'vue-i18n';
import { useQuery } from '@vue/apollo-composable';
import { useClinicFormat } from '@dentalpin/web/sdk';
import type { AlertSeverity, PatientMedicalAlertsQuery } from '@dentalpin/web/gql/types';
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

type Alert = NonNullable<PatientMedicalAlertsQuery['patient']>['medicalAlerts'][number];

/** Days an INR stays current before invasive treatment (the server's INR_STALE_AFTER_DAYS). */
const INR_CURRENT_DAYS = 3;

/**
 * An alert in the person's language, from its code and fields (the server's `message` is English). The record's
 * own words (allergen, drug, disease, reaction) stay as recorded; a caller without medical.read gets the generic
 * text of the code.
 */
export function useAlertText() {
  const { t } = useI18n();
  const { day, today } = useClinicFormat();
  const key = (name: string) => `patients_clinical.alertText.${name}`;
  return (a: Alert): string => {
    if (a.generic) return t(key(`generic.${a.code}`));
    const subject = a.subject ?? '';
    switch (a.code) {
      case 'SEVERE_ALLERGY': {
        const text = t(key(a.severity === 'CRITICAL' ? 'criticalAllergy' : 'severeAllergy'), { subject });
        return a.detail ? `${text} (${a.detail}).` : `${text}.`;
      }
      case 'PREGNANCY':
        return a.pregnancyWeek ? t(key('pregnancyWeek'), { week: a.pregnancyWeek }) : t(key('pregnancy'));
      case 'LACTATION':
        return t(key('lactation'));
      case 'ANTICOAGULANT':
        return a.inrValue && a.inrDate
          ? t(key('anticoagulant'), { subject, inr: a.inrValue, date: day(a.inrDate) })
          : t(key('anticoagulantNoInr'), { subject });
      case 'INR_STALE': {
        if (!a.inrDate) return t(key('inrMissing'), { subject });
        const days = Math.round((Date.parse(today()) - Date.parse(a.inrDate)) / 86_400_000);
        return t(key('inrStale'), { subject, days, max: INR_CURRENT_DAYS });
      }
      case 'ANESTHESIA_REACTION':
        return a.detail ? t(key('anesthesiaDetail'), { detail: a.detail }) : t(key('anesthesia'));
      case 'CRITICAL_DISEASE':
        return t(
          key(a.controlled === true ? 'diseaseControlled' : a.controlled === false ? 'diseaseUncontrolled' : 'disease'),
          {
            subject,
          },
        );
      default:
        return a.message;
    }
  };
}
