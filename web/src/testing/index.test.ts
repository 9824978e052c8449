import { describe, expect, it } from 'vitest';
import { defineComponent, h } from 'vue';
import { useI18n } from 'vue-i18n';
import hostEn from '../i18n/en.json';
import { mountLayer } from './index.ts';

const Probe = defineComponent({
  setup() {
    const { t } = useI18n();
    return () => h('p', [t('errors.reasons.LAYER_REASON'), ' / ', t('errors.codes.NOT_FOUND')]);
  },
});

describe('mountLayer', () => {
  it("merges a layer's messages into the host's deeply, as the app does (a layer's errors.reasons keeps the host's errors)", () => {
    const messages = { en: { errors: { reasons: { LAYER_REASON: 'Said by the layer' } } } };
    const { wrapper } = mountLayer(Probe, { messages, locale: 'en' });
    expect(wrapper.text()).toBe(`Said by the layer / ${hostEn.errors.codes.NOT_FOUND}`);
    // The host's messages are not changed for the next test.
    const bare = mountLayer(Probe, { locale: 'en' });
    expect(bare.wrapper.text()).toContain('errors.reasons.LAYER_REASON');
  });
});
