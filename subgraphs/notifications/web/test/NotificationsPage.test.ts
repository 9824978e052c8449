import { describe, expect, it } from 'vitest';
import { answerConfirm, confirmMessage, jsonResponse as json, mountLayer, settle } from '@dentalpin/web/testing';
import en from '../i18n/en.json';
import es from '../i18n/es.json';
import NotificationsPage from '../pages/NotificationsPage.vue';

const message = (id: string, fields: Record<string, unknown>) => ({
  __typename: 'NotificationMessage',
  id,
  status: 'SENT',
  skipReason: null,
  toAddress: 'lucia@example.com',
  templateKey: 'appointment_confirmation',
  locale: 'es',
  subject: 'Su cita',
  bodyText: 'Hola',
  attempts: 1,
  maxAttempts: 5,
  nextAttemptAt: null,
  lastError: null,
  triggeredByEvent: 'appointment.scheduled',
  canRetry: false,
  createdAt: '2026-11-26T09:00:00.000Z',
  sentAt: '2026-11-26T09:00:30.000Z',
  ...fields,
});
const MESSAGES = [
  message('m1', {}),
  message('m2', { status: 'SKIPPED', skipReason: 'do_not_contact', toAddress: null, attempts: 0, sentAt: null }),
  message('m3', {
    status: 'FAILED',
    lastError: 'connect ECONNREFUSED 127.0.0.1:2525',
    nextAttemptAt: '2026-11-26T09:02:00.000Z',
    canRetry: true,
    sentAt: null,
  }),
];
const SETTINGS = {
  __typename: 'NotificationSettings',
  enabled: true,
  senderName: null,
  replyTo: null,
  defaultLocale: null,
  reminderHoursBefore: 24,
  autoSend: [
    {
      __typename: 'NotificationAutoSend',
      eventType: 'appointment.scheduled',
      templateKey: 'appointment_confirmation',
      enabled: true,
    },
    {
      __typename: 'NotificationAutoSend',
      eventType: 'appointment_reminder',
      templateKey: 'appointment_reminder',
      enabled: true,
    },
  ],
};
function mountPage(permissions: string[], locale = 'en') {
  return mountLayer(NotificationsPage, {
    permissions,
    modules: ['notifications'],
    fullName: 'Rosa',
    messages: { en, es },
    locale,
    fetch: {
      NotificationMessages: () =>
        json({
          data: {
            notificationMessages: {
              __typename: 'NotificationMessagePage',
              items: MESSAGES,
              total: 3,
              page: 1,
              pageSize: 20,
            },
          },
        }),
      RetryNotification: (body) =>
        json({
          data: {
            retryNotification: {
              __typename: 'NotificationMessage',
              id: body.variables.id,
              status: 'QUEUED',
              attempts: 0,
              nextAttemptAt: null,
              canRetry: false,
            },
          },
        }),
      NotificationSettings: () => json({ data: { notificationSettings: SETTINGS } }),
      UpdateNotificationSettings: (body) =>
        json({ data: { updateNotificationSettings: { ...SETTINGS, ...(body.variables.input as object) } } }),
      NotificationTemplates: () => json({ data: { notificationTemplates: [] } }),
    },
  });
}

describe('notifications layer: the message log', () => {
  it('shows each message with its status, why it was skipped and when a failed one is retried', async () => {
    const { wrapper } = mountPage(['notifications.logs.read', 'notifications.send']);
    await settle();
    const text = wrapper.find('[data-test=notifications-table]').text();
    expect(text).toContain('3 messages');
    expect(text).toContain('Sent');
    expect(text).toContain('Skipped');
    expect(text).toContain('Patient does not want to be contacted');
    expect(text).toContain('connect ECONNREFUSED 127.0.0.1:2525');
    expect(text).toContain('Next attempt');
    // Staff without templates.read / settings.read see the log only.
    expect(wrapper.text()).not.toContain('Templates');
    expect(wrapper.text()).not.toContain('Settings');
  });

  it('offers retry only on failed messages, to those who may send, and queues it again', async () => {
    const { wrapper, sent, notices } = mountPage(['notifications.logs.read', 'notifications.send']);
    await settle();
    const buttons = wrapper.findAll('[data-test=notifications-retry]');
    expect(buttons).toHaveLength(1);
    await buttons[0].trigger('click');
    await settle();
    expect(sent.find((b) => b.operationName === 'RetryNotification')?.variables).toEqual({ id: 'm3' });
    expect(notices[0]).toMatchObject({ severity: 'success', summary: 'The message is queued again.' });

    const reader = mountPage(['notifications.logs.read']);
    await settle();
    expect(reader.wrapper.findAll('[data-test=notifications-retry]')).toHaveLength(0);
  });

  it('names the status filter once: its aria-label, no <label> or aria-labelledby beside it', async () => {
    const { wrapper } = mountPage(['notifications.logs.read']);
    await settle();
    const combobox = wrapper.find('[data-test=notifications-status-filter] [role=combobox]');
    expect(combobox.attributes('aria-label')).toBe('Status');
    expect(combobox.attributes('aria-labelledby')).toBeUndefined();
    const id = combobox.attributes('id');
    expect(id ? wrapper.findAll(`label[for="${id}"]`) : []).toHaveLength(0);
    expect(combobox.element.closest('label')).toBeNull();
  });

  it('speaks Spanish', async () => {
    const { wrapper } = mountPage(['notifications.logs.read'], 'es');
    await settle();
    const text = wrapper.text();
    expect(text).toContain('Notificaciones');
    expect(text).toContain('Enviado');
    expect(text).toContain('El paciente no desea ser contactado');
    // Templates by name, not by key.
    expect(text).toContain('Confirmación de cita');
    expect(text).not.toContain('appointment_confirmation');
  });

  it('says when each message was created and retried on the clinic’s clock (Madrid), in Spanish', async () => {
    const { wrapper } = mountPage(['notifications.logs.read'], 'es');
    await settle();
    const rows = wrapper.findAll('[data-test=notifications-table] tbody tr');
    // 09:00 UTC is 10:00 in Madrid in November.
    expect(rows[0].find('td').text()).toBe('26 nov 2026, 10:00');
    expect(rows[2].text()).toContain('26 nov 2026, 10:02');
  });
});

