// Keeps the console's preview up to date while a coordinator types: the script's texts with
// the typed values put in, and the SMS count. Without this script the preview is the one the
// server rendered at the last "Voorbeeld bijwerken"; the server checks everything again on saving.
import { textBlocks } from '../catalog/text-blocks.ts';
import { analyzeSms } from '../sms/segment-sms.ts';

type Texts = Record<'title' | 'webBody' | 'emailSubject' | 'emailText' | 'smsText', string>;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name]?.trim() || whole);
}

function renderBlocks(target: Element, text: string): void {
  target.replaceChildren(
    ...textBlocks(text).map((block) => {
      if (block.kind === 'paragraph') {
        const p = document.createElement('p');
        p.className = 'update-text';
        p.textContent = block.text;
        return p;
      }
      const ul = document.createElement('ul');
      ul.className = 'update-bullets';
      ul.append(...block.items.map((item) => Object.assign(document.createElement('li'), { textContent: item })));
      return ul;
    }),
  );
}

function renderFacts(target: Element, text: string, max: number): void {
  const sms = analyzeSms(text);
  const dl = document.createElement('dl');
  dl.className = 'sms-facts';
  for (const [term, value] of [
    ['Tekens', String(sms.characters)],
    ['Codering', sms.encoding],
    ["Aantal sms'en", `${sms.segments} (maximaal ${max})`],
  ] as const) {
    const div = document.createElement('div');
    div.append(
      Object.assign(document.createElement('dt'), { textContent: term }),
      Object.assign(document.createElement('dd'), { textContent: value }),
    );
    dl.append(div);
  }
  const parts: Element[] = [dl];
  if (sms.segments > max) {
    parts.push(
      Object.assign(document.createElement('p'), {
        className: 'utrecht-form-field-error-message',
        textContent: `De sms wordt ${sms.segments} delen; afgesproken is maximaal ${max}. Maak de ingevulde velden korter.`,
      }),
    );
  }
  target.replaceChildren(...parts);
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-live-form]')) {
  const preview = form.querySelector<HTMLElement>('[data-live-preview]');
  if (!preview?.dataset.templates) continue;
  const templates = JSON.parse(preview.dataset.templates) as Texts;
  const max = Number(preview.dataset.maxSegments ?? '1');
  const update = () => {
    const values: Record<string, string> = {};
    for (const input of form.querySelectorAll<HTMLInputElement>('input[name^="fields."]'))
      values[input.name.slice(7)] = input.value;
    for (const key of Object.keys(templates) as Array<keyof Texts>) {
      const target = preview.querySelector(`[data-preview="${key}"]`);
      if (!target) continue;
      const text = fill(templates[key], values);
      if (key === 'webBody' || key === 'emailText') renderBlocks(target, text);
      else target.textContent = text;
    }
    const facts = preview.querySelector('[data-sms-facts]');
    if (facts) renderFacts(facts, fill(templates.smsText, values), max);
  };
  form.addEventListener('input', update);
}
