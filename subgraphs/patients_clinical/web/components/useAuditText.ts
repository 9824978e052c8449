import { useI18n } from 'vue-i18n';
import type { MedicalAuditAction, MedicalHistoryAuditQuery, MedicalSection } from '@dentalpin/web/gql/types';

type Entry = MedicalHistoryAuditQuery['medicalHistoryAudit'][number];

const ONE_TO_ONE: readonly MedicalSection[] = ['EMERGENCY_CONTACT', 'LEGAL_GUARDIAN'];

/**
 * The verb of an entry (a key under `patients_clinical.audit.actions`): a CREATE records the medical context,
 * sets the emergency contact or legal guardian, and adds a list record.
 */
export function auditVerb(section: MedicalSection, action: MedicalAuditAction): string {
  if (action !== 'CREATE') return action;
  if (section === 'MEDICAL_CONTEXT') return 'RECORD';
  return ONE_TO_ONE.includes(section) ? 'SET' : 'CREATE';
}

/**
 * An audit entry in the person's language, from its section, action, subject, subjectSeverity and changedFields
 * (the server's `summary` is English): "cambió alergia: Látex (gravedad: Crítica) — Gravedad, Reacción". The
 * record's own words stay as recorded; severities and field names are translated. An entry written before these
 * fields existed (changedFields null) keeps its summary. The removal reason is shown beside it, by the list.
 */
export function useAuditText() {
  const { t, te } = useI18n();
  const key = (name: string) => `patients_clinical.${name}`;
  const field = (name: string) => (te(key(`fields.${name}`)) ? t(key(`fields.${name}`)) : name);
  return (e: Entry): string => {
    const action = t(key(`audit.actions.${auditVerb(e.section, e.action)}`));
    const section = t(key(`audit.sections.${e.section}`));
    if (e.changedFields == null) return t(key('audit.line'), { action, section, detail: e.summary });
    const subject =
      e.subject && e.subjectSeverity
        ? t(key('audit.withSeverity'), {
            subject: e.subject,
            severity: t(key(`enums.severity.${e.subjectSeverity}`)),
          })
        : (e.subject ?? '');
    // An addition lists no fields; the medical context's first recording lists what it recorded.
    const fields = e.changedFields.map(field).join(', ');
    const detail = subject && fields ? t(key('audit.withFields'), { subject, fields }) : subject || fields;
    return detail
      ? t(key('audit.line'), { action, section, detail })
      : t(key('audit.lineNoDetail'), { action, section });
  };
}