describe('notifications layer: settings', () => {
  it('edits how many hours before an appointment its reminder goes, and sends it with the settings', async () => {
    const { wrapper, sent } = mountPage([
      'notifications.logs.read',
      'notifications.settings.read',
      'notifications.settings.write',
    ]);
    await settle();
    const tab = wrapper.findAll('[role=tab]').find((x) => x.text() === 'Settings')!;
    await tab.trigger('click');
    await settle();
    expect(wrapper.text()).toContain('Reminder hours before the appointment');
    expect(wrapper.text()).toContain('Appointment reminder');
    const input = wrapper.find('#n-reminder-hours');
    expect((input.element as HTMLInputElement).value).toBe('24');
    await input.setValue('48');
    await input.trigger('input');
    await input.trigger('blur');
    await settle();
    // Unsaved: closing the tab would ask first; saved, it would not.
    const unloadHeld = () => !window.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    expect(unloadHeld()).toBe(true);
    await wrapper.find('form').trigger('submit');
    await settle();
    const update = sent.find((b) => b.operationName === 'UpdateNotificationSettings');
    expect(update?.variables.input).toMatchObject({ reminderHoursBefore: 48 });
    expect(unloadHeld()).toBe(false);
  });
});

describe('notifications layer: unsaved edits', () => {
  const TEMPLATE = {
    __typename: 'NotificationTemplate',
    id: 't1',
    templateKey: 'appointment_reminder',
    locale: 'en',
    subject: 'Your appointment',
    bodyText: 'See you soon',
    description: null,
    isSystem: true,
    isActive: true,
    updatedAt: '2026-11-26T09:00:00.000Z',
  };
  const mountTemplates = () =>
    mountLayer(NotificationsPage, {
      permissions: ['notifications.logs.read', 'notifications.templates.read', 'notifications.templates.write'],
      modules: ['notifications'],
      messages: { en },
      attach: true,
      confirmDialog: true,
      fetch: {
        NotificationMessages: () =>
          json({
            data: {
              notificationMessages: {
                __typename: 'NotificationMessagePage',
                items: [],
                total: 0,
                page: 1,
                pageSize: 20,
              },
            },
          }),
        NotificationTemplates: () => json({ data: { notificationTemplates: [TEMPLATE] } }),
      },
    });
  const q = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector);
  async function openTemplate() {
    const { wrapper } = mountTemplates();
    await settle();
    await wrapper
      .findAll('[role=tab]')
      .find((x) => x.text() === 'Templates')!
      .trigger('click');
    await settle();
    q('[data-test=notifications-template-edit]')!.click();
    await settle();
  }

  it('closes an untouched template at once', async () => {
    await openTemplate();
    expect(q<HTMLInputElement>('#n-subject')!.value).toBe('Your appointment');
    q('[data-test=notifications-template-cancel]')!.click();
    await settle();
    expect(confirmMessage()).toBeNull();
    expect(q('[data-test=notifications-template-dialog]')).toBeNull();
  });

  it('asks before Cancel drops an edited subject; keeping it keeps the text, discarding closes', async () => {
    await openTemplate();
    const subject = q<HTMLInputElement>('#n-subject')!;
    subject.value = 'Your visit tomorrow';
    subject.dispatchEvent(new Event('input'));
    await settle();
    q('[data-test=notifications-template-cancel]')!.click();
    await settle();
    expect(confirmMessage()).toContain('not saved');
    await answerConfirm(false);
    expect(q<HTMLInputElement>('#n-subject')!.value).toBe('Your visit tomorrow');
    q('[data-test=notifications-template-cancel]')!.click();
    await settle();
    await answerConfirm(true);
    expect(q('[data-test=notifications-template-dialog]')).toBeNull();
  });
});
