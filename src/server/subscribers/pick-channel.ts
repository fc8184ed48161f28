import type { Subscriber, SubscriberChannel } from '../../schemas/subscriber.ts';

/** The subscriber's address on a channel, if they have one. */
export function addressOn(subscriber: Pick<Subscriber, 'email' | 'phone'>, channel: SubscriberChannel): string | null {
  return channel === 'email' ? subscriber.email : subscriber.phone;
}

/**
 * The channel a subscriber is reached on first: their preferred channel when the broadcast
 * uses it and they have an address there, else their fallback, else any other channel of
 * the broadcast they can be reached on.
 */
export function firstChannel(
  subscriber: Pick<Subscriber, 'email' | 'phone' | 'preferredChannel' | 'fallbackChannel'>,
  channels: SubscriberChannel[],
): SubscriberChannel | undefined {
  const order = [subscriber.preferredChannel, subscriber.fallbackChannel, ...channels].filter(
    (c): c is SubscriberChannel => c !== null,
  );
  return order.find((channel) => channels.includes(channel) && addressOn(subscriber, channel) !== null);
}

/**
 * Where to fall back to after `failed` gave up: the subscriber's fallback channel, or the
 * other channel, when the broadcast uses it, they have an address there and it was not tried.
 */
export function fallbackChannel(
  subscriber: Pick<Subscriber, 'email' | 'phone' | 'fallbackChannel'>,
  channels: SubscriberChannel[],
  tried: SubscriberChannel[],
): SubscriberChannel | undefined {
  const order = [subscriber.fallbackChannel, ...channels].filter((c): c is SubscriberChannel => c !== null);
  return order.find(
    (channel) => channels.includes(channel) && !tried.includes(channel) && addressOn(subscriber, channel) !== null,
  );
}
