import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.ts';

describe('loadConfig', () => {
  it('uses embedded defaults when nothing is set', () => {
    expect(loadConfig({}, '/srv/baken')).toEqual({
      host: '127.0.0.1',
      port: 4321,
      dataDir: '/srv/baken/data',
      distDir: '/srv/baken/dist',
      publicUrl: 'http://127.0.0.1:4321',
      trustedProxies: [],
      orgName: '127.0.0.1',
      databasePath: '/srv/baken/data/baken.sqlite',
      database: { sqlite: '/srv/baken/data/baken.sqlite' },
      databaseMaxConnections: 10,
      databaseWaitMs: 60_000,
      maxConnections: 1000,
    });
  });

  it('takes PostgreSQL from BAKEN_DATABASE_URL, and never echoes the URL when it is wrong', () => {
    const url = 'postgres://baken:geheim@db.example:5432/baken';
    expect(loadConfig({ BAKEN_DATABASE_URL: url }, '/srv/baken').database).toEqual({ postgres: url });
    let message = '';
    try {
      loadConfig({ BAKEN_DATABASE_URL: 'mysql://baken:geheim@db.example/baken' }, '/srv/baken');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('BAKEN_DATABASE_URL');
    expect(message).toContain('postgres://gebruiker:wachtwoord@server:5432/database');
    expect(message).not.toContain('geheim');
  });

  it('names the organisation from BAKEN_ORG_NAME, or else after the public host name', () => {
    expect(loadConfig({ BAKEN_ORG_NAME: ' Gemeente Voorbeeldstad ' }, '/srv/baken').orgName).toBe(
      'Gemeente Voorbeeldstad',
    );
    expect(loadConfig({ BAKEN_PUBLIC_URL: 'https://crisis.voorbeeldstad.nl/' }, '/srv/baken').orgName).toBe(
      'crisis.voorbeeldstad.nl',
    );
  });

  it('takes HOST, PORT and BAKEN_DATA_DIR from the environment', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080', BAKEN_DATA_DIR: '/var/lib/baken' }, '/srv/baken')).toMatchObject(
      {
        host: '0.0.0.0',
        port: 8080,
        dataDir: '/var/lib/baken',
      },
    );
  });

  it('takes the public address from BAKEN_PUBLIC_URL without a trailing slash', () => {
    expect(loadConfig({ BAKEN_PUBLIC_URL: 'https://baken.example.nl/' }, '/').publicUrl).toBe(
      'https://baken.example.nl',
    );
    expect(() => loadConfig({ BAKEN_PUBLIC_URL: 'ftp://x' }, '/')).toThrow(/BAKEN_PUBLIC_URL/);
  });

  it('reads BAKEN_TRUSTED_PROXIES as addresses and CIDR ranges, and explains a bad entry in Dutch', () => {
    expect(loadConfig({ BAKEN_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1' }, '/').trustedProxies).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    expect(() => loadConfig({ BAKEN_TRUSTED_PROXIES: '127.0.0.1,proxy.example' }, '/')).toThrow(
      /BAKEN_TRUSTED_PROXIES: geef IP-adressen of CIDR-reeksen/,
    );
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ HOST: '', PORT: '' }, '/srv/baken')).toMatchObject({ host: '127.0.0.1', port: 4321 });
  });

  it('refuses a bad PORT with a ConfigError naming the key and its value', () => {
    expect(() => loadConfig({ PORT: 'tachtig' }, '/')).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '99999' }, '/')).toThrow(/PORT.*"99999"/);
  });
});
