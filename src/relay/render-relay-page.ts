import { formatDateTime } from '../catalog/format-date-time.ts';
import { UPDATE_STATE_LABEL } from '../catalog/update-labels.ts';
import { KIND_LABEL } from '../schemas/broadcast-labels.ts';
import type { RelayedUpdate } from '../schemas/signed-updates.ts';
import { escapeXml } from '../server/feeds/escape-xml.ts';
import type { RelayStatus } from './follow-upstream.ts';

const CLOCK = new Intl.DateTimeFormat('nl-NL', { timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
const DAY = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });

/** "21:25 op 25 november 2026", to follow "om": the time first, as people ask for it. */
const time = (date: Date) =>
  `<time datetime="${escapeXml(date.toISOString())}">${escapeXml(`${CLOCK.format(date)} op ${DAY.format(date)}`)}</time>`;
/** "25 november 2026 om 21:25", where no "om" comes before it. */
const when = (date: Date) =>
  `<time datetime="${escapeXml(date.toISOString())}">${escapeXml(formatDateTime(date))}</time>`;

function renderUpdate(u: RelayedUpdate): string {
  const paragraphs = u.text.split(/\n{2,}/).map((p) => `<p class="update-text">${escapeXml(p)}</p>`);
  return `<li id="bericht-${escapeXml(u.id)}" class="update update-${u.state}">
<article aria-labelledby="titel-${escapeXml(u.id)}">
<h2 id="titel-${escapeXml(u.id)}">${escapeXml(u.title)}</h2>
<p class="update-meta"><span class="badge badge-update-${u.state}">${UPDATE_STATE_LABEL[u.state]}</span> <span>${KIND_LABEL[u.type]}, verstuurd op ${when(new Date(u.publishedAt))}</span></p>
${paragraphs.join('\n')}
${u.replacedBy ? `<p><a href="#bericht-${escapeXml(u.replacedBy)}">Lees de nieuwste versie</a></p>` : ''}
${u.references ? `<p><a href="#bericht-${escapeXml(u.references)}">Naar het oorspronkelijke bericht</a></p>` : ''}
</article>
</li>`;
}

/**
 * The main content of a relay's /actueel/: the central hub's updates with where and when they
 * were fetched, a warning when the hub is out of reach, and a plain alert when an answer was
 * refused. Everything from outside is escaped; the page has no script of its own.
 */
export function renderRelayPage(status: RelayStatus): string {
  const host = escapeXml(new URL(status.upstream).host);
  const { copy, unreachable, refused } = status;
  const parts = ['<h1>Actuele berichten</h1>'];
  parts.push(
    `<p class="lead">Deze computer haalt de berichten op bij de centrale hub ${host} en laat ze hier zien, ook als de verbinding wegvalt.</p>`,
  );
  if (refused && (!copy || refused.at >= copy.fetchedAt)) {
    parts.push(
      `<div class="relay-refused" role="alert" data-relay-refused><p><strong>Berichten geweigerd.</strong> Om ${time(refused.at)} kwamen er berichten binnen die niet van de centrale hub ${host} zijn: ${escapeXml(refused.reason)}. Baken laat ze niet zien.${copy ? ' Hieronder staan de laatste echte berichten.' : ''}</p></div>`,
    );
  }
  if (unreachable) {
    parts.push(
      `<p class="relay-unreachable" data-relay-unreachable><strong>De centrale hub is nu niet bereikbaar</strong> (laatste poging om ${time(unreachable.at)}). ${copy ? 'U ziet de berichten die het laatst zijn opgehaald.' : ''}</p>`,
    );
  }
  if (!copy) {
    parts.push(`<p data-relay-fetched>Er zijn nog geen berichten opgehaald van ${host}.</p>`);
    return parts.join('\n');
  }
  parts.push(`<p class="relay-fetched" data-relay-fetched>Opgehaald van ${host} om ${time(copy.fetchedAt)}.</p>`);
  const { updates } = copy.document;
  parts.push(
    updates.length === 0
      ? '<p>Er zijn nu geen berichten.</p>'
      : `<ol class="update-list">\n${updates.map(renderUpdate).join('\n')}\n</ol>`,
  );
  return parts.join('\n');
}

/**
 * Puts `main` into a page of the built site, so the relay page has the same header, menu,
 * banner and styles (and no inline script) as every other page.
 */
export function intoShell(shell: string, title: string, main: string): string {
  const withTitle = shell.replace(/<title>[^<]*<\/title>/, `<title>${escapeXml(title)} | Baken</title>`);
  const open = /<main\b[^>]*>/.exec(withTitle);
  const close = withTitle.lastIndexOf('</main>');
  if (!open || close < open.index) throw new Error('the shell page has no <main> element');
  const start = open.index + open[0].length;
  return `${withTitle.slice(0, start)}\n${main}\n${withTitle.slice(close)}`;
}
