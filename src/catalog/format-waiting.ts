/** How long something has waited, in plain Dutch: "2 minuten", "1 uur en 5 minuten". */
export function formatWaiting(fromIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(fromIso).getTime()) / 60_000));
  if (minutes < 1) return 'minder dan een minuut';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const m = `${rest} ${rest === 1 ? 'minuut' : 'minuten'}`;
  if (hours === 0) return m;
  const h = `${hours} uur`;
  return rest === 0 ? h : `${h} en ${m}`;
}
