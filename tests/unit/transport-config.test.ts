import { dirname, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '../../src/catalog/routes.ts';
import { ConfigError } from '../../src/server/config.ts';
import { createTransports } from '../../src/server/transports/create-transports.ts';
import { loadTransportConfig } from '../../src/server/transports/transport-config.ts';

const root = dirname(import.meta.filename);
const existingFile = relative(root, import.meta.filename);

describe('loadTransportConfig', () => {
  it('uses the spools and embedded defaults when nothing is set', () => {
    expect(loadTransportConfig({}, root)).toEqual({
      smtp: [],
      mailFrom: 'Baken <baken@localhost>',
      messageIdDomain: 'baken.local',
      smsFrom: 'Baken',
      publicUrl: undefined,
      sms: [],
    });
  });

  it('names SMTP relays smtp-1, smtp-2… in the order given and takes the Message-ID domain from the sender', () => {
    const config = loadTransportConfig(
      {
        BAKEN_SMTP_URL: 'smtps://u:p@mail.gemeente.nl:465 , smtp://relay.local:25',
        BAKEN_MAIL_FROM: 'Crisis <crisis@gemeente.nl>',
      },
      root,
    );
    expect(config.smtp).toEqual([
      { name: 'smtp-1', url: 'smtps://u:p@mail.gemeente.nl:465' },
      { name: 'smtp-2', url: 'smtp://relay.local:25' },
    ]);
    expect(config.messageIdDomain).toBe('gemeente.nl');
  });

  it('uses every configured SMS provider, Kannel first, unless BAKEN_SMS_PROVIDERS sets the order', () => {
    const env = {
      BAKEN_KANNEL_URL: 'http://127.0.0.1:13013/cgi-bin/sendsms?username=a&password=b',
      BAKEN_HTTP_SMS_URL: 'https://sms.example/v1/messages',
      BAKEN_HTTP_SMS_TOKEN: 'token',
      BAKEN_GAMMU_CONFIG: existingFile,
    };
    expect(loadTransportConfig(env, root).sms.map((provider) => provider.provider)).toEqual([
      'kannel',
      'http',
      'gammu',
    ]);
    const ordered = loadTransportConfig({ ...env, BAKEN_SMS_PROVIDERS: 'gammu, http' }, root);
    expect(ordered.sms).toEqual([
      { provider: 'gammu', configFile: import.meta.filename },
      { provider: 'http', url: 'https://sms.example/v1/messages', token: 'token' },
    ]);
  });

  it('lists every bad key in one ConfigError, without repeating secrets', () => {
    let error: unknown;
    try {
      loadTransportConfig(
        {
          BAKEN_SMTP_URL: 'http://user:wachtwoord@mail',
          BAKEN_MAIL_FROM: 'niemand',
          BAKEN_SMS_FROM: 'Veel te lange naam',
          BAKEN_GAMMU_CONFIG: 'bestaat-niet.conf',
          BAKEN_HTTP_SMS_URL: 'https://sms.example',
          BAKEN_SMS_PROVIDERS: 'kannel,duif',
          BAKEN_PUBLIC_URL: 'baken.example',
        },
        root,
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const key of [
      'BAKEN_SMTP_URL',
      'BAKEN_MAIL_FROM',
      'BAKEN_SMS_FROM',
      'BAKEN_GAMMU_CONFIG',
      'BAKEN_HTTP_SMS_TOKEN',
      'BAKEN_SMS_PROVIDERS',
      'BAKEN_PUBLIC_URL',
    ]) {
      expect(message).toContain(`${key}:`);
    }
    expect(message).toContain('kannel is niet ingesteld');
    expect(message).not.toContain('wachtwoord');
  });

  it('refuses a provider named twice', () => {
    expect(() =>
      loadTransportConfig({ BAKEN_KANNEL_URL: 'http://k/cgi-bin/sendsms', BAKEN_SMS_PROVIDERS: 'kannel,kannel' }, root),
    ).toThrow(/kannel staat er meer dan één keer in/);
  });
});

describe('createTransports', () => {
  it('puts the live providers in order and keeps the spools apart for training mode', async () => {
    const config = loadTransportConfig(
      {
        BAKEN_SMTP_URL: 'smtp://127.0.0.1:2525,smtp://127.0.0.1:2526',
        BAKEN_HTTP_SMS_URL: 'https://sms.example/v1/messages',
        BAKEN_HTTP_SMS_TOKEN: 'token',
        BAKEN_KANNEL_URL: 'http://127.0.0.1:13013/cgi-bin/sendsms',
        BAKEN_SMS_PROVIDERS: 'http,kannel',
      },
      root,
    );
    const transports = createTransports(config, '/var/lib/baken', { kannelDlr: routes.kannelDlr });
    try {
      expect(transports.email.map((transport) => transport.name)).toEqual(['smtp-1', 'smtp-2']);
      expect(transports.sms.map((transport) => transport.name)).toEqual(['http-sms', 'kannel']);
      expect([transports.spool.email.name, transports.spool.sms.name]).toEqual(['spool-email', 'spool-sms']);
    } finally {
      await Promise.all([...transports.email, ...transports.sms].map((transport) => transport.close()));
    }
  });
});
