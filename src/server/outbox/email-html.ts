import { textBlocks } from '../../catalog/text-blocks.ts';
import { escapeXml } from '../feeds/escape-xml.ts';

/** What the HTML of one email shows. */
export interface EmailParts {
  orgName: string;
  subject: string;
  /** The plain text of the message: paragraphs and "- " lists. */
  text: string;
  /** Where the update (and later corrections) stand on the site, if it is there. */
  updateLink?: string | undefined;
  unsubscribeLink?: string | undefined;
}

const BODY_STYLE =
  'margin:0;padding:16px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;';

/**
 * The HTML version of an email: plain, accessible markup (language, a heading, real lists,
 * links that say where they go), inline styles only and no remote images, so it reads the
 * same in every mail program and with images blocked.
 */
export function emailHtml(parts: EmailParts): string {
  const e = escapeXml;
  const blocks = textBlocks(parts.text)
    .map((block) =>
      block.kind === 'paragraph'
        ? `<p style="margin:0 0 16px;">${e(block.text).replace(/\n/g, '<br>')}</p>`
        : `<ul style="margin:0 0 16px;padding-left:24px;">${block.items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(parts.subject)}</title>
</head>
<body style="${BODY_STYLE}">
<div style="max-width:40rem;margin:0 auto;">
<p style="margin:0 0 8px;font-weight:bold;">Bericht van ${e(parts.orgName)}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;">${e(parts.subject)}</h1>
${blocks}
${parts.updateLink ? `<p style="margin:0 0 16px;"><a href="${e(parts.updateLink)}" style="color:#01689b;">Lees dit bericht en nieuwe updates op onze website</a></p>` : ''}
<hr style="border:0;border-top:1px solid #cccccc;margin:24px 0 16px;">
<p style="margin:0;font-size:14px;color:#444444;">${emailFooterSentence(parts.orgName)}${parts.unsubscribeLink ? ` <a href="${e(parts.unsubscribeLink)}" style="color:#01689b;">Afmelden of uw gegevens bekijken</a>` : ''}</p>
</div>
</body>
</html>
`;
}

/** Why someone gets this email, naming the organisation that sends it (never the software). */
export function emailFooterSentence(orgName: string): string {
  return `U krijgt dit bericht omdat u zich heeft aangemeld voor berichten van ${escapeXml(orgName)}.`;
}
