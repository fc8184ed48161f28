import { detectEncoding } from '../../sms/segment-sms.ts';
import { requestGateway } from './http-failure.ts';
import { KANNEL_DLR_MASK, kannelDlrUrl } from './kannel-dlr.ts';
import type { SmsMessage, SmsTransport } from './transport.ts';

export interface KannelTransportOptions {
  /**
   * smsbox `sendsms` URL with the sendsms-user's credentials in the query, e.g.
   * `http://127.0.0.1:13013/cgi-bin/sendsms?username=baken&password=geheim`. Other query
   * parameters (such as `smsc=`) are kept.
   */
  url: string;
  /** Sender shown on the phone: up to 11 letters and digits, or a number. */
  from: string;
  /**
   * Where Kannel sends delivery reports: the DLR route's absolute address (see
   * kannelDlrEndpoint) and the DLR key that signs each report's URL. Without it Kannel is asked
   * for none.
   */
  deliveryReports?: { endpoint: string; secret: Buffer } | undefined;
  /** Time to wait for smsbox's answer. */
  timeoutMs?: number | undefined;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The sendsms request for one message. Kannel gets the text as UTF-8 and is told to send it
 * as UCS-2 (`coding=2`) when a character is outside GSM-7; it splits long texts into
 * concatenated parts itself (the sendsms-user needs `max-messages` and `concatenation = true`).
 */
export function kannelSendUrl(options: KannelTransportOptions, message: SmsMessage): URL {
  const url = new URL(options.url);
  url.searchParams.set('from', options.from);
  url.searchParams.set('to', message.to);
  url.searchParams.set('text', message.text);
  url.searchParams.set('charset', 'UTF-8');
  url.searchParams.set('coding', detectEncoding(message.text) === 'UCS-2' ? '2' : '0');
  if (options.deliveryReports !== undefined) {
    url.searchParams.set('dlr-mask', String(KANNEL_DLR_MASK));
    url.searchParams.set(
      'dlr-url',
      kannelDlrUrl(options.deliveryReports.endpoint, message.idempotencyKey, options.deliveryReports.secret),
    );
  }
  return url;
}

/**
 * Kannel's smsbox over HTTP. smsbox answers 202 ("0: Accepted for delivery", "3: Queued for
 * later delivery") when it took the message; 429, 5xx and no answer are transient, other 4xx
 * permanent (see classifyHttpStatus).
 */
export function createKannelTransport(options: KannelTransportOptions): SmsTransport {
  const name = 'kannel';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    name,
    channel: 'sms',
    async send(message) {
      await requestGateway(name, kannelSendUrl(options, message), {}, timeoutMs);
      return {};
    },
    async close() {},
  };
}
