/**
 * The search page. The address drives it (`?q=…&sector=…&scenario=…`), so a search can be
 * shared and reloaded, also from the offline cache. The index and the query code load on
 * first use: at once when the address holds a search, else when the field gets focus.
 */
import { splitPlaceholders } from '../catalog/highlight-placeholders.ts';
import { STATUS_LABEL } from '../catalog/script-status.ts';
import type { Searcher, SearchFilters, SearchHit, SearchResult } from '../search/create-searcher.ts';
import type { TextPart } from '../search/mark-matches.ts';
import type { SearchIndexFile } from '../search/search-index-file.ts';

/** Results shown at most; the status says how many there are in all. */
const SHOWN = 50;
/** Pause in typing after which the results follow. */
const TYPING_PAUSE_MS = 200;

document.getElementById('zoek-zonder-js')?.setAttribute('hidden', '');
const form = document.querySelector<HTMLFormElement>('form[data-search-index]');
const status = document.getElementById('zoek-status');
const help = document.getElementById('zoek-hulp');
const list = document.getElementById('zoek-resultaten');
if (form && status && help && list) enhance(form, status, help, list);

function enhance(form: HTMLFormElement, status: HTMLElement, help: HTMLElement, list: HTMLElement): void {
  const field = form.elements.namedItem('q') as HTMLInputElement;
  const sector = form.elements.namedItem('sector') as HTMLSelectElement;
  const scenario = form.elements.namedItem('scenario') as HTMLSelectElement;
  const indexUrl = form.dataset.searchIndex ?? '';
  let searcher: Promise<Searcher> | undefined;
  let ready = false;
  let latest = 0;
  let typingTimer: number | undefined;

  const load = (): Promise<Searcher> => {
    searcher ??= Promise.all([import('../search/create-searcher.ts'), fetchIndex(indexUrl)]).then(
      ([{ createSearcher }, file]) => {
        const loaded = createSearcher(file);
        ready = true;
        return loaded;
      },
    );
    // A failed load (no connection, no cache) is tried again on the next search.
    searcher.catch(() => (searcher = undefined));
    return searcher;
  };

  const filters = (): SearchFilters => ({ sector: sector.value || undefined, scenario: scenario.value || undefined });

  const addressOf = (): string => {
    const params = new URLSearchParams();
    if (field.value.trim() !== '') params.set('q', field.value.trim());
    if (sector.value) params.set('sector', sector.value);
    if (scenario.value) params.set('scenario', scenario.value);
    const query = params.toString();
    return query === '' ? location.pathname : `${location.pathname}?${query}`;
  };

  const fromAddress = (): void => {
    const params = new URLSearchParams(location.search);
    field.value = params.get('q') ?? '';
    choose(sector, params.get('sector'));
    choose(scenario, params.get('scenario'));
  };

  const run = async (): Promise<void> => {
    const ticket = ++latest;
    const query = field.value;
    const chosen = filters();
    if (query.trim() === '' && !chosen.sector && !chosen.scenario) {
      show([], '', true);
      return;
    }
    if (!ready) status.textContent = 'Bezig met zoeken …';
    try {
      const loaded = await load();
      if (ticket !== latest) return;
      const result = loaded.search(query, chosen);
      show(
        result.hits.slice(0, SHOWN).map((hit) => resultItem(loaded, hit)),
        describe(result, query.trim(), chosen, loaded),
        result.hits.length > 0 && result.match !== 'any',
      );
    } catch {
      if (ticket !== latest) return;
      show([], 'De zoekfunctie kon niet laden. Controleer de verbinding en probeer het opnieuw.', false);
    }
  };

  const show = (items: HTMLElement[], message: string, hideHelp: boolean): void => {
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
    status.textContent = message;
    help.hidden = hideHelp;
  };

  const follow = (): void => {
    history.replaceState(null, '', addressOf());
    void run();
  };

  field.addEventListener('focus', () => void load().catch(() => undefined), { once: true });
  field.addEventListener('input', () => {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(follow, TYPING_PAUSE_MS);
  });
  sector.addEventListener('change', follow);
  scenario.addEventListener('change', follow);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.clearTimeout(typingTimer);
    const address = addressOf();
    if (address !== `${location.pathname}${location.search}`) history.pushState(null, '', address);
    void run();
  });
  window.addEventListener('popstate', () => {
    fromAddress();
    void run();
  });

  fromAddress();
  void run();
}

async function fetchIndex(url: string): Promise<SearchIndexFile> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} gaf ${response.status}`);
  return (await response.json()) as SearchIndexFile;
}

function choose(select: HTMLSelectElement, value: string | null): void {
  select.value = [...select.options].some((option) => option.value === value) ? (value ?? '') : '';
}

/** The sentence the status (and screen readers) give for a result. */
function describe(result: SearchResult, query: string, filters: SearchFilters, searcher: Searcher): string {
  const count = result.hits.length;
  const lines = `${count.toLocaleString('nl-NL')} ${count === 1 ? 'lijn' : 'lijnen'}`;
  const narrowed = [
    filters.sector ? `sector ${searcher.names.sectors[filters.sector] ?? filters.sector}` : '',
    filters.scenario ? `situatie ${searcher.names.scenarios[filters.scenario] ?? filters.scenario}` : '',
  ].filter(Boolean);
  const within = narrowed.length > 0 ? ` (${narrowed.join(', ')})` : '';
  const more = count > SHOWN ? ` De eerste ${SHOWN} staan hieronder.` : '';
  if (result.match === 'filter') return `${lines}${within}.${more}`;
  if (count === 0) return `Geen lijnen gevonden voor "${query}"${within}. Probeer een ander woord.`;
  if (result.match === 'any')
    return `Geen lijn past bij alle woorden. ${lines} ${count === 1 ? 'past' : 'passen'} bij een deel van "${query}"${within}.${more}`;
  return `${lines} gevonden voor "${query}"${within}.${more}`;
}

function resultItem(searcher: Searcher, hit: SearchHit): HTMLElement {
  const { doc } = hit;
  const item = element('li', 'search-result');
  const link = element('a');
  link.href = doc.url;
  link.append(...marked(searcher.mark(doc.title, hit)));
  const title = element('h2', 'search-result-title');
  title.append(link);

  const meta = element('p', 'search-result-meta');
  meta.append(element('span', `badge badge-${doc.status}`, STATUS_LABEL[doc.status]));
  if (doc.expired) meta.append(element('span', 'badge badge-expired', 'Verlopen — controleer'));
  const sectors = doc.allSectors
    ? 'Alle sectoren'
    : doc.sectors.map((slug) => searcher.names.sectors[slug] ?? slug).join(', ');
  meta.append(
    element('span', undefined, `Sector: ${sectors}`),
    element('span', undefined, `Situatie: ${searcher.names.scenarios[doc.scenario] ?? doc.scenario}`),
  );

  const snippet = element('p', 'search-result-snippet');
  snippet.append(...marked(searcher.mark(doc.snippet, hit, { snippet: true }), true));
  item.append(title, meta, snippet);
  return item;
}

/** Text parts as nodes: matched words in <mark>, and `{placeholders}` marked as on the script page. */
function marked(parts: TextPart[], withPlaceholders = false): Node[] {
  return parts.flatMap((part) => {
    if (part.marked) return [element('mark', undefined, part.text)];
    if (!withPlaceholders) return [document.createTextNode(part.text)];
    return splitPlaceholders(part.text).map((piece) =>
      piece.placeholder ? element('span', 'placeholder', piece.text) : document.createTextNode(piece.text),
    );
  });
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
