import { randomUUID } from 'node:crypto';
import {
  badInput,
  clinicInfo,
  notFound,
  parseInput,
  inOrder,
  publish,
  withEm,
  type EntityManager,
  type FilterQuery,
  type ServiceContext,
} from '@dentalpin/core';
import { Message, Preference, Settings, Template, type MessageAttachment } from '../entities.ts';
import {
  listInput,
  messageId,
  patientId,
  preferencesInput,
  sendInput,
  settingsInput,
  templateInput,
} from '../inputs.ts';
import { messageStatus, type MessageStatus } from '../status.ts';
import { NotificationPatientDocument, type NotificationPatientQuery } from '../generated/operations.ts';
import { checkTemplateSyntax, render, type RenderedMessage, type TemplateVariables } from './render.ts';
import {
  preferencesView,
  settingsView,
  type AutomaticEventType,
  type PreferencesView,
  type SettingsView,
} from './settings.ts';

export const FALLBACK_LOCALE = 'es';
export const CHANNEL = 'email';
export const MAX_ATTEMPTS = 5;

/** Why a message was recorded but not queued. */
export const SKIP_REASONS = [
  'do_not_contact',
  'no_address',
  'disabled',
  'auto_send_off',
  'email_disabled',
  'opted_out',
  'no_template',
  'patient_not_found',
  'template_error',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** What a message needs of its patient, read from the patients module. */
export type PatientContact = NonNullable<NotificationPatientQuery['patient']>;

/**
 * A message to a staff account (the password-reset link), not to a patient: the patient rules
 * (do-not-contact, opt-outs, the clinic's on/off switch) do not apply to it.
 */
export interface AccountRecipient {
  email: string;
}

/** Message templates whose body holds a secret (a sign-in link): the outbox never shows their text. */
export const SECRET_TEMPLATES: readonly string[] = ['password_reset'];

export interface EnqueueRequest {
  /** The patient it goes to; absent for a message to an account. */
  patientId?: string;
  account?: AccountRecipient;
  templateKey: string;
  /**
   * Variables besides patient and clinic (appointment, budget, invoice, subject, message); a function gets
   * the language of the template chosen, so dates and amounts read like the text around them.
   */
  variables?: TemplateVariables | ((locale: string) => TemplateVariables);
  /** The event of an automatic message (clinic auto-send and patient opt-outs apply); absent = sent by a person. */
  eventType?: AutomaticEventType;
  /** Makes enqueueing idempotent: a second request with the same key returns the first message. */
  dedupKey?: string;
  triggeredByUserId?: string | null;
  /** Documents to attach when it is sent (the invoice of "invoice issued"). */
  attachments?: MessageAttachment[];
}

/** The business rules of notifications for one clinic. Reads other modules only through `query` (the supergraph). */
export class NotificationsService {
  constructor(private readonly ctx: ServiceContext) {}

  private get clinicId(): string {
    return this.ctx.identity.clinicId;
  }

  private get em(): EntityManager {
    return this.ctx.em;
  }

  async patient(id: string): Promise<PatientContact | null> {
    return (await this.ctx.query(NotificationPatientDocument, { id })).patient;
  }

  private async requirePatient(id: string): Promise<PatientContact> {
    const patient = await this.patient(parseInput(patientId, id));
    if (!patient) throw notFound('Patient', id);
    return patient;
  }

  // ---- settings ------------------------------------------------------------------------------------------

  async settings(): Promise<SettingsView> {
    return settingsView(this.clinicId, await this.em.findOne(Settings, { clinicId: this.clinicId }));
  }

  async updateSettings(raw: unknown): Promise<SettingsView> {
    const input = parseInput(settingsInput, raw);
    return this.em.transactional(async (em) => {
      let row = await em.findOne(Settings, { clinicId: this.clinicId });
      if (!row) {
        const defaults = settingsView(this.clinicId, null);
        row = em.create(Settings, {
          clinicId: this.clinicId,
          enabled: defaults.enabled,
          autoSend: Object.fromEntries(defaults.autoSend.map((a) => [a.eventType, a.enabled])),
          senderName: null,
          replyTo: null,
          defaultLocale: null,
          reminderHoursBefore: defaults.reminderHoursBefore,
        });
      }
      if (input.enabled != null) row.enabled = input.enabled;
      if (input.autoSend)
        row.autoSend = {
          ...row.autoSend,
          ...Object.fromEntries(input.autoSend.map((a) => [a.eventType, a.enabled])),
        };
      if (input.senderName !== undefined) row.senderName = input.senderName || null;
      if (input.replyTo !== undefined) row.replyTo = input.replyTo || null;
      if (input.defaultLocale !== undefined) row.defaultLocale = input.defaultLocale || null;
      if (input.reminderHoursBefore != null) row.reminderHoursBefore = input.reminderHoursBefore;
      await em.flush();
      return settingsView(this.clinicId, row);
    });
  }

  // ---- patient preferences ------------------------------------------------------------------------------

  async preferences(patient: string): Promise<PreferencesView> {
    await this.requirePatient(patient);
    return preferencesView(patient, await this.em.findOne(Preference, { clinicId: this.clinicId, patientId: patient }));
  }

  /** Preferences of patients the caller already holds (federated Patient.notificationPreferences), in order. */
  async preferencesOf(patients: readonly string[]): Promise<PreferencesView[]> {
    const rows = await this.em.find(Preference, { clinicId: this.clinicId, patientId: { $in: [...patients] } });
    const byPatient = inOrder(patients, rows, (r) => r.patientId);
    return patients.map((p, i) => preferencesView(p, byPatient[i]));
  }

  async updatePreferences(patient: string, raw: unknown): Promise<PreferencesView> {
    const input = parseInput(preferencesInput, raw);
    await this.requirePatient(patient);
    return this.em.transactional(async (em) => {
      let row = await em.findOne(Preference, { clinicId: this.clinicId, patientId: patient });
      row ??= em.create(Preference, {
        clinicId: this.clinicId,
        patientId: patient,
        emailEnabled: true,
        optOuts: [],
        preferredLocale: null,
      });
      if (input.emailEnabled != null) row.emailEnabled = input.emailEnabled;
      if (input.optOuts) row.optOuts = [...new Set(input.optOuts)].sort();
      if (input.preferredLocale !== undefined) row.preferredLocale = input.preferredLocale ?? null;
      await em.flush();
      return preferencesView(patient, row);
    });
  }

  // ---- templates ------------------------------------------------------------------------------------------

  /** The system templates and the clinic's own (overrides and its own keys), by key and language. */
  async templates(filter: { templateKey?: string | null; locale?: string | null } = {}): Promise<Template[]> {
    const where: FilterQuery<Template> = { $or: [{ clinicId: null }, { clinicId: this.clinicId }] };
    if (filter.templateKey) where.templateKey = filter.templateKey;
    if (filter.locale) where.locale = filter.locale;
    return this.em.find(Template, where, {
      orderBy: { templateKey: 'asc', locale: 'asc', clinicId: 'asc nulls first' },
    });
  }

  /** Creates or edits the clinic's template for a key and language; a system template is never edited (it is copied). */
  async upsertTemplate(raw: unknown): Promise<Template> {
    const input = parseInput(templateInput, raw);
    checkTemplateSyntax({ subject: input.subject, bodyText: input.bodyText, bodyHtml: input.bodyHtml });
    return this.em.transactional(async (em) => {
      const key = { clinicId: this.clinicId, templateKey: input.templateKey, locale: input.locale, channel: CHANNEL };
      const system = await em.findOne(Template, { ...key, clinicId: null });
      let row = await em.findOne(Template, key);
      row ??= em.create(Template, {
        ...key,
        subject: input.subject,
        bodyText: input.bodyText,
        bodyHtml: null,
        description: system?.description ?? null,
        isActive: true,
      });
      row.subject = input.subject;
      row.bodyText = input.bodyText;
      if (input.bodyHtml !== undefined) row.bodyHtml = input.bodyHtml || null;
      if (input.description !== undefined) row.description = input.description || null;
      if (input.isActive != null) row.isActive = input.isActive;
      await em.flush();
      return row;
    });
  }

  /** The template a message uses: the clinic's active one, else the system one; the language's, else the fallback's. */
  async resolveTemplate(key: string, wanted: string): Promise<Template | null> {
    const rows = await this.em.find(Template, {
      templateKey: key,
      channel: CHANNEL,
      isActive: true,
      $or: [{ clinicId: null }, { clinicId: this.clinicId }],
    });
    const rank = (t: Template) =>
      (t.locale === wanted ? 0 : t.locale === wanted.slice(0, 2) ? 2 : t.locale === FALLBACK_LOCALE ? 4 : 6) +
      (t.clinicId ? 0 : 1);
    return rows.sort((a, b) => rank(a) - rank(b))[0] ?? null;
  }

  // ---- the outbox ----------------------------------------------------------------------------------------

  async messages(raw: unknown) {
    const input = parseInput(listInput, raw);
    const where: FilterQuery<Message> = { clinicId: this.clinicId };
    if (input.status?.length) where.status = { $in: input.status };
    if (input.patientId) where.patientId = input.patientId;
    const [items, total] = await this.em.findAndCount(Message, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: input.pageSize,
      offset: (input.page - 1) * input.pageSize,
    });
    return { items, total, page: input.page, pageSize: input.pageSize };
  }

  async message(id: string): Promise<Message | null> {
    return this.em.findOne(Message, { id: parseInput(messageId, id), clinicId: this.clinicId });
  }

  /** A message written or chosen by a person (GraphQL and the agent tool): queued, never sent here. */
  async send(raw: unknown): Promise<Message> {
    const input = parseInput(sendInput, raw);
    const variables: TemplateVariables = {};
    if (input.subject) variables.subject = input.subject;
    if (input.body) variables.message = input.body;
    return this.enqueue({
      patientId: input.patientId,
      templateKey: input.templateKey || 'manual',
      variables,
      triggeredByUserId: this.ctx.identity.userId,
    });
  }

  /** A person retries a failed message: it is queued again with a fresh set of attempts. */
  async retry(id: string): Promise<Message> {
    return this.em.transactional(async (em) => {
      const message = await em.findOne(Message, { id: parseInput(messageId, id), clinicId: this.clinicId });
      if (!message) throw notFound('Message', id);
      messageStatus.assertTransition(message.status, 'queued');
      message.status = 'queued';
      message.attempts = 0;
      message.nextAttemptAt = new Date();
      message.claimedAt = null;
      await em.flush();
      await publishMessage(em, 'notification.queued', message);
      return message;
    });
  }

  /**
   * The one way a message enters the outbox (event handlers, the GraphQL mutation and the agent tool).
   * Records a `skipped` row when it must not be sent (do-not-contact, no address, disabled, opted out,
   * no template), else a `queued` row rendered now; the dispatcher job sends it. Idempotent by `dedupKey`.
   */
  async enqueue(request: EnqueueRequest): Promise<Message> {
    if (request.dedupKey) {
      const existing = await this.em.findOne(Message, { clinicId: this.clinicId, dedupKey: request.dedupKey });
      if (existing) return existing;
    }
    const manual = !request.eventType && !request.account;
    const patient = request.patientId ? await this.patient(request.patientId) : null;
    if (!patient && manual) throw notFound('Patient', request.patientId ?? '');

    return this.em.transactional(async (em) => {
      const inTransaction = new NotificationsService(withEm(this.ctx, em));
      const settings = await inTransaction.settings();
      const preference = request.patientId
        ? await em.findOne(Preference, { clinicId: this.clinicId, patientId: request.patientId })
        : null;
      const clinic = await clinicInfo(em, this.clinicId);
      const locale = chooseLocale(preference, settings, clinic.locale);
      const template = await inTransaction.resolveTemplate(request.templateKey, locale);
      if (!template && manual) throw badInput(`There is no active template "${request.templateKey}".`);

      let skipReason = whySkip(request, patient, settings, preference, !!template);
      const extra = request.variables;
      const variables: TemplateVariables = {
        ...(typeof extra === 'function' ? extra(template?.locale ?? locale) : extra),
        patient: patient
          ? { firstName: patient.firstName, lastName: patient.lastName, fullName: patient.fullName }
          : { firstName: '', lastName: '', fullName: '' },
        clinic: { name: settings.senderName || clinic.name },
      };
      let rendered: RenderedMessage = { subject: '', bodyText: '', bodyHtml: null };
      if (template)
        try {
          rendered = render(template, variables);
        } catch (e) {
          const problem = `Template "${template.templateKey}" (${template.locale}) cannot be rendered: ${(e as Error).message}`;
          if (manual) throw badInput(problem);
          // An event must not be retried forever for a broken clinic template: record it, visibly.
          skipReason = 'template_error';
          rendered = { subject: '', bodyText: problem, bodyHtml: null };
        }
      const status: MessageStatus = skipReason ? 'skipped' : 'queued';
      const id = randomUUID();
      const now = new Date();
      const inserted = await em
        .createQueryBuilder(Message)
        .insert({
          id,
          clinicId: this.clinicId,
          channel: CHANNEL,
          toAddress: request.account?.email ?? (patient?.email || null),
          patientId: request.patientId ?? null,
          templateKey: request.templateKey,
          locale: template?.locale ?? locale,
          subject: rendered.subject.slice(0, 300),
          bodyText: rendered.bodyText,
          bodyHtml: rendered.bodyHtml,
          status,
          skipReason,
          attempts: 0,
          maxAttempts: MAX_ATTEMPTS,
          nextAttemptAt: status === 'queued' ? now : null,
          dedupKey: request.dedupKey ?? null,
          triggeredByEvent: request.eventType ?? null,
          triggeredByUserId: request.triggeredByUserId ?? null,
          attachments: request.attachments ?? [],
          createdAt: now,
          updatedAt: now,
        })
        .onConflict(['clinicId', 'dedupKey'])
        .ignore()
        .execute('run');
      if (!inserted.affectedRows) {
        // The same event handled twice at once: the other delivery recorded it.
        const existing = await em.findOne(Message, { clinicId: this.clinicId, dedupKey: request.dedupKey });
        if (existing) return existing;
      }
      const message = await em.findOneOrFail(Message, { id });
      await publishMessage(em, status === 'queued' ? 'notification.queued' : 'notification.skipped', message);
      return message;
    });
  }
}

