import { graphqlEnum } from '@dentalpin/core';

/** Whose hours an override changes: the whole clinic's or one professional's. */
export const overrideScope = graphqlEnum(['clinic', 'professional'], 'a schedule scope');
export type OverrideScope = (typeof overrideScope.values)[number];

/** CLOSED: nobody works (clinic) or the professional is off; CUSTOM_HOURS: these hours replace the weekly ones. */
export const overrideKind = graphqlEnum(['closed', 'custom_hours'], 'an override kind');
export type OverrideKind = (typeof overrideKind.values)[number];

/** The state of a stretch of time, in the original's precedence (see service/availability.ts). */
export const availabilityState = graphqlEnum(['open', 'clinic_closed', 'professional_off'], 'an availability state');
export type AvailabilityState = (typeof availabilityState.values)[number];
