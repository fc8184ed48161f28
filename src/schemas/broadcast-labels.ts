import type { BroadcastChannel, BroadcastStatus, MessageType, Severity } from './broadcast.ts';

/** Dutch names of the channels, as the console and messages show them. */
export const CHANNEL_LABEL: Record<BroadcastChannel, string> = { web: 'Website en feeds', email: 'E-mail', sms: 'Sms' };

/** A channel's name inside a sentence ("kanaal e-mail gekozen"). */
export const channelInSentence = (channel: BroadcastChannel): string => CHANNEL_LABEL[channel].toLowerCase();

/** Dutch names of the CAP severities. */
export const SEVERITY_LABEL: Record<Severity, string> = {
  Extreme: 'Zeer ernstig',
  Severe: 'Ernstig',
  Moderate: 'Matig',
  Minor: 'Klein',
  Unknown: 'Onbekend',
};

/** Where a broadcast is in its life, for the console. */
export const STATUS_LABEL: Record<BroadcastStatus, string> = {
  draft: 'Concept',
  submitted: 'Wacht op goedkeuring',
  published: 'Verstuurd',
};

/** What kind of message a broadcast is. */
export const KIND_LABEL: Record<MessageType, string> = { alert: 'Bericht', update: 'Correctie', cancel: 'Intrekking' };
