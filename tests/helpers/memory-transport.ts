import {
  type EmailMessage,
  type EmailTransport,
  type FailureKind,
  type SendReceipt,
  type SmsMessage,
  type SmsTransport,
  TransportError,
} from '../../src/server/transports/transport.ts';

type Script = (message: EmailMessage | SmsMessage) => FailureKind | undefined;

/**
 * A no-network transport with the real contract (like nodemailer's JSON transport): it
 * records what it accepts, and `script` can make a send fail transiently or permanently.
 */
export function memoryTransport<C extends 'email' | 'sms'>(
  channel: C,
  name: string,
  options: { script?: Script } = {},
): (C extends 'email' ? EmailTransport : SmsTransport) & {
  sent: Array<C extends 'email' ? EmailMessage : SmsMessage>;
  attempts: number;
} {
  const transport = {
    name,
    channel,
    sent: [] as Array<EmailMessage | SmsMessage>,
    attempts: 0,
    async send(message: EmailMessage | SmsMessage): Promise<SendReceipt> {
      transport.attempts += 1;
      const failure = options.script?.(message);
      if (failure) throw new TransportError(name, failure, `${name}-${failure}`, `${name} weigert (${failure})`);
      transport.sent.push(message);
      return { providerMessageId: `${name}-${transport.sent.length}` };
    },
    async close() {},
  };
  return transport as never;
}
