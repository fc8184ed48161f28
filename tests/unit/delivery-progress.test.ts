import { describe, expect, it } from 'vitest';
import { deliveryProgressText } from '../../src/catalog/delivery-progress.ts';

describe('deliveryProgressText', () => {
  it('says what is left, how fast and how long, and only that it is done once nothing is left', () => {
    expect(deliveryProgressText({ remaining: 40, ratePerSecond: 12.34, etaSeconds: 4 })).toBe(
      'Nog 40 te versturen. Snelheid: 12.3 per seconde. Nog ongeveer 4 seconden.',
    );
    expect(deliveryProgressText({ remaining: 3, ratePerSecond: null, etaSeconds: null })).toBe('Nog 3 te versturen.');
    expect(deliveryProgressText({ remaining: 0, ratePerSecond: 5, etaSeconds: 0 })).toBe(
      'Alles is verwerkt. Snelheid: 5.0 per seconde.',
    );
  });
});
