import { defineStatusMachine } from '@dentalpin/core';

/**
 * The one table of a message's status changes (the API, the tools, the dispatcher and the web read it):
 * queued → sending (claimed by the dispatcher); sending → sent | failed, or back to sending when a claim
 * outlives its lease (the process died mid-send); failed → sending (automatic retry while attempts remain)
 * or queued (a person retries it); a message not yet sent may be withdrawn (skipped: its appointment was
 * cancelled or moved); sent and skipped are final.
 */
export const messageStatus = defineStatusMachine({
  subject: 'message',
  states: ['queued', 'sending', 'sent', 'failed', 'skipped'],
  transitions: {
    queued: ['sending', 'skipped'],
    sending: ['sent', 'failed', 'sending'],
    failed: ['sending', 'queued', 'skipped'],
    sent: [],
    skipped: [],
  },
  // The wording clients of the module have always read.
  messages: {
    refused: (from, to, allowed) =>
      `A ${from} message cannot become ${to}` +
      (allowed.length ? ` (allowed: ${allowed.join(', ')}).` : ' (it is final).'),
  },
});
export type MessageStatus = (typeof messageStatus.values)[number];

/** Statuses a message can be withdrawn from (those that can move to `skipped`). */
export const WITHDRAWABLE = messageStatus.values.filter((s) => messageStatus.can(s, 'skipped'));

/** Statuses the dispatcher may claim (those that can move to `sending`). */
export const CLAIMABLE = messageStatus.values.filter((s) => messageStatus.can(s, 'sending'));
