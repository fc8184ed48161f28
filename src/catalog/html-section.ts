/**
 * The HTML between the `<h2>` with this id and the next `<h2>` of rendered Markdown, e.g.
 * the "Kernboodschap" of a line; undefined when there is no such heading.
 */
export function htmlSection(html: string, id: string): string | undefined {
  const start = html.indexOf(`<h2 id="${id}">`);
  if (start < 0) return undefined;
  const bodyStart = html.indexOf('</h2>', start) + '</h2>'.length;
  const next = html.indexOf('<h2', bodyStart);
  return html.slice(bodyStart, next < 0 ? undefined : next).trim();
}
