/** How far the delivery of a broadcast is: the part of the delivery summary the progress line shows. */
export interface DeliveryProgress {
  /** Rows still to be sent (queued or being sent). */
  remaining: number;
  /** Messages sent per second so far, or null before two were sent. */
  ratePerSecond: number | null;
  /** Seconds until the rest is sent at that rate, or null when unknown. */
  etaSeconds: number | null;
}

/** The progress line under the delivery table, on the page and as the browser refreshes it. */
export function deliveryProgressText(progress: DeliveryProgress): string {
  const parts = [progress.remaining === 0 ? 'Alles is verwerkt.' : `Nog ${progress.remaining} te versturen.`];
  if (progress.ratePerSecond) parts.push(`Snelheid: ${progress.ratePerSecond.toFixed(1)} per seconde.`);
  if (progress.etaSeconds !== null && progress.remaining > 0)
    parts.push(`Nog ongeveer ${progress.etaSeconds} seconden.`);
  return parts.join(' ');
}
