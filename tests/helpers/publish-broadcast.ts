import type { CreateBroadcastInput } from '../../src/schemas/broadcast.ts';
import type { SubscriberChannel } from '../../src/schemas/subscriber.ts';
import type { User } from '../../src/server/auth/user-store.ts';
import type { Services } from '../../src/server/services.ts';

/** A recipient for `addRecipients`: at least one address; email is preferred when both are there. */
export interface Recipient {
  email?: string;
  phone?: string;
}

/** Adds confirmed subscribers to a list in one transaction. */
export async function addRecipients(services: Services, list: string, people: Recipient[]): Promise<void> {
  await services.atomically(async () => {
    for (const [i, p] of people.entries()) {
      await services.subscribers.upsertIntoList(
        list,
        {
          name: `Ontvanger ${i}`,
          email: p.email ?? null,
          phone: p.phone ?? null,
          preferredChannel: p.email ? 'email' : 'sms',
          fallbackChannel: p.email && p.phone ? 'sms' : null,
          consent: 'test',
        },
        true,
      );
    }
  });
}

/** What the zorg-stroomuitval script's placeholders are filled with in an alert from `alertInput`. */
export const ALERT_FIELDS = {
  organisatie: 'Zorggroep X',
  gemeente: 'Voorbeeldstad',
  locatie: 'De Brug',
  tijd: '14:00',
};

/**
 * A severe alert from the zorg-stroomuitval script to `lists` on `channels` (create input, as
 * the API takes it), with `extra` on top.
 */
export function alertInput(
  lists: string[],
  channels: CreateBroadcastInput['channels'],
  extra: Partial<CreateBroadcastInput> = {},
): CreateBroadcastInput {
  return {
    script: 'zorg-stroomuitval',
    channels,
    lists,
    training: false,
    fields: ALERT_FIELDS,
    severity: 'Severe',
    area: 'Voorbeeldstad',
    ...extra,
  };
}

/** Writes, submits (anna) and approves (bram) an alert from `alertInput`; returns its id. */
export async function publishAlert(
  services: Services,
  authors: { anna: User; bram: User },
  list: string,
  channels: SubscriberChannel[],
  extra: Partial<CreateBroadcastInput> = {},
): Promise<string> {
  const created = await services.broadcastService.create(alertInput([list], channels, extra), authors.anna);
  if (!created.ok) throw new Error(`create failed: ${JSON.stringify(created)}`);
  const submitted = await services.broadcastService.submit(created.value.id, authors.anna);
  if (!submitted.ok) throw new Error(`submit failed: ${JSON.stringify(submitted)}`);
  const approved = await services.broadcastService.approve(created.value.id, authors.bram);
  if (!approved.ok) throw new Error(`approve failed: ${JSON.stringify(approved)}`);
  return created.value.id;
}

/** Approves a follow-up draft (a correction or withdrawal) written by anna. */
export async function publishFollowUp(
  services: Services,
  authors: { anna: User; bram: User },
  draftId: string,
): Promise<void> {
  const submitted = await services.broadcastService.submit(draftId, authors.anna);
  if (!submitted.ok) throw new Error(`submit failed: ${JSON.stringify(submitted)}`);
  const approved = await services.broadcastService.approve(draftId, authors.bram);
  if (!approved.ok) throw new Error(`approve failed: ${JSON.stringify(approved)}`);
}
