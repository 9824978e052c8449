import { describe, expect, it } from 'vitest';
import { answerConfirm, confirmMessage, jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import MedicalAlertBanner from '../components/MedicalAlertBanner.vue';
import MedicalAlertBadge from '../components/MedicalAlertBadge.vue';
import MedicalHistoryTab from '../components/MedicalHistoryTab.vue';

const PATIENT = '00000000-0000-4000-8000-000000000001';
const ALLERGY = '00000000-0000-4000-8000-0000000000a1';
const patientAlerts = (alerts: Record<string, unknown>[]) => () =>
  jsonResponse({ data: { patient: { __typename: 'Patient', id: PATIENT, medicalAlerts: alerts } } });
/** An alert as the server sends it: the English message and the fields the web words it from. */
const medicalAlert = (fields: { code: string; severity: string; message: string } & Record<string, unknown>) => ({
  __typename: 'MedicalAlert',
  generic: false,
  subject: null,
  detail: null,
  pregnancyWeek: null,
  controlled: null,
  inrValue: null,
  inrDate: null,
  ...fields,
});
const PENICILLIN = medicalAlert({
  code: 'SEVERE_ALLERGY',
  severity: 'CRITICAL',
  message: 'Critical allergy to Penicillin (anaphylaxis).',
  subject: 'Penicillin',
  detail: 'anaphylaxis',
});
const GENERIC = medicalAlert({
  code: 'SEVERE_ALLERGY',
  severity: 'CRITICAL',
  message: 'Severe allergy: ask a clinician before any treatment or prescription.',
  generic: true,
});

const history = (allergies: Record<string, unknown>[]) => ({
  data: {
    medicalContext: {
      patientId: PATIENT,
      isPregnant: false,
      pregnancyWeek: null,
      isLactating: false,
      isSmoker: false,
      smokingFrequency: null,
      alcoholConsumption: null,
      bruxism: false,
      anesthesiaAdverseReaction: false,
      anesthesiaReactionDetails: null,
      notes: null,
      updatedAt: null,
      allergies,
      medications: [],
      systemicDiseases: [],
      surgicalHistory: [],
    },
  },
});
const AUDIT = {
  data: {
    medicalHistoryAudit: [
      {
        id: 'e1',
        section: 'ALLERGY',
        action: 'CREATE',
        summary: 'Penicillin',
        // Written before the structured fields: the summary is shown.
        subject: null,
        subjectSeverity: null,
        changedFields: null,
        reason: null,
        changedAt: '2026-11-30T09:15:00.000Z',
        changedByUser: { id: 'u9', fullName: 'Dra. Marta Ruiz' },
      },
    ],
  },
};

describe('patients_clinical layer', () => {
  it('shows a critical allergy with its detail to a clinician with medical.read', async () => {
    const { wrapper, sent } = mountLayer(MedicalAlertBanner, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['patients_clinical.alerts.read', 'patients_clinical.medical.read'],
      messages: { en },
      fetch: { PatientMedicalAlerts: patientAlerts([PENICILLIN]) },
    });
    await settle();
    expect(sent[0]).toMatchObject({ operationName: 'PatientMedicalAlerts', variables: { id: PATIENT } });
    const banner = wrapper.find('[data-test=medical-alert-banner]');
    expect(banner.attributes('data-severity')).toBe('CRITICAL');
    expect(banner.classes()).toContain('tone-danger');
    expect(banner.find('h2').text()).toBe('Medical alert');
    expect(banner.findAll('[data-test=medical-alert]').map((a) => a.text())).toEqual([
      'Critical, Critical allergy to Penicillin (anaphylaxis).',
    ]);
    expect(wrapper.find('[data-test=medical-alert-no-detail]').exists()).toBe(false);
  });

  it('gives a receptionist the generic text and no allergen, in Spanish', async () => {
    const { wrapper } = mountLayer(MedicalAlertBanner, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['patients_clinical.alerts.read'],
      messages: { en, es },
      locale: 'es',
      fetch: { PatientMedicalAlerts: patientAlerts([GENERIC]) },
    });
    await settle();
    const banner = wrapper.find('[data-test=medical-alert-banner]');
    expect(banner.text()).toContain('Crítica');
    // The generic text in Spanish (the server's message is English).
    expect(banner.text()).toContain(
      'Alergia grave: consulta a un clínico antes de cualquier tratamiento o prescripción.',
    );
    expect(banner.text()).not.toContain(GENERIC.message);
    expect(banner.text()).not.toContain('Penicillin');
    expect(wrapper.find('[data-test=medical-alert-no-detail]').text()).toBe(
      'Consulte a un clínico los detalles antes de tratar a este paciente.',
    );
  });

  it('words each kind of alert in Spanish for a clinician, keeping the record’s own words', async () => {
    const inrDate = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const { wrapper } = mountLayer(MedicalAlertBanner, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['patients_clinical.alerts.read', 'patients_clinical.medical.read'],
      messages: { en, es },
      locale: 'es',
      fetch: {
        PatientMedicalAlerts: patientAlerts([
          PENICILLIN,
          medicalAlert({ code: 'ANTICOAGULANT', severity: 'CRITICAL', message: '…', subject: 'Sintrom 4 mg' }),
          medicalAlert({
            code: 'INR_STALE',
            severity: 'HIGH',
            message: '…',
            subject: 'Sintrom',
            inrDate,
            inrValue: '2.5',
          }),
          medicalAlert({ code: 'PREGNANCY', severity: 'HIGH', message: '…', pregnancyWeek: 12 }),
          medicalAlert({
            code: 'CRITICAL_DISEASE',
            severity: 'HIGH',
            message: '…',
            subject: 'Diabetes',
            controlled: false,
          }),
        ]),
      },
    });
    await settle();
    const texts = wrapper.findAll('[data-test=medical-alert]').map((a) => a.text());
    expect(texts).toEqual([
      'Crítica, Alergia crítica a Penicillin (anaphylaxis).',
      'Crítica, Toma anticoagulantes (Sintrom 4 mg): sin INR registrado.',
      expect.stringMatching(/^Alta, El INR de Sintrom tiene 1[01] días \(más de 3\): pide un INR actual/),
      'Alta, Embarazada (semana 12): revisa fármacos, anestesia y radiografías.',
      'Alta, Diabetes (no controlada).',
    ]);
  });

  it('renders nothing for a patient without alerts', async () => {
    const { wrapper } = mountLayer(MedicalAlertBanner, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['patients_clinical.alerts.read'],
      messages: { en },
      fetch: { PatientMedicalAlerts: patientAlerts([]) },
    });
    await settle();
    expect(wrapper.find('[data-test=medical-alert-banner]').exists()).toBe(false);
  });

  it('badges an agenda card with the worst alert and opens the messages from the keyboard', async () => {
    const { wrapper } = mountLayer(MedicalAlertBadge, {
      props: { ctx: { patientId: PATIENT, appointmentId: 'a1' } },
      permissions: ['patients_clinical.alerts.read'],
      messages: { en },
      fetch: {
        PatientMedicalAlerts: patientAlerts([
          GENERIC,
          medicalAlert({ code: 'PREGNANCY', severity: 'HIGH', message: 'Pregnant (week 12): …', pregnancyWeek: 12 }),
        ]),
      },
    });
    await settle();
    const button = wrapper.find('[data-test=medical-alert-badge] button');
    expect(button.element.tagName).toBe('BUTTON');
    // The accessible name holds the visible text (WCAG 2.5.3), after what the badge is.
    expect(button.text()).toBe('Medical alert: Allergy +1');
    expect(button.attributes('aria-label')).toBeUndefined();
    expect(button.find('.sr-only').text()).toBe('Medical alert:');
    expect(button.attributes('aria-expanded')).toBe('false');
    await button.trigger('click');
    expect(button.attributes('aria-expanded')).toBe('true');
    expect(wrapper.findAll('[data-test=medical-alert-badge-list] li').map((l) => l.text())).toEqual([
      GENERIC.message,
      'Pregnant (week 12): check drugs, anaesthetics and X-rays.',
    ]);
    await button.trigger('keydown', { key: 'Escape' });
    expect(wrapper.find('[data-test=medical-alert-badge-list]').exists()).toBe(false);
  });

  it('adds an allergy through addAllergy, refreshing the alerts, and shows who changed what', async () => {
    let saved = false;
    const { wrapper, sent, notices } = mountLayer(MedicalHistoryTab, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['patients_clinical.medical.read', 'patients_clinical.medical.write'],
      messages: { en },
      fetch: {
        MedicalHistory: () =>
          jsonResponse(
            history(
              saved
                ? [
                    {
                      id: ALLERGY,
                      substance: 'Penicillin',
                      type: 'MEDICATION',
                      severity: 'CRITICAL',
                      reaction: 'anaphylaxis',
                      notes: null,
                      updatedAt: '2026-11-30T09:15:00.000Z',
                    },
                  ]
                : [],
            ),
          ),
        MedicalHistoryAudit: () => jsonResponse(AUDIT),
        AddAllergy: () => {
          saved = true;
          return jsonResponse({ data: { addAllergy: { id: ALLERGY } } });
        },
        PatientMedicalAlerts: patientAlerts([PENICILLIN]),
      },
    });
    await settle();
    const allergies = wrapper.find('[data-test=section-allergies]');
    expect(allergies.text()).toContain('Nothing recorded.');
    expect(wrapper.find('[data-test=audit-entry]').text()).toContain('Dra. Marta Ruiz · added allergy: Penicillin');
    await allergies.find('[data-test=add-allergies]').trigger('click');
    const form = allergies.find('[data-test=record-form]');
    // Every field is a labelled native control, so the form works from the keyboard alone.
    for (const control of form.findAll('input, select, textarea'))
      expect(form.find(`label[for="${control.attributes('id')}"]`).exists()).toBe(true);
    await form.find('[data-test=field-substance]').setValue('  Penicillin ');
    await form.find('[data-test=field-type]').setValue('MEDICATION');
    await form.find('[data-test=field-severity]').setValue('CRITICAL');
    await form.find('[data-test=field-reaction]').setValue('anaphylaxis');
    await form.trigger('submit');
    await settle();
    expect(sent.find((s) => s.operationName === 'AddAllergy')?.variables).toEqual({
      patientId: PATIENT,
      input: {
        substance: 'Penicillin',
        type: 'MEDICATION',
        severity: 'CRITICAL',
        reaction: 'anaphylaxis',
        notes: null,
      },
    });
    expect(sent.filter((s) => s.operationName === 'PatientMedicalAlerts')).toHaveLength(1);
    expect(notices[0]).toMatchObject({ severity: 'success', summary: 'Medical history saved.' });
    expect(allergies.find('[data-test=record-form]').exists()).toBe(false);
    expect(allergies.find('[data-test=record]').text()).toContain('Penicillin');
    expect(allergies.find('[data-test=record]').text()).toContain('Critical');
  });

  it('removes a record only with a reason, and edits a medication INR only while it is an anticoagulant', async () => {
    const { wrapper, sent } = mountLayer(MedicalHistoryTab, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['patients_clinical.medical.read', 'patients_clinical.medical.write'],
      messages: { en },
      fetch: {
        MedicalHistory: () =>
          jsonResponse(
            history([
              {
                id: ALLERGY,
                substance: 'Latex',
                type: 'LATEX',
                severity: 'HIGH',
                reaction: null,
                notes: null,
                updatedAt: '2026-11-30T09:15:00.000Z',
              },
            ]),
          ),
        MedicalHistoryAudit: () => jsonResponse({ data: { medicalHistoryAudit: [] } }),
        RemoveAllergy: () => jsonResponse({ data: { removeAllergy: { id: ALLERGY } } }),
        AddMedication: () => jsonResponse({ data: { addMedication: { id: 'm1' } } }),
        PatientMedicalAlerts: patientAlerts([]),
      },
    });
    await settle();
    const allergies = wrapper.find('[data-test=section-allergies]');
    await allergies.find('[data-test=remove-record]').trigger('click');
    expect(allergies.find('[data-test=removal-reason]').attributes('required')).toBeDefined();
    await allergies.find('[data-test=removal-reason]').setValue(' entered on the wrong patient ');
    await allergies.find('[data-test=remove-form]').trigger('submit');
    await settle();
    expect(sent.find((s) => s.operationName === 'RemoveAllergy')?.variables).toEqual({
      id: ALLERGY,
      reason: 'entered on the wrong patient',
    });

    const meds = wrapper.find('[data-test=section-medications]');
    await meds.find('[data-test=add-medications]').trigger('click');
    expect(meds.find('[data-test=field-inrValue]').exists()).toBe(false);
    await meds.find('[data-test=field-name]').setValue('Acenocoumarol');
    await meds.find('[data-test=field-isAnticoagulant]').setValue(true);
    await meds.find('[data-test=field-inrValue]').setValue('2.5');
    await meds.find('[data-test=field-inrDate]').setValue('2026-11-30');
    await meds.find('[data-test=record-form]').trigger('submit');
    await settle();
    expect(sent.find((s) => s.operationName === 'AddMedication')?.variables).toMatchObject({
      input: { name: 'Acenocoumarol', isAnticoagulant: true, inrValue: '2.5', inrDate: '2026-11-30' },
    });
  });

  it('closes an untouched record form at once, and asks before Cancel drops edits to a record', async () => {
    const { wrapper } = mountLayer(MedicalHistoryTab, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['patients_clinical.medical.read', 'patients_clinical.medical.write'],
      messages: { en },
      attach: true,
      confirmDialog: true,
      fetch: {
        MedicalHistory: () => jsonResponse(history([])),
        MedicalHistoryAudit: () => jsonResponse({ data: { medicalHistoryAudit: [] } }),
        PatientMedicalAlerts: patientAlerts([]),
      },
    });
    await settle();
    const meds = () => wrapper.find('[data-test=section-medications]');
    await meds().find('[data-test=add-medications]').trigger('click');
    await meds().find('[data-test=cancel-record]').trigger('click');
    await settle();
    expect(confirmMessage()).toBeNull();
    expect(meds().find('[data-test=record-form]').exists()).toBe(false);

    await meds().find('[data-test=add-medications]').trigger('click');
    await meds().find('[data-test=field-name]').setValue('Warfarin');
    await meds().find('[data-test=cancel-record]').trigger('click');
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect((meds().find('[data-test=field-name]').element as HTMLInputElement).value).toBe('Warfarin');
    await meds().find('[data-test=cancel-record]').trigger('click');
    await settle();
    await answerConfirm(true);
    expect(meds().find('[data-test=record-form]').exists()).toBe(false);

    // Esc asks too, and the key press stops at the form: in a browser the question's own Esc listener on the
    // document is bound before the event gets there, and would answer it at once.
    await meds().find('[data-test=add-medications]').trigger('click');
    await meds().find('[data-test=field-name]').setValue('Sintrom');
    const reachedDocument: string[] = [];
    const listener = (e: KeyboardEvent) => reachedDocument.push(e.key);
    document.addEventListener('keydown', listener);
    meds()
      .find('[data-test=field-name]')
      .element.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle();
    document.removeEventListener('keydown', listener);
    expect(reachedDocument).toEqual([]);
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(true);
    expect(meds().find('[data-test=record-form]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('offers no editing to a reader', async () => {
    const { wrapper } = mountLayer(MedicalHistoryTab, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['patients_clinical.medical.read'],
      messages: { en },
      fetch: {
        MedicalHistory: () =>
          jsonResponse(
            history([
              {
                id: ALLERGY,
                substance: 'Latex',
                type: 'LATEX',
                severity: 'HIGH',
                reaction: null,
                notes: null,
                updatedAt: '2026-11-30T09:15:00.000Z',
              },
            ]),
          ),
        MedicalHistoryAudit: () => jsonResponse({ data: { medicalHistoryAudit: [] } }),
      },
    });
    await settle();
    expect(wrapper.find('[data-test=record]').text()).toContain('Latex');
    expect(
      wrapper.findAll(
        '[data-test^=add-], [data-test=edit-record], [data-test=remove-record], [data-test=edit-context]',
      ),
    ).toHaveLength(0);
  });
});