const chooseLocale = (preference: Preference | null, settings: SettingsView, clinicLocale: string) =>
  preference?.preferredLocale || settings.defaultLocale || clinicLocale || FALLBACK_LOCALE;

function whySkip(
  request: EnqueueRequest,
  patient: PatientContact | null,
  settings: SettingsView,
  preference: Preference | null,
  hasTemplate: boolean,
): SkipReason | null {
  if (request.account) return hasTemplate ? null : 'no_template';
  if (!patient) return 'patient_not_found';
  if (patient.doNotContact) return 'do_not_contact';
  if (!patient.email) return 'no_address';
  if (!settings.enabled) return 'disabled';
  const event = request.eventType;
  if (event && !settings.autoSend.find((a) => a.eventType === event)?.enabled) return 'auto_send_off';
  if (preference && !preference.emailEnabled) return 'email_disabled';
  if (event && preference?.optOuts.includes(event)) return 'opted_out';
  if (!hasTemplate) return 'no_template';
  return null;
}

/** Publishes a notification.* event about a message (inside the caller's transaction). */
export async function publishMessage(em: EntityManager, type: string, m: Message, extra: Record<string, unknown> = {}) {
  await publish(em, type, {
    clinic_id: m.clinicId,
    message_id: m.id,
    patient_id: m.patientId,
    template_key: m.templateKey,
    channel: m.channel,
    status: m.status,
    skip_reason: m.skipReason,
    attempts: m.attempts,
    triggered_by_event: m.triggeredByEvent,
    ...extra,
  });
}
