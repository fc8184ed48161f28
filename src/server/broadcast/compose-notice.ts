import type { Broadcast, BroadcastTexts } from '../../schemas/broadcast.ts';

const KIND = { alert: 'Een bericht', update: 'Een correctie', cancel: 'Een intrekking' } as const;

/**
 * The notice the coordinators get when a broadcast waits for approval: who wrote what, and
 * where to find it. No link, so a forwarded notice gives nobody a way in.
 */
export function composeApprovalNotice(broadcast: Broadcast): BroadcastTexts {
  const what = `${KIND[broadcast.messageType]} van ${broadcast.createdBy} wacht op goedkeuring: "${broadcast.title}".`;
  const text = `${what}\n\nEen andere coördinator moet het controleren en goedkeuren voordat het uitgaat. Open de coördinatieconsole; het bericht staat bovenaan onder "Wacht op uw goedkeuring".`;
  const title = broadcast.title.length > 70 ? `${broadcast.title.slice(0, 69)}…` : broadcast.title;
  // An exercise's title starts with OEFENING already, so the notice says so too.
  return {
    title: `Wacht op goedkeuring: ${broadcast.title}`,
    webBody: text,
    emailSubject: `Wacht op goedkeuring: ${broadcast.title}`,
    emailText: text,
    smsText: `Baken: ${KIND[broadcast.messageType].toLowerCase()} van ${broadcast.createdBy} wacht op goedkeuring: "${title}". Open de console.`,
  };
}
