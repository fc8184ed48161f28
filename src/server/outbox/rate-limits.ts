/** Sends per second per provider unless BAKEN_RATE_LIMITS says otherwise: a GSM modem is slow, gateways less so. */
export const DEFAULT_RATE_LIMITS: Record<string, number> = { gammu: 0.5, kannel: 50, 'http-sms': 20 };

/**
 * Reads `BAKEN_RATE_LIMITS`, e.g. `kannel=30,smtp-1=200`, over the defaults. Throws with
 * every bad entry named.
 */
export function parseRateLimits(value: string | undefined): Record<string, number> {
  const limits = { ...DEFAULT_RATE_LIMITS };
  const problems: string[] = [];
  for (const part of (value ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, rate] = part.split('=');
    const number = Number(rate);
    if (!name || !(number > 0)) problems.push(part);
    else limits[name.trim()] = number;
  }
  if (problems.length > 0)
    throw new Error(`BAKEN_RATE_LIMITS: schrijf naam=aantal-per-seconde, niet: ${problems.join(', ')}`);
  return limits;
}
