import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import {
  answerConfirm,
  confirmMessage,
  jsonResponse as json,
  mountLayer,
  settle,
  type GraphQLAnswer,
} from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import NoteForm from '../components/NoteForm.vue';
import PatientNotesTab from '../components/PatientNotesTab.vue';
import AppointmentNoteAction from '../components/AppointmentNoteAction.vue';

const patientId = '6f1c1b8e-0000-4000-8000-000000000001';
const appointmentId = '6f1c1b8e-0000-4000-8000-0000000000a1';
const WRITE = ['clinical_notes.notes.read', 'clinical_notes.notes.write'];
const note = (id: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'ClinicalNote',
  id,
  body: `Note ${id}`,
  ownerType: 'PATIENT',
  ownerId: patientId,
  toothNumber: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  canDelete: false,
  author: { __typename: 'User', id: 'u1', fullName: 'Dra. Ana Ruiz' },
  ...extra,
});
const templates: GraphQLAnswer = () =>
  json({ data: { noteTemplates: [{ __typename: 'NoteTemplate', id: 't1', name: 'Endo', body: 'Canals:' }] } });

describe('clinical_notes layer', () => {
  it('NoteForm sends the note on its owner, with the tooth as a number, and clears itself', async () => {
    const { wrapper, sent, notices } = mountLayer(NoteForm, {
      props: { patientId, ownerType: 'APPOINTMENT', ownerId: appointmentId, idPrefix: 'n' },
      permissions: WRITE,
      messages: { en },
      fetch: {
        NoteTemplates: templates,
        CreateClinicalNote: () =>
          json({ data: { createClinicalNote: note('n1', { ownerType: 'APPOINTMENT', ownerId: appointmentId }) } }),
      },
    });
    await settle();
    await wrapper.find('#n-tooth').setValue('36');
    await wrapper.find('#n-body').setValue('Anaesthesia well tolerated.');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(sent.find((o) => o.operationName === 'CreateClinicalNote')?.variables).toEqual({
      input: {
        patientId,
        ownerType: 'APPOINTMENT',
        ownerId: appointmentId,
        toothNumber: 36,
        body: 'Anaesthesia well tolerated.',
      },
    });
    expect(notices[0]).toMatchObject({ severity: 'success', summary: 'Note saved.' });
    expect((wrapper.find('#n-body').element as HTMLTextAreaElement).value).toBe('');
  });

  it('NoteForm names a tooth that is not a number locally and shows the server’s field errors', async () => {
    const { wrapper, sent } = mountLayer(NoteForm, {
      props: { patientId, ownerType: 'PATIENT', idPrefix: 'n' },
      permissions: WRITE,
      messages: { en },
      fetch: {
        NoteTemplates: templates,
        CreateClinicalNote: () =>
          json({
            data: null,
            errors: [
              {
                message: 'toothNumber is not an FDI tooth number',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'toothNumber', message: 'is not an FDI tooth number' }],
                },
              },
            ],
          }),
      },
    });
    await settle();
    await wrapper.find('#n-tooth').setValue('ab');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(wrapper.find('[data-test=error-toothNumber]').text()).toContain('FDI tooth number');
    expect(sent.some((o) => o.operationName === 'CreateClinicalNote')).toBe(false);

    await wrapper.find('#n-tooth').setValue('19');
    await wrapper.find('#n-body').setValue('x');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(sent.filter((o) => o.operationName === 'CreateClinicalNote')).toHaveLength(1);
    expect(wrapper.find('[data-test=error-toothNumber]').text()).toBe('is not an FDI tooth number');
  });

  it('the patient tab lists notes, offers delete only where allowed, and hides the form from readers', async () => {
    const answers = {
      NoteTemplates: templates,
      ClinicalNotes: () =>
        json({ data: { clinicalNotes: [note('n2', { toothNumber: 36, canDelete: true }), note('n1')] } }),
    };
    const writer = mountLayer(PatientNotesTab, {
      props: { ctx: { patientId } },
      permissions: WRITE,
      messages: { en },
      fetch: answers,
    });
    await settle();
    expect(writer.wrapper.findAll('[data-test=note]')).toHaveLength(2);
    expect(writer.wrapper.findAll('[data-test=note-delete]')).toHaveLength(1);
    expect(writer.wrapper.find('[data-test=note-tooth-tag]').text()).toBe('Tooth 36');
    expect(writer.wrapper.find('[data-test=note-form]').exists()).toBe(true);

    const reader = mountLayer(PatientNotesTab, {
      props: { ctx: { patientId } },
      permissions: ['clinical_notes.notes.read'],
      messages: { en, es },
      locale: 'es',
      fetch: answers,
    });
    await settle();
    expect(reader.wrapper.find('[data-test=note-form]').exists()).toBe(false);
    expect(reader.wrapper.findAll('[data-test=note-delete]')).toHaveLength(0);
    expect(reader.wrapper.find('[data-test=note-tooth-tag]').text()).toBe('Diente 36');
  });

  it('the appointment action opens a note form on that appointment, and shows nothing without one', async () => {
    const { wrapper } = mountLayer(AppointmentNoteAction, {
      props: { ctx: { appointment: { id: appointmentId, patient: { id: patientId } } } },
      permissions: WRITE,
      messages: { en },
      fetch: { NoteTemplates: templates },
      attach: true,
      confirmDialog: true,
    });
    const button = wrapper.find('[data-test=appointment-add-note]');
    expect(button.element.tagName).toBe('BUTTON'); // reachable and pressable from the keyboard
    await button.trigger('click');
    await flushPromises();
    expect(document.querySelector('#appointment-note-body')).not.toBeNull();

    // Closing with a note written asks first (Esc goes the same way); keeping it leaves the dialog open with the text.
    const body = document.querySelector<HTMLTextAreaElement>('#appointment-note-body')!;
    body.value = 'Sensitivity on 36 after the filling.';
    body.dispatchEvent(new Event('input'));
    await settle();
    document.querySelector<HTMLButtonElement>('[data-test=appointment-note-dialog] .p-dialog-close-button')!.click();
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect(document.querySelector<HTMLTextAreaElement>('#appointment-note-body')?.value).toBe(
      'Sensitivity on 36 after the filling.',
    );
    wrapper.unmount();

    const empty = mountLayer(AppointmentNoteAction, { props: { ctx: {} }, permissions: WRITE, messages: { en } });
    expect(empty.wrapper.find('[data-test=appointment-add-note]').exists()).toBe(false);
  });
});
