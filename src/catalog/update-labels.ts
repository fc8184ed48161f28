/** Dutch label of an update's public state, on /actueel/ and on a relay's copy of it. */
export const UPDATE_STATE_LABEL = {
  active: 'Actueel',
  corrected: 'Gecorrigeerd — zie de correctie',
  withdrawn: 'Ingetrokken — geldt niet meer',
  notice: 'Intrekking',
} as const;
