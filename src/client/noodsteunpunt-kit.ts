/**
 * The noodsteunpunt kit: keeps what a location fills in (in this browser only), shows it on
 * the poster and the noodkaart, draws the QR codes and dates the print. Everything it needs
 * is in the page, so it works offline.
 */
import { toString as qrSvg } from 'qrcode';
import { formatDateTime } from '../catalog/format-date-time.ts';

const STORAGE_KEY = 'baken:noodsteunpunt';
type Saved = Record<string, string>;

const form = document.querySelector<HTMLFormElement>('[data-kit-form]');
const poster = document.querySelector<HTMLElement>('[data-kit-sheet="poster"]');

function load(): Saved {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return value && typeof value === 'object' ? (value as Saved) : {};
  } catch {
    return {};
  }
}

function save(values: Saved, status: HTMLElement | null): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(values));
  } catch {
    if (status)
      status.textContent =
        'Uw gegevens kunnen in deze browser niet bewaard worden. Print de poster en de kaart voordat u de pagina sluit.';
  }
}

function values(target: HTMLFormElement): Saved {
  const result: Saved = {};
  for (const [name, value] of new FormData(target)) if (typeof value === 'string') result[name] = value.trim();
  return result;
}

function qrTarget(choice: string | undefined): string {
  const central = poster?.dataset.centralUrl ?? '';
  return choice === 'centraal' || location.protocol === 'file:' ? central : new URL('/actueel/', location.origin).href;
}

let drawnFor = '';
async function drawQr(url: string): Promise<void> {
  if (url === drawnFor) return;
  drawnFor = url;
  const svg = await qrSvg(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  for (const holder of document.querySelectorAll<HTMLElement>('[data-kit-qr]')) {
    const element = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
    element.setAttribute('role', 'img');
    element.setAttribute('aria-label', `QR-code naar ${url}`);
    holder.replaceChildren(document.importNode(element, true));
  }
  for (const text of document.querySelectorAll<HTMLElement>('[data-kit-url]')) text.textContent = url;
}

/** Fills {locatie} and {gemeente} in the chosen message; other blanks stay marked for a pen. */
function fillPlaceholders(root: HTMLElement, v: Saved): void {
  const known: Record<string, string | undefined> = { '{locatie}': v.naam, '{gemeente}': v.gemeente };
  for (const span of root.querySelectorAll<HTMLElement>('.placeholder')) {
    span.dataset.blank ??= span.textContent ?? '';
    const value = known[span.dataset.blank];
    span.textContent = value || span.dataset.blank;
    span.classList.toggle('placeholder-filled', Boolean(value));
  }
}

function render(v: Saved): void {
  for (const field of document.querySelectorAll<HTMLElement>('[data-kit-field]')) {
    const name = field.dataset.kitField ?? '';
    field.textContent = v[name] || (name === 'naam' ? 'Naam van de locatie' : name === 'adres' ? '' : '–');
  }
  for (const block of document.querySelectorAll<HTMLElement>('[data-kit-line]')) {
    block.hidden = block.dataset.kitLine !== v.lijn;
    if (!block.hidden) fillPlaceholders(block, v);
  }
  for (const block of document.querySelectorAll<HTMLElement>('[data-kit-card], [data-kit-card-fields]')) {
    block.hidden = (block.dataset.kitCard ?? block.dataset.kitCardFields) !== v.kaart;
  }
  for (const line of document.querySelectorAll<HTMLElement>('[data-kit-fill]'))
    line.textContent = v[line.dataset.kitFill ?? ''] ?? '';
  void drawQr(qrTarget(v.qr));
}

function datePrint(): void {
  const now = formatDateTime(new Date());
  for (const element of document.querySelectorAll<HTMLElement>('[data-kit-printed]')) element.textContent = now;
}

function start(target: HTMLFormElement): void {
  const status = document.querySelector<HTMLElement>('[data-kit-status]');
  const errors = document.querySelector<HTMLElement>('[data-kit-errors]');
  const local = document.querySelector<HTMLElement>('[data-kit-local-url]');
  if (local) local.textContent = new URL('/actueel/', location.origin).href;
  // Restore what was filled in before; a value that no longer exists (an old line) is skipped.
  for (const [name, value] of Object.entries(load())) {
    const control = target.elements.namedItem(name);
    if (control instanceof RadioNodeList) control.value = value;
    else if (control instanceof HTMLInputElement || control instanceof HTMLSelectElement) {
      if (control instanceof HTMLSelectElement && ![...control.options].some((o) => o.value === value)) continue;
      control.value = value.slice(
        0,
        control instanceof HTMLInputElement && control.maxLength > 0 ? control.maxLength : undefined,
      );
    }
  }
  const update = () => {
    const v = values(target);
    save(v, status);
    render(v);
  };
  target.addEventListener('input', update);
  target.addEventListener('change', update);
  target.addEventListener('submit', (event) => event.preventDefault());
  render(values(target));

  const name = target.elements.namedItem('naam') as HTMLInputElement;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-kit-print-button]')) {
    button.addEventListener('click', () => {
      if (name.value.trim() === '') {
        name.setAttribute('aria-invalid', 'true');
        if (errors) {
          errors.hidden = false;
          errors.innerHTML = '';
          const link = document.createElement('a');
          link.href = '#kit-naam';
          link.textContent = 'Vul de naam van de locatie in. Die komt groot op de poster en op de kaart.';
          errors.append(link);
          errors.focus();
        }
        return;
      }
      name.removeAttribute('aria-invalid');
      if (errors) errors.hidden = true;
      document.body.dataset.kitPrint = button.dataset.kitPrintButton ?? '';
      datePrint();
      window.print();
    });
  }
  window.addEventListener('beforeprint', datePrint);
  window.addEventListener('afterprint', () => delete document.body.dataset.kitPrint);
}

if (form) start(form);
