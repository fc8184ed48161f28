// The line editor's live check: as an editor types, the content lint (the same code the build
// and the server run) checks the line as it would be published, and each Dutch message appears
// at its field before anything is saved. Without this script the server shows the same
// messages after "Opslaan".
import { composeLine, EMPTY_LINE_FORM, formFieldOf, type LineForm } from '../catalog/compose-line.ts';
import { type CatalogSlugs, lintProposedLine } from '../lint/lint-line.ts';
import { SCRIPT_SECTIONS } from '../schemas/script.ts';

function readForm(form: HTMLFormElement): { slug: string; values: LineForm } {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '');
  const values: LineForm = { ...EMPTY_LINE_FORM, sections: {} };
  for (const key of Object.keys(EMPTY_LINE_FORM) as Array<keyof LineForm>) {
    if (key !== 'sectors' && key !== 'sections') values[key] = text(key);
  }
  values.sectors = data.getAll('sectors').map(String);
  for (const heading of SCRIPT_SECTIONS) values.sections[heading] = text(`sections.${heading}`);
  return { slug: text('slug'), values };
}

function show(form: HTMLFormElement, problems: Array<{ field: string; message: string }>): void {
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  for (const problem of problems) {
    const field = problem.field === 'bestandsnaam' ? 'slug' : formFieldOf(problem.field);
    if (field && form.querySelector(`[data-error-for="${field}"]`))
      byField.set(field, [...(byField.get(field) ?? []), problem.message]);
    else general.push(`${problem.field}: ${problem.message}`);
  }
  for (const slot of form.querySelectorAll<HTMLElement>('[data-error-for]')) {
    const field = slot.dataset.errorFor ?? '';
    const messages = byField.get(field) ?? [];
    slot.replaceChildren(
      ...messages.map((message) => {
        const p = document.createElement('p');
        const hidden = Object.assign(document.createElement('span'), {
          className: 'visually-hidden',
          textContent: 'Fout: ',
        });
        p.append(hidden, message);
        return p;
      }),
    );
    slot.hidden = messages.length === 0;
    const wrapper = form.querySelector(`[data-line-field="${field}"]`);
    wrapper?.classList.toggle('utrecht-form-field--invalid', messages.length > 0);
    wrapper
      ?.querySelector('input:not([type="checkbox"]), textarea, select')
      ?.setAttribute('aria-invalid', String(messages.length > 0));
  }
  const summary = form.querySelector<HTMLElement>('[data-lint-summary]');
  const list = form.querySelector('[data-lint-general]');
  const count = form.querySelector('[data-lint-count]');
  const fieldCount = [...byField.values()].reduce((n, messages) => n + messages.length, 0);
  list?.replaceChildren(
    ...general.map((message) => Object.assign(document.createElement('li'), { textContent: message })),
  );
  if (count)
    count.textContent =
      fieldCount === 0
        ? ''
        : fieldCount === 1
          ? 'Bij 1 veld staat een melding.'
          : `Bij de velden staan ${fieldCount} meldingen.`;
  if (summary) summary.hidden = problems.length === 0;
  const status = form.querySelector('[data-lint-status]');
  if (status)
    status.textContent =
      problems.length === 0
        ? 'De controle vindt geen problemen.'
        : `De controle vindt ${problems.length === 1 ? '1 probleem' : `${problems.length} problemen`}.`;
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-line-editor]')) {
  const catalog = JSON.parse(form.dataset.catalog ?? '{}') as CatalogSlugs;
  const today = new Date().toISOString().slice(0, 10);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const { slug, values } = readForm(form);
    const { problems } = lintProposedLine(slug || 'nieuwe-lijn', composeLine(values), catalog, {
      version: '1.0',
      today,
    });
    show(form, problems);
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  });
  form.dataset.liveCheck = 'on';
}
