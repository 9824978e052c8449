import { describe, expect, it } from 'vitest';
import { jsonResponse, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import RecallsSettingsSection from '../components/RecallsSettingsSection.vue';

const settings = {
  intervals: [
    { reason: 'HYGIENE', months: 6 },
    { reason: 'CHECKUP', months: 12 },
  ],
  reminderLeadDays: 14,
};
const mount = (permissions: string[], locale = 'en') =>
  mountLayer(RecallsSettingsSection, {
    permissions,
    messages: { en, es },
    locale,
    fetch: {
      RecallSettings: () => jsonResponse({ data: { recallSettings: settings } }),
      UpdateRecallSettings: () =>
        jsonResponse({
          data: {
            updateRecallSettings: { ...settings, intervals: [{ reason: 'HYGIENE', months: 4 }, settings.intervals[1]] },
          },
        }),
    },
    attach: true,
  });

describe('recalls layer: RecallsSettingsSection', () => {
  it("shows the clinic's intervals and lead time and saves a change for a recalls.settings holder", async () => {
    const { wrapper, sent, notices } = mount(['recalls.read', 'recalls.settings']);
    await settle();
    const hygiene = wrapper.find<HTMLInputElement>('#recall-interval-HYGIENE');
    expect(hygiene.element.value).toBe('6');
    expect(wrapper.find<HTMLInputElement>('#recall-lead-days').element.value).toBe('14');
    expect(wrapper.text()).toContain('Months until the next visit, per reason');
    await hygiene.setValue('4');
    await hygiene.trigger('blur');
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(sent.find((s) => s.operationName === 'UpdateRecallSettings')).toMatchObject({
      variables: {
        input: {
          intervals: [
            { reason: 'HYGIENE', months: 4 },
            { reason: 'CHECKUP', months: 12 },
          ],
          reminderLeadDays: 14,
        },
      },
    });
    expect(notices.map((n) => n.summary)).toContain('Recall settings saved.');
  });

  it('is read-only without recalls.settings, in Spanish too', async () => {
    const { wrapper, sent } = mount(['recalls.read'], 'es');
    await settle();
    expect(wrapper.find('[data-test=recall-settings-save]').exists()).toBe(false);
    expect(wrapper.find('fieldset').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('Meses hasta la próxima visita, por motivo');
    expect(sent.map((s) => s.operationName)).toEqual(['RecallSettings']);
  });
});

describe('recalls layer: RecallsSettingsSection keeps unsaved changes', () => {
  /** Whether closing or reloading the tab now would ask first. */
  const unloadHeld = () => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  };

  it('holds closing the tab while a change is unsaved, and lets it go once read or saved', async () => {
    const { wrapper } = mount(['recalls.read', 'recalls.settings']);
    await settle();
    expect(unloadHeld()).toBe(false);
    const hygiene = wrapper.find<HTMLInputElement>('#recall-interval-HYGIENE');
    await hygiene.setValue('4');
    await hygiene.trigger('blur');
    expect(unloadHeld()).toBe(true);
    await wrapper.find('form').trigger('submit');
    await settle();
    expect(unloadHeld()).toBe(false);
  });
});
