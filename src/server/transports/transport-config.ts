import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import { ConfigError } from '../config.ts';
import { presentEnv } from '../present-env.ts';

/** SMS providers Baken can use, as named in BAKEN_SMS_PROVIDERS. */
export const SMS_PROVIDERS = ['kannel', 'http', 'gammu'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

/** What the transports need from the environment, checked. */
export interface TransportConfig {
  /** SMTP relays in the order they are tried; empty means email goes to the spool. */
  smtp: { name: string; url: string }[];
  /** From header of every email. */
  mailFrom: string;
  /** Right-hand side of every Message-ID. */
  messageIdDomain: string;
  /** Sender of every SMS. */
  smsFrom: string;
  /** Baken's public address, for Kannel's delivery reports. */
  publicUrl?: string | undefined;
  /** SMS providers in the order they are tried; empty means SMS goes to the spool. */
  sms: SmsProviderConfig[];
}

/** One SMS provider and what it needs. */
export type SmsProviderConfig =
  | { provider: 'kannel' /** sendsms URL with credentials. */; url: string }
  | { provider: 'http'; url: string; token: string }
  | { provider: 'gammu' /** gammu-smsd configuration file. */; configFile: string };

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const urlWithProtocol = (protocols: string[], message: string) =>
  z.string().refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), message);

const httpUrl = urlWithProtocol(['http:', 'https:'], 'moet een http://- of https://-adres zijn');

/** The mailbox in a From value such as `Baken <baken@gemeente.nl>`, or undefined when there is not exactly one. */
function mailbox(value: string): string | undefined {
  const parsed = addressparser(value);
  const address = parsed.length === 1 ? parsed[0]?.address : undefined;
  return address !== undefined && /^[^@\s]+@[^@\s]+$/.test(address) ? address : undefined;
}

/** The setting that turns each SMS provider on. */
const PROVIDER_SETTING = {
  kannel: 'BAKEN_KANNEL_URL',
  http: 'BAKEN_HTTP_SMS_URL',
  gammu: 'BAKEN_GAMMU_CONFIG',
} as const satisfies Record<SmsProviderName, string>;

function envSchema(projectRoot: string) {
  return z.object({
    /** One or more SMTP relays, comma-separated, tried in order (smtp-1, smtp-2…). */
    BAKEN_SMTP_URL: z
      .string()
      .transform(list)
      .pipe(z.array(urlWithProtocol(['smtp:', 'smtps:'], 'moet een smtp://- of smtps://-adres zijn')).min(1))
      .optional(),
    /** From header of every email. */
    BAKEN_MAIL_FROM: z
      .string()
      .refine((value) => mailbox(value) !== undefined, 'moet één afzender zijn, zoals Baken <baken@gemeente.nl>')
      .default('Baken <baken@localhost>'),
    /** smsbox sendsms URL with username and password in the query. */
    BAKEN_KANNEL_URL: httpUrl.optional(),
    /** Sender of every SMS: up to 11 letters and digits, or a phone number. */
    BAKEN_SMS_FROM: z
      .string()
      .regex(/^(?:[A-Za-z0-9]{1,11}|\+?[0-9]{3,15})$/, 'moet 1 tot 11 letters en cijfers zijn, of een telefoonnummer')
      .default('Baken'),
    /** gammu-smsd configuration file; setting it turns the GSM modem on. */
    BAKEN_GAMMU_CONFIG: z
      .string()
      .transform((value) => resolve(projectRoot, value))
      .refine((path) => existsSync(path), 'dat bestand bestaat niet')
      .optional(),
    /** Send endpoint of a commercial SMS gateway with a JSON API. */
    BAKEN_HTTP_SMS_URL: httpUrl.optional(),
    /** Bearer token for that gateway. */
    BAKEN_HTTP_SMS_TOKEN: z.string().optional(),
    /** Which SMS providers to use, in order, e.g. `kannel,http,gammu`. */
    BAKEN_SMS_PROVIDERS: z
      .string()
      .transform(list)
      .pipe(z.array(z.enum(SMS_PROVIDERS, 'kies uit kannel, http en gammu')).min(1))
      .optional(),
    /** Baken's public address (where Kannel can reach /api/dlr/kannel). */
    BAKEN_PUBLIC_URL: httpUrl.optional(),
  });
}

