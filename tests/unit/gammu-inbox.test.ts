import { describe, expect, it } from 'vitest';
import { gammuMessageFromFile, gammuMessagesFromEnv } from '../../src/server/replies/gammu-inbox.ts';

describe('gammu-smsd incoming messages', () => {
  it('reads RunOnReceive variables, a long SMS as its decoded text', () => {
    expect(gammuMessagesFromEnv({ SMS_MESSAGES: '1', SMS_1_NUMBER: '+31612345678', SMS_1_TEXT: 'Ja' })).toEqual([
      { from: '+31612345678', text: 'Ja' },
    ]);
    expect(
      gammuMessagesFromEnv({
        SMS_MESSAGES: '2',
        SMS_1_NUMBER: '+31612345678',
        SMS_1_TEXT: 'deel 1',
        SMS_2_NUMBER: '+31612345678',
        SMS_2_TEXT: 'deel 2',
        DECODED_PARTS: '1',
        DECODED_1_TEXT: 'deel 1 deel 2',
      }),
    ).toEqual([{ from: '+31612345678', text: 'deel 1 deel 2' }]);
    expect(gammuMessagesFromEnv({})).toEqual([]);
    expect(gammuMessagesFromEnv({ SMS_MESSAGES: '9999' })).toEqual([]);
  });

  it('reads an inbox file in UTF-16 with a byte-order mark or in UTF-8, and nothing else', () => {
    const name = 'IN20261125_235000_00_+31612345678_00.txt';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nee, sorry', 'utf16le')]);
    expect(gammuMessageFromFile(name, utf16)).toEqual({ from: '+31612345678', text: 'Nee, sorry' });
    expect(gammuMessageFromFile(name, Buffer.from('Ja!\n'))).toEqual({ from: '+31612345678', text: 'Ja!' });
    expect(gammuMessageFromFile('IN20261125_235000_00_+31612345678_00.bin', Buffer.from('x'))).toBeUndefined();
    expect(gammuMessageFromFile('../../etc/passwd', Buffer.from('x'))).toBeUndefined();
  });
});
