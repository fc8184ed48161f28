/**
 * Puts a line's rendered Markdown one heading level down and gives its ids a prefix, so
 * many lines fit on one page (the woordvoeringsmap) with one outline and no id twice.
 */
export function nestScriptHtml(html: string, idPrefix: string): string {
  return html
    .replace(/<(\/?)h([1-5])\b/g, (_match, slash: string, level: string) => `<${slash}h${Number(level) + 1}`)
    .replace(/\bid="([^"]*)"/g, (_match, id: string) => `id="${idPrefix}-${id}"`)
    .replace(/\bhref="#([^"]*)"/g, (_match, id: string) => `href="#${idPrefix}-${id}"`);
}
