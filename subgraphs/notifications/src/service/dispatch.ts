import { clinicInfo, DomainError, type EntityManager, type JobContext } from '@dentalpin/core';
import { Message, Settings } from '../entities.ts';
import { CLAIMABLE } from '../status.ts';
import { publishMessage } from './index.ts';
import { settingsView } from './settings.ts';
import type { Channel, OutgoingEmail } from './channels.ts';

/** Messages one run claims at most. */
export const BATCH_SIZE = 50;
/** A run stops claiming after this long (the job runs every 30 s). */
export const BUDGET_MS = 25_000;
/** A message left `sending` this long (its process died mid-send) is claimed again. */
export const LEASE_SECONDS = 600;

/** Seconds before retry n (n = attempts made so far, from 1): 60·2^(n−1), at most an hour. */
export const backoffSeconds = (attempts: number) => Math.min(60 * 2 ** Math.max(attempts - 1, 0), 3600);

export interface DispatchResult {
  claimed: number;
  sent: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
}

/** Renders another module's document for a clinic (the job's `document`); null when no active module renders it. */
export type DocumentSource = JobContext['document'];

/**
 * The message's attachments, rendered now in its language by the modules that own them. A module no longer
 * active, or a record gone from the clinic, leaves its file out (the text still says what it is about); any
 * other failure throws, so the message is retried like a refused send.
 */
async function renderAttachments(message: Message, documents: DocumentSource): Promise<OutgoingEmail['attachments']> {
  const files: OutgoingEmail['attachments'] = [];
  for (const a of message.attachments) {
    const rendered = await documents(message.clinicId, a.document, a.id, message.locale).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return null;
      throw e;
    });
    if (rendered) files.push({ filename: rendered.filename, content: rendered.pdf, contentType: 'application/pdf' });
  }
  return files;
}

/** Claims the next due message (`for update skip locked`: two processes never take the same one). */
async function claimNext(em: EntityManager, now: Date): Promise<string | null> {
  const leaseExpired = new Date(now.getTime() - LEASE_SECONDS * 1000);
  const claimable = CLAIMABLE.filter((s) => s !== 'sending');
  const [row] = await em.transactional((tx) =>
    tx.execute<ClaimedRow[]>(
      `update notification_messages set status = 'sending', claimed_at = clock_timestamp(), updated_at = clock_timestamp()
       where id = (
         select id from notification_messages
         where (status in (${claimable.map(() => '?').join(', ')}) and attempts < max_attempts
                and (next_attempt_at is null or next_attempt_at <= ?))
            or (status = 'sending' and claimed_at < ?)
         order by coalesce(next_attempt_at, created_at), id
         limit 1
         for update skip locked)
       returning id`,
      [...claimable, now, leaseExpired],
    ),
  );
  return row?.id ?? null;
}

/**
 * Sends the due messages of every clinic, one at a time: claims one (status `sending`), sends it through
 * `channel` outside any transaction, then records the outcome and its event in one transaction. A message
 * is `sending` only while it is being sent, so the lease never expires under a slow batch. Failures are
 * retried with backoff until `max_attempts`. Stops after `batchSize` messages or `budgetMs`, whichever first
 * (the next run carries on).
 */
export async function dispatchDue(
  em: EntityManager,
  channel: Channel,
  now: Date,
  {
    batchSize = BATCH_SIZE,
    budgetMs = BUDGET_MS,
    documents = async () => null,
  }: { batchSize?: number; budgetMs?: number; documents?: DocumentSource } = {},
): Promise<DispatchResult> {
  const result: DispatchResult = { claimed: 0, sent: 0, failed: 0 };
  const deadline = Date.now() + budgetMs;
  const senders = new Map<string, { name: string; replyTo: string | null }>();

  while (result.claimed < batchSize && Date.now() < deadline) {
    const id = await claimNext(em.fork(), now);
    if (!id) break;
    result.claimed++;
    const message = await em.fork().findOneOrFail(Message, { id });
    let sender = senders.get(message.clinicId);
    if (!sender) {
      const settings = settingsView(
        message.clinicId,
        await em.fork().findOne(Settings, { clinicId: message.clinicId }),
      );
      sender = {
        name: settings.senderName || (await clinicInfo(em.fork(), message.clinicId)).name,
        replyTo: settings.replyTo,
      };
      senders.set(message.clinicId, sender);
    }
    let outcome: { ok: true; provider: string; providerMessageId: string | null } | { ok: false; error: string };
    try {
      const r = await channel.send({
        to: message.toAddress!,
        subject: message.subject,
        text: message.bodyText,
        html: message.bodyHtml ?? null,
        senderName: sender.name,
        replyTo: sender.replyTo,
        attachments: await renderAttachments(message, documents),
      });
      outcome = { ok: true, ...r };
    } catch (e) {
      outcome = { ok: false, error: ((e as Error).message || String(e)).slice(0, 2000) };
    }
    await em.fork().transactional(async (tx) => {
      const m = await tx.findOneOrFail(Message, { id, status: 'sending' });
      m.attempts += 1;
      m.claimedAt = null;
      if (outcome.ok) {
        m.status = 'sent';
        m.sentAt = new Date();
        m.provider = outcome.provider;
        m.providerMessageId = outcome.providerMessageId;
        m.nextAttemptAt = null;
        m.lastError = null;
        result.sent++;
      } else {
        m.status = 'failed';
        m.lastError = outcome.error;
        m.provider = channel.provider;
        const willRetry = m.attempts < m.maxAttempts;
        m.nextAttemptAt = willRetry ? new Date(now.getTime() + backoffSeconds(m.attempts) * 1000) : null;
        result.failed++;
      }
      await tx.flush();
      if (outcome.ok) await publishMessage(tx, 'notification.sent', m, { provider: outcome.provider });
      else
        await publishMessage(tx, 'notification.failed', m, {
          error: outcome.error,
          will_retry: m.nextAttemptAt !== null,
        });
    });
  }
  return result;
}
