import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { defineStatusMachine, graphqlEnum } from './status.ts';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('defineStatusMachine', () => {
  const appointment = defineStatusMachine({
    subject: 'appointment',
    states: ['scheduled', 'in_treatment', 'completed', 'cancelled'],
    transitions: {
      scheduled: ['in_treatment', 'cancelled'],
      in_treatment: ['completed', 'cancelled'],
      completed: [],
      cancelled: [],
    },
  });

  it('allows the listed moves and shows the allowed ones as GraphQL does', () => {
    expect(() => appointment.assertTransition('scheduled', 'in_treatment')).not.toThrow();
    expect(appointment.can('in_treatment', 'scheduled')).toBe(false);
    expect(appointment.allowedFrom('scheduled')).toEqual(['IN_TREATMENT', 'CANCELLED']);
    expect(appointment.isFinal('completed')).toBe(true);
    expect(appointment.isFinal('scheduled')).toBe(false);
  });

  it('refuses staying put with ALREADY_IN_STATE and other moves with INVALID_TRANSITION and what is allowed', () => {
    expect(refusal(() => appointment.assertTransition('completed', 'completed'))).toMatchObject({
      code: 'ALREADY_IN_STATE',
      message: 'The appointment is already COMPLETED.',
    });
    expect(refusal(() => appointment.assertTransition('scheduled', 'completed'))).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'An appointment cannot go from SCHEDULED to COMPLETED; allowed: IN_TREATMENT, CANCELLED.',
      details: { from: 'SCHEDULED', to: 'COMPLETED', allowed: ['IN_TREATMENT', 'CANCELLED'] },
    });
    expect(refusal(() => appointment.assertTransition('cancelled', 'scheduled')).message).toBe(
      'An appointment cannot go from CANCELLED to SCHEDULED (CANCELLED is final).',
    );
  });

  it('lets a state that lists itself stay put', () => {
    const message = defineStatusMachine({
      subject: 'message',
      states: ['queued', 'sent'],
      transitions: { queued: ['queued', 'sent'], sent: [] },
    });
    expect(() => message.assertTransition('queued', 'queued')).not.toThrow();
    expect(refusal(() => message.assertTransition('sent', 'sent')).message).toBe('The message is already SENT.');
  });

  it('words its refusals as a module whose clients already read its own wording', () => {
    const invoice = defineStatusMachine({
      subject: 'invoice',
      states: ['draft', 'voided'],
      transitions: { draft: ['voided'], voided: [] },
      messages: {
        alreadyIn: (s) => `The invoice is ${s} already.`,
        refused: (from, to, allowed) => `The invoice cannot go from ${from} to ${to} (${allowed.length} allowed).`,
      },
    });
    expect(refusal(() => invoice.assertTransition('voided', 'voided')).message).toBe('The invoice is VOIDED already.');
    expect(refusal(() => invoice.assertTransition('voided', 'draft'))).toMatchObject({
      code: 'INVALID_TRANSITION',
      message: 'The invoice cannot go from VOIDED to DRAFT (0 allowed).',
      details: { from: 'VOIDED', to: 'DRAFT', allowed: [] },
    });
  });

  it('maps GraphQL values to stored ones both ways, refusing unknown values', () => {
    expect(appointment.toGraphQL('in_treatment')).toBe('IN_TREATMENT');
    expect(appointment.fromGraphQL('IN_TREATMENT')).toBe('in_treatment');
    expect(appointment.resolvers).toEqual({
      SCHEDULED: 'scheduled',
      IN_TREATMENT: 'in_treatment',
      COMPLETED: 'completed',
      CANCELLED: 'cancelled',
    });
    expect(refusal(() => appointment.fromGraphQL('LATE'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: '"LATE" is not an appointment status.',
    });
  });
});

describe('graphqlEnum', () => {
  it('names the enum in its refusal', () => {
    const status = graphqlEnum(['active', 'archived'], 'a patient status');
    expect(status.fromGraphQL('archived')).toBe('archived');
    expect(refusal(() => status.fromGraphQL('gone')).message).toBe('"gone" is not a patient status.');
  });
});
