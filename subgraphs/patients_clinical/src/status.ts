import { graphqlEnum } from '@dentalpin/core';

/** The stored enums of the medical history; GraphQL shows them in capitals (MEDICATION, …). */
export const allergyType = graphqlEnum(['medication', 'latex', 'food', 'environmental', 'other'], 'an allergy type');
export const allergySeverity = graphqlEnum(['low', 'medium', 'high', 'critical'], 'an allergy severity');
export const medicalSection = graphqlEnum(
  [
    'medical_context',
    'allergy',
    'medication',
    'systemic_disease',
    'surgical_procedure',
    'emergency_contact',
    'legal_guardian',
  ],
  'a medical history section',
);
export const auditAction = graphqlEnum(['create', 'update', 'remove'], 'an audit action');
