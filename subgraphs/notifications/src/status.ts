import { DomainError } from '@dentalpin/core';

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The one table of a message's status changes (the API, the tools, the dispatcher and the web read it):
 * queued → sending (claimed by the dispatcher); sending → sent | failed, or back to sending when a claim
 * outlives its lease (the process died mid-send); failed → sending (automatic retry while attempts remain)
 * or queued (a person retries it); a message not yet sent may be withdrawn (skipped: its appointment was
 * cancelled or moved); sent and skipped are final.
 */
export const MESSAGE_TRANSITIONS: Record<MessageStatus, readonly MessageStatus[]> = {
  queued: ['sending', 'skipped'],
  sending: ['sent', 'failed', 'sending'],
  failed: ['sending', 'queued', 'skipped'],
  sent: [],
  skipped: [],
};

/** Statuses a message can be withdrawn from (those that can move to `skipped`). */
export const WITHDRAWABLE = MESSAGE_STATUSES.filter((s) => MESSAGE_TRANSITIONS[s].includes('skipped'));

/** Statuses the dispatcher may claim (those that can move to `sending`). */
export const CLAIMABLE = MESSAGE_STATUSES.filter((s) => MESSAGE_TRANSITIONS[s].includes('sending'));

export const toGraphQL = (s: MessageStatus) => s.toUpperCase();
export const fromGraphQL = (s: string) => s.toLowerCase() as MessageStatus;

export function checkTransition(from: MessageStatus, to: MessageStatus): void {
  if (from === to && !MESSAGE_TRANSITIONS[from].includes(to))
    throw new DomainError('ALREADY_IN_STATE', `The message is already ${toGraphQL(to)}.`);
  if (!MESSAGE_TRANSITIONS[from].includes(to))
    throw new DomainError(
      'INVALID_TRANSITION',
      `A ${toGraphQL(from)} message cannot become ${toGraphQL(to)}` +
        (MESSAGE_TRANSITIONS[from].length
          ? ` (allowed: ${MESSAGE_TRANSITIONS[from].map(toGraphQL).join(', ')}).`
          : ' (it is final).'),
    );
}
