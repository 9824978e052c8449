import type { Allergy, MedicalContext, Medication, SystemicDisease } from '../entities.ts';

export type AlertSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export type AlertCode =
  | 'SEVERE_ALLERGY'
  | 'PREGNANCY'
  | 'LACTATION'
  | 'ANTICOAGULANT'
  | 'INR_STALE'
  | 'ANESTHESIA_REACTION'
  | 'CRITICAL_DISEASE';

export interface MedicalAlert {
  code: AlertCode;
  severity: AlertSeverity;
  /** What a clinician reads before treating the patient (English; the web words it from the fields below). */
  message: string;
  /** True when the caller may not read the medical detail: the message is generic and the fields below are null. */
  generic: boolean;
  /** The record's own words: the allergen, the medication (with its dosage) or the disease. */
  subject: string | null;
  /** The allergy's reaction or the anaesthesia reaction's details, as recorded. */
  detail: string | null;
  /** PREGNANCY: the week, when recorded. CRITICAL_DISEASE: whether it is controlled (null: not recorded). */
  pregnancyWeek: number | null;
  controlled: boolean | null;
  /** The allergy, medication or disease behind the alert (null for the medical context). */
  recordId: string | null;
  inrValue: string | null;
  inrDate: string | null;
}

/** The records alerts are computed from (active ones only). */
export interface AlertInputs {
  context: Pick<
    MedicalContext,
    'isPregnant' | 'pregnancyWeek' | 'isLactating' | 'anesthesiaAdverseReaction' | 'anesthesiaReactionDetails'
  > | null;
  allergies: readonly Allergy[];
  medications: readonly Medication[];
  diseases: readonly SystemicDisease[];
}

/**
 * An INR older than this is stale: for patients on oral anticoagulants the INR is checked within the
 * 72 hours before invasive dental treatment (SDCEP guidance for stable patients).
 */
export const INR_STALE_AFTER_DAYS = 3;

const RANK: Record<AlertSeverity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
const DAY_MS = 86_400_000;

const alert = (
  code: AlertCode,
  severity: AlertSeverity,
  message: string,
  recordId: string | null = null,
  fields: Partial<Pick<MedicalAlert, 'subject' | 'detail' | 'pregnancyWeek' | 'controlled'>> = {},
): MedicalAlert => ({
  code,
  severity,
  message,
  generic: false,
  subject: null,
  detail: null,
  pregnancyWeek: null,
  controlled: null,
  recordId,
  inrValue: null,
  inrDate: null,
  ...fields,
});

/** Whole days from `date` (YYYY-MM-DD) to `today` (YYYY-MM-DD). */
const daysBetween = (date: string, today: string) => Math.round((Date.parse(today) - Date.parse(date)) / DAY_MS);

/**
 * THE rule for medical alerts (the API, the Patient field and the agent tools all come here).
 * `today` is a YYYY-MM-DD date, so the INR's age is counted in calendar days. Most severe first.
 */
export function computeAlerts(inputs: AlertInputs, today: string): MedicalAlert[] {
  const alerts: MedicalAlert[] = [];
  for (const a of inputs.allergies) {
    if (a.severity !== 'high' && a.severity !== 'critical') continue;
    alerts.push(
      alert(
        'SEVERE_ALLERGY',
        a.severity === 'critical' ? 'CRITICAL' : 'HIGH',
        `${a.severity === 'critical' ? 'Critical' : 'Severe'} allergy to ${a.substance}${a.reaction ? ` (${a.reaction})` : ''}.`,
        a.id,
        { subject: a.substance, detail: a.reaction ?? null },
      ),
    );
  }
  const c = inputs.context;
  if (c?.isPregnant)
    alerts.push(
      alert(
        'PREGNANCY',
        'HIGH',
        `Pregnant${c.pregnancyWeek ? ` (week ${c.pregnancyWeek})` : ''}: check drugs, anaesthetics and X-rays.`,
        null,
        { pregnancyWeek: c.pregnancyWeek ?? null },
      ),
    );
  if (c?.isLactating) alerts.push(alert('LACTATION', 'MEDIUM', 'Breastfeeding: check drugs before prescribing.'));
  for (const m of inputs.medications) {
    if (!m.isAnticoagulant) continue;
    const inr = m.inrValue && m.inrDate ? `INR ${m.inrValue} on ${m.inrDate}` : 'no INR recorded';
    const subject = `${m.name}${m.dosage ? ` ${m.dosage}` : ''}`;
    alerts.push({
      ...alert('ANTICOAGULANT', 'CRITICAL', `On anticoagulants (${subject}): ${inr}.`, m.id, { subject }),
      inrValue: m.inrValue ?? null,
      inrDate: m.inrDate ?? null,
    });
    const age = m.inrDate ? daysBetween(m.inrDate, today) : null;
    if (age === null || age > INR_STALE_AFTER_DAYS)
      alerts.push({
        ...alert(
          'INR_STALE',
          'HIGH',
          age === null
            ? `No INR recorded for ${m.name}: get a current INR before invasive treatment.`
            : `INR for ${m.name} is ${age} days old (over ${INR_STALE_AFTER_DAYS}): get a current INR before invasive treatment.`,
          m.id,
          { subject: m.name },
        ),
        inrValue: m.inrValue ?? null,
        inrDate: m.inrDate ?? null,
      });
  }
  if (c?.anesthesiaAdverseReaction)
    alerts.push(
      alert(
        'ANESTHESIA_REACTION',
        'CRITICAL',
        `Adverse reaction to anaesthesia${c.anesthesiaReactionDetails ? `: ${c.anesthesiaReactionDetails}` : ''}.`,
        null,
        { detail: c.anesthesiaReactionDetails ?? null },
      ),
    );
  for (const d of inputs.diseases)
    if (d.isCritical)
      alerts.push(
        alert(
          'CRITICAL_DISEASE',
          'HIGH',
          `${d.name}${d.isControlled === false ? ' (not controlled)' : d.isControlled ? ' (controlled)' : ''}.`,
          d.id,
          { subject: d.name, controlled: d.isControlled ?? null },
        ),
      );
  return alerts.sort((x, y) => RANK[x.severity] - RANK[y.severity]);
}

/** What a caller without `patients_clinical.medical.read` reads: the kind of alert, never the allergen or drug. */
const GENERIC_MESSAGE: Record<AlertCode, string> = {
  SEVERE_ALLERGY: 'Severe allergy: ask a clinician before any treatment or prescription.',
  PREGNANCY: 'Pregnancy: ask a clinician before drugs, anaesthetics or X-rays.',
  LACTATION: 'Breastfeeding: ask a clinician before prescribing.',
  ANTICOAGULANT: 'Bleeding risk: ask a clinician before invasive treatment.',
  INR_STALE: 'A current blood test is needed: ask a clinician before invasive treatment.',
  ANESTHESIA_REACTION: 'Anaesthesia risk: ask a clinician before treatment.',
  CRITICAL_DISEASE: 'Medical condition: ask a clinician before treatment.',
};

/** The alert without its detail: generic text, and no record, INR value or date to look behind it. */
export const withoutDetail = (a: MedicalAlert): MedicalAlert => ({
  ...alert(a.code, a.severity, GENERIC_MESSAGE[a.code]),
  generic: true,
});
