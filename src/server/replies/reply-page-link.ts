/**
 * The line a call-up's or roll-call's email ends with; the outbox puts each recipient's own
 * link in place of the mark, so nobody's link is ever stored or shared.
 */
export const REPLY_PAGE_MARK = '[antwoordpagina]';
export const REPLY_PAGE_LINE = `Antwoorden kan ook met een knop op uw eigen pagina: ${REPLY_PAGE_MARK}`;

/**
 * The personal reply page of one recipient: the broadcast, and the recipient's signed link
 * token (the one of their unsubscribe link, see PersonalTokens). The page only shows buttons;
 * answering is a POST, so a mail scanner that opens links answers nothing.
 */
export function replyPageUrl(publicUrl: string, broadcastId: string, token: string): string {
  return new URL(`/antwoord/${encodeURIComponent(broadcastId)}/?token=${encodeURIComponent(token)}`, publicUrl).href;
}

/** The email text with the recipient's link in place of the mark (or the line dropped when they have none). */
export function withReplyLink(text: string, link: string | undefined): string {
  if (!text.includes(REPLY_PAGE_MARK)) return text;
  return link ? text.replace(REPLY_PAGE_MARK, link) : text.replace(`\n\n${REPLY_PAGE_LINE}`, '');
}