/**
 * Problems between keys, found on the raw values so they are listed even when a single key
 * is also wrong: the HTTP gateway needs both URL and token, and every provider named in
 * BAKEN_SMS_PROVIDERS needs its setting.
 */
function crossProblems(env: Record<string, string | undefined>): { key: string; message: string }[] {
  const problems: { key: string; message: string }[] = [];
  if (env.BAKEN_HTTP_SMS_URL !== undefined && env.BAKEN_HTTP_SMS_TOKEN === undefined) {
    problems.push({ key: 'BAKEN_HTTP_SMS_TOKEN', message: 'ontbreekt; BAKEN_HTTP_SMS_URL is gezet' });
  }
  if (env.BAKEN_HTTP_SMS_TOKEN !== undefined && env.BAKEN_HTTP_SMS_URL === undefined) {
    problems.push({ key: 'BAKEN_HTTP_SMS_URL', message: 'ontbreekt; BAKEN_HTTP_SMS_TOKEN is gezet' });
  }
  const listed = list(env.BAKEN_SMS_PROVIDERS ?? '');
  for (const provider of new Set(listed.filter((item, index) => listed.indexOf(item) !== index))) {
    problems.push({ key: 'BAKEN_SMS_PROVIDERS', message: `${provider} staat er meer dan één keer in` });
  }
  for (const provider of SMS_PROVIDERS) {
    if (listed.includes(provider) && env[PROVIDER_SETTING[provider]] === undefined) {
      problems.push({
        key: 'BAKEN_SMS_PROVIDERS',
        message: `${provider} is niet ingesteld (zet ${PROVIDER_SETTING[provider]})`,
      });
    }
  }
  return problems;
}

// Values that may hold a password or token are never repeated in an error message.
const SECRET_KEYS = new Set(['BAKEN_SMTP_URL', 'BAKEN_KANNEL_URL', 'BAKEN_HTTP_SMS_URL', 'BAKEN_HTTP_SMS_TOKEN']);

/**
 * Reads the transport settings from the environment once at start-up. Empty values count as
 * unset. Throws one ConfigError that lists every bad key.
 */
export function loadTransportConfig(env: Record<string, string | undefined>, projectRoot: string): TransportConfig {
  const present = presentEnv(env);
  const result = envSchema(projectRoot).safeParse(present);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => ({ key: String(issue.path[0]), message: issue.message }))),
    ...crossProblems(present),
  ];
  if (!result.success || problems.length > 0) {
    throw new ConfigError(
      problems.map(({ key, message }) =>
        SECRET_KEYS.has(key) ? `${key}: ${message}` : `${key}: ${message} (nu: ${JSON.stringify(present[key])})`,
      ),
    );
  }
  const values = result.data;
  const domain = mailbox(values.BAKEN_MAIL_FROM)?.split('@')[1];
  return {
    smtp: (values.BAKEN_SMTP_URL ?? []).map((url, index) => ({ name: `smtp-${index + 1}`, url })),
    mailFrom: values.BAKEN_MAIL_FROM,
    // "localhost" names no one; a Message-ID should still look globally unique.
    messageIdDomain: domain === undefined || domain === 'localhost' ? 'baken.local' : domain,
    smsFrom: values.BAKEN_SMS_FROM,
    publicUrl: values.BAKEN_PUBLIC_URL,
    sms: (
      values.BAKEN_SMS_PROVIDERS ?? SMS_PROVIDERS.filter((provider) => values[PROVIDER_SETTING[provider]] !== undefined)
    ).map(
      (provider): SmsProviderConfig =>
        // The schema made sure each listed provider has its settings.
        provider === 'kannel'
          ? { provider, url: values.BAKEN_KANNEL_URL ?? '' }
          : provider === 'http'
            ? { provider, url: values.BAKEN_HTTP_SMS_URL ?? '', token: values.BAKEN_HTTP_SMS_TOKEN ?? '' }
            : { provider, configFile: values.BAKEN_GAMMU_CONFIG ?? '' },
    ),
  };
}
