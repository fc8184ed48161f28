import { join } from 'node:path';
import { loadSecretKeys } from '../secrets/secret-key.ts';
import { createGammuTransport } from './gammu-transport.ts';
import { createHttpSmsTransport } from './http-sms-transport.ts';
import { kannelDlrEndpoint } from './kannel-dlr.ts';
import { createKannelTransport } from './kannel-transport.ts';
import { createSmtpTransport } from './smtp-transport.ts';
import { createEmailSpool, createSmsSpool } from './spool-transports.ts';
import type { EmailTransport, SmsTransport } from './transport.ts';
import type { TransportConfig } from './transport-config.ts';

export interface Transports {
  /** Email providers in failover order: the SMTP relays, or the spool when none is set. */
  email: EmailTransport[];
  /** SMS providers in failover order: as in BAKEN_SMS_PROVIDERS, or the spool when none is set. */
  sms: SmsTransport[];
  /** The local spools, always there: training mode sends only to these. */
  spool: { email: EmailTransport; sms: SmsTransport };
}

/** Paths of Baken's own routes that a provider calls back on; the composition root passes them in. */
export interface CallbackRoutes {
  /** Path of the Kannel delivery-report route, e.g. `/api/dlr/kannel`. */
  kannelDlr: string;
}

/**
 * Builds every transport from the checked configuration. Nothing connects yet: SMTP pools open
 * on the first send. Spool files go to `<dataDir>/spool/email/` and `<dataDir>/spool/sms/`.
 */
export function createTransports(config: TransportConfig, dataDir: string, callbacks: CallbackRoutes): Transports {
  const spool = {
    email: createEmailSpool({
      dir: join(dataDir, 'spool', 'email'),
      from: config.mailFrom,
      messageIdDomain: config.messageIdDomain,
    }),
    sms: createSmsSpool({ dir: join(dataDir, 'spool', 'sms') }),
  };
  const email = config.smtp.map(({ name, url }) =>
    createSmtpTransport({ name, url, from: config.mailFrom, messageIdDomain: config.messageIdDomain }),
  );
  const sms = config.sms.map((settings): SmsTransport => {
    switch (settings.provider) {
      case 'kannel':
        return createKannelTransport({
          url: settings.url,
          from: config.smsFrom,
          deliveryReports:
            config.publicUrl === undefined
              ? undefined
              : {
                  endpoint: kannelDlrEndpoint(config.publicUrl, callbacks.kannelDlr),
                  secret: loadSecretKeys(dataDir).dlr,
                },
        });
      case 'http':
        return createHttpSmsTransport({ url: settings.url, token: settings.token, from: config.smsFrom });
      case 'gammu':
        return createGammuTransport({ configFile: settings.configFile });
      default:
        throw new Error(`unknown SMS provider: ${(settings satisfies never as { provider: string }).provider}`);
    }
  });
  return {
    email: email.length > 0 ? email : [spool.email],
    sms: sms.length > 0 ? sms : [spool.sms],
    spool,
  };
}
