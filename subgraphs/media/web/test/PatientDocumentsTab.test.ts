import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import PatientDocumentsTab from '../components/PatientDocumentsTab.vue';

const PATIENT = '11111111-1111-4111-8111-111111111111';
const consent = {
  __typename: 'Document',
  id: '22222222-2222-4222-8222-222222222222',
  title: 'Consentimiento implante',
  documentType: 'CONSENT',
  kind: 'DOCUMENT',
  mimeType: 'application/pdf',
  sizeBytes: 20480,
  createdAt: '2026-11-30T10:00:00.000Z',
  downloadUrl: '/media/documents/22222222-2222-4222-8222-222222222222/content?signature=s',
  tags: ['implant'],
  pairedDocument: null,
};
const answers = (documents: unknown[]) => ({
  PatientDocuments: () => jsonResponse({ data: { documents } }),
  DocumentUploadUrl: () => jsonResponse({ data: { documentUploadUrl: '/media/documents?signature=u' } }),
});

describe('media layer: PatientDocumentsTab', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists documents with a link to open each, in Spanish, and offers no upload or archive to readers', async () => {
    const { wrapper } = mountLayer(PatientDocumentsTab, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['media.documents.read'],
      modules: ['media'],
      messages: { en, es },
      locale: 'es',
      fetch: answers([consent]),
    });
    await settle();
    const item = wrapper.find('[data-test=media-document]');
    expect(item.text()).toContain('Consentimiento implante');
    expect(item.text()).toContain('Consentimiento ·');
    expect(item.text()).toContain('20 KB');
    expect(wrapper.find('[data-test=media-open]').attributes('href')).toBe(consent.downloadUrl);
    expect(wrapper.find('[data-test=media-upload]').exists()).toBe(false);
    expect(wrapper.find('[data-test=media-archive]').exists()).toBe(false);
  });

  it('uploads through a signed link and shows the server refusal when the type is not accepted', async () => {
    const posted: FormData[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        posted.push(init.body as FormData);
        return new Response(
          JSON.stringify({
            errors: [{ message: 'The file is not a PDF, JPEG, PNG…', extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }],
          }),
          { status: 415 },
        );
      }),
    );
    const { wrapper, sent, notices } = mountLayer(PatientDocumentsTab, {
      props: { ctx: { patientId: PATIENT } },
      permissions: ['media.documents.read', 'media.documents.write'],
      modules: ['media'],
      messages: { en, es },
      fetch: answers([]),
    });
    await settle();
    expect(wrapper.find('[data-test=media-empty]').exists()).toBe(true);
    const input = wrapper.find('input[type=file]');
    Object.defineProperty(input.element, 'files', { value: [new File(['MZ'], 'x.jpg', { type: 'image/jpeg' })] });
    await wrapper.find('select').setValue('XRAY');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(sent.map((s) => s.operationName)).toContain('DocumentUploadUrl');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.get('patientId')).toBe(PATIENT);
    expect(posted[0]!.get('documentType')).toBe('XRAY');
    expect(notices.at(-1)).toMatchObject({ severity: 'error', detail: 'The file is not a PDF, JPEG, PNG…' });
  });
});
