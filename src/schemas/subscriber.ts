import { z } from 'zod';

/** Channels a subscriber can be reached on. */
export const SUBSCRIBER_CHANNELS = ['email', 'sms'] as const;
export type SubscriberChannel = (typeof SUBSCRIBER_CHANNELS)[number];

/** A person on one or more lists. */
export interface Subscriber {
  id: number;
  name: string;
  email: string | null;
  /** E.164, e.g. +31612345678. */
  phone: string | null;
  preferredChannel: SubscriberChannel;
  fallbackChannel: SubscriberChannel | null;
  /** How and when consent was given, e.g. "import lijst Schoolleiders door beheerder (2026-11-23)". */
  consent: string;
  /** When the subscriber confirmed (double opt-in); imports by an administrator count as confirmed. */
  confirmedAt: string | null;
  /** Random id behind the unsubscribe and "my data" links; opens nothing by itself (see PersonalTokens). */
  token: string;
  createdAt: string;
}

/** A list of subscribers, e.g. "Schoolleiders" or "Reservisten zorg". */
export const listNameSchema = z.string().trim().min(1).max(80);
