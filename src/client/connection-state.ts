/**
 * What the connection banner says, as pure functions of what the page knows: whether the
 * device has a network at all, and whether Baken itself answered. A device with Wi-Fi but no
 * hub behind it is `unreachable`, never "online".
 */
import { formatDateTime } from '../catalog/format-date-time.ts';

/** The value of `data-state` on the element marked `data-connection-state`. */
export type ConnectionState = 'online' | 'unreachable' | 'offline';

/**
 * The state from the device's network flag and the last answer from Baken. `hubReachable`
 * is undefined before the first answer: a device without network is offline at once, any
 * other device waits for the answer.
 */
export function connectionState(deviceOnline: boolean, hubReachable: boolean | undefined): ConnectionState | undefined {
  if (hubReachable) return 'online';
  if (!deviceOnline) return 'offline';
  return hubReachable === false ? 'unreachable' : undefined;
}

/** The Dutch line of the banner for a state; `shownAt` is the age of the information on screen. */
export function connectionText(state: ConnectionState, shownAt: Date): string {
  switch (state) {
    case 'online':
      return 'U bent online.';
    case 'unreachable':
      return `Baken is niet bereikbaar — u ziet de opgeslagen versie van ${formatDateTime(shownAt)}.`;
    case 'offline':
      return `U bent offline — u ziet de opgeslagen versie van ${formatDateTime(shownAt)}.`;
  }
}

/**
 * Whether an answer to the health probe came from Baken: a JSON object with a `status`
 * field, whatever its HTTP status or other fields. A proxy's error page (502 from nginx
 * with the hub gone) is not Baken.
 */
export function isHubAnswer(body: unknown): boolean {
  return typeof body === 'object' && body !== null && typeof (body as { status?: unknown }).status === 'string';
}

/**
 * Whether a health answer comes from the central hub, which can handle forms. A bundle on the
 * local network answers the probe too, but says `local: true`: it has no subscribers to add.
 */
export function isCentralHub(body: unknown): boolean {
  return isHubAnswer(body) && (body as { local?: unknown }).local !== true;
}
