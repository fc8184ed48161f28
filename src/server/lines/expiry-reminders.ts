import type { BroadcastTexts } from '../../schemas/broadcast.ts';
import type { AuditLog } from '../audit/audit-log-store.ts';
import type { Clock } from '../clock.ts';
import type { LineCatalog } from './line-catalog-fs.ts';
import type { LineOwnerStore } from './line-owner-store.ts';
import type { LineProposalStore } from './line-proposal-store.ts';
import { sectorsConcerned } from './sign-off-rules.ts';

/** Reminders go out this many days before geldig_tot. */
export const REMINDER_DAYS = [30, 7] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Which reminder is due for a line valid until `geldigTot` on `today` (both YYYY-MM-DD): the
 * most urgent one whose day has come, while the line is still valid (a hub that was off on
 * the 30th day sends that reminder later; one that was off until the 7th sends only that).
 */
export function dueReminder(geldigTot: string, today: string): (typeof REMINDER_DAYS)[number] | undefined {
  const daysLeft = Math.round((Date.parse(`${geldigTot}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  if (Number.isNaN(daysLeft) || daysLeft < 0) return undefined;
  return [...REMINDER_DAYS].sort((a, b) => a - b).find((days) => daysLeft <= days);
}

/** The reminder's texts: what expires when, and what to do. No link, so a forwarded mail opens nothing. */
export function composeExpiryReminder(title: string, geldigTot: string, days: number): BroadcastTexts {
  const text = `De afgesproken lijn "${title}" is geldig tot ${geldigTot}, nog ${days} dagen of minder.\n\nKijk of de tekst nog klopt. Open in de console "Lijnen vaststellen": stel een wijziging voor, of verleng de lijn ongewijzigd. De redacteuren van elke betrokken sector tekenen daarna opnieuw.`;
  return {
    title: `Lijn verloopt: ${title}`,
    webBody: text,
    emailSubject: `Lijn verloopt op ${geldigTot}: ${title}`,
    emailText: text,
    smsText: `Baken: de lijn "${title.slice(0, 60)}" verloopt op ${geldigTot}. Open de console om te verlengen.`,
  };
}

export interface ExpiryReminderDeps {
  clock: Clock;
  audit: AuditLog;
  catalog: LineCatalog;
  owners: LineOwnerStore;
  proposals: LineProposalStore;
  /** Sends a notice through the outbox to the members of the lists; returns how many. */
  send: (texts: BroadcastTexts, lists: string[]) => number | Promise<number>;
}

/**
 * Sends the due reminders: for each agreed line, once per reminder day and geldig_tot (the
 * record is claimed before sending, so two processes never send one twice), to the owners'
 * lists of the line's sectors. Returns how many reminders went out.
 */
export async function sendExpiryReminders(d: ExpiryReminderDeps): Promise<number> {
  const today = d.clock.now().toISOString().slice(0, 10);
  const owners = await d.owners.all();
  const allSectors = (await d.catalog.slugs()).sectors;
  let sent = 0;
  for (const line of await d.catalog.lines()) {
    if (line.data?.status !== 'vastgesteld') continue;
    const days = dueReminder(line.data.geldig_tot, today);
    if (!days) continue;
    const lists = [
      ...new Set(
        sectorsConcerned(line.data.sectors, allSectors).flatMap((s) => {
          const list = owners.get(s);
          return list === undefined ? [] : [list];
        }),
      ),
    ];
    if (lists.length === 0) continue;
    if (!(await d.proposals.recordExpiryNotice(line.slug, line.data.geldig_tot, days, d.clock.now().getTime())))
      continue;
    const recipients = await d.send(composeExpiryReminder(line.data.title, line.data.geldig_tot, days), lists);
    await d.audit.append({
      actor: 'baken',
      action: 'line.expiry-reminder',
      subject: `line:${line.slug}`,
      details: { days, geldigTot: line.data.geldig_tot, lists, recipients },
    });
    sent += 1;
  }
  return sent;
}

/** Checks for due reminders now and every hour; the timer does not keep the process alive. */
export function startExpiryReminders(run: () => Promise<number>): () => void {
  const check = () =>
    void run().catch((error: unknown) => console.error('Baken: herinneringen voor verlopende lijnen mislukt:', error));
  check();
  const timer = setInterval(check, 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
