/** One SMS gammu-smsd received. */
export interface GammuMessage {
  from: string;
  text: string;
}

/**
 * The messages gammu-smsd hands to `RunOnReceive` in its environment: `SMS_MESSAGES` parts,
 * each with `SMS_<n>_NUMBER` and `SMS_<n>_TEXT`; a long SMS comes joined as `DECODED_1_TEXT`.
 * Empty when the variables are not there (the files are read instead).
 */
export function gammuMessagesFromEnv(env: Record<string, string | undefined>): GammuMessage[] {
  const count = Number(env.SMS_MESSAGES ?? '0');
  if (!Number.isInteger(count) || count < 1 || count > 50) return [];
  const from = env.SMS_1_NUMBER ?? '';
  if (Number(env.DECODED_PARTS ?? '0') >= 1 && env.DECODED_1_TEXT !== undefined)
    return from ? [{ from, text: env.DECODED_1_TEXT }] : [];
  return Array.from({ length: count }, (_, index) => ({
    from: env[`SMS_${index + 1}_NUMBER`] ?? '',
    text: env[`SMS_${index + 1}_TEXT`] ?? '',
  })).filter((message) => message.from !== '');
}

// IN<date>_<time>_<serial>_<sender>_<part>.txt, as gammu-smsd's files service names them.
const INBOX_NAME = /^IN\d{8}_\d{6}_\d{2}_([^_/]{1,64})_\d{2}\.txt$/;

/**
 * One message from a gammu-smsd inbox file (files service): the sender from its name, the
 * text from its content, UTF-16 with a byte-order mark (InboxFormat = unicode) or UTF-8.
 * Undefined for a file that is not a text message.
 */
export function gammuMessageFromFile(name: string, content: Buffer): GammuMessage | undefined {
  const from = INBOX_NAME.exec(name)?.[1];
  if (!from) return undefined;
  const text =
    content[0] === 0xff && content[1] === 0xfe
      ? content.subarray(2).toString('utf16le')
      : content[0] === 0xfe && content[1] === 0xff
        ? Buffer.from(content.subarray(2)).swap16().toString('utf16le')
        : content.toString('utf8');
  return { from, text: text.replace(/\r?\n$/, '') };
}
