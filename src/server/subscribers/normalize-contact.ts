import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';

/** A phone number as E.164 (+31612345678); Dutch numbers may be written without +31. */
export function normalizePhone(raw: string): string | undefined {
  const phone = parsePhoneNumberFromString(raw.trim(), 'NL');
  return phone?.isValid() ? phone.number : undefined;
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;

/** A trimmed, lower-cased email address, or undefined when it is not one. */
export function normalizeEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email) && email.length <= 254 ? email : undefined;
}

/** A channel name in Dutch or English ("e-mail", "mail", "sms", "tekst"…). */
export function parseChannel(raw: string): SubscriberChannel | undefined {
  const value = raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (['email', 'mail'].includes(value)) return 'email';
  if (['sms', 'tekst', 'text', 'mobiel', 'telefoon', 'phone'].includes(value)) return 'sms';
  return undefined;
}
