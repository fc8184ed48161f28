/**
 * Adds a "Kopieer" button to each section of a script page. Buttons are made here, not in
 * the HTML, so pages without JavaScript show no buttons that do nothing.
 */

function sectionText(heading: HTMLElement): string {
  const parts: string[] = [];
  for (let node = heading.nextElementSibling; node && node.tagName !== 'H2'; node = node.nextElementSibling) {
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text keeps list items and lines apart; textContent would glue them together in the copy.
    if (!node.classList.contains('copy-button')) parts.push((node as HTMLElement).innerText.trim());
  }
  return parts.filter(Boolean).join('\n\n');
}

function makeButton(label: string, getText: () => string): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-button';
  button.textContent = 'Kopieer';
  button.setAttribute('aria-label', `Kopieer ${label}`);
  const status = document.getElementById('copy-status');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(getText());
      button.textContent = 'Gekopieerd';
      if (status) status.textContent = `${label} is gekopieerd.`;
    } catch {
      button.textContent = 'Kopiëren lukt niet';
      if (status) status.textContent = `Kopiëren van ${label} lukt niet. Selecteer de tekst en kopieer die zelf.`;
    }
    window.setTimeout(() => (button.textContent = 'Kopieer'), 2500);
  });
  return button;
}

for (const heading of document.querySelectorAll<HTMLElement>('.script-body h2')) {
  const label = heading.textContent?.trim() ?? 'tekst';
  heading.insertAdjacentElement(
    'afterend',
    makeButton(label, () => sectionText(heading)),
  );
}

for (const box of document.querySelectorAll<HTMLElement>('[data-copy-section]')) {
  const source = box.querySelector<HTMLElement>('[data-copy-source]');
  const heading = box.querySelector('h2');
  if (!source || !heading) continue;
  heading.insertAdjacentElement(
    'afterend',
    // biome-ignore lint/performance/useDomNodeTextContent: as above, the copy is the text as the spokesperson sees it.
    makeButton(heading.textContent?.trim() ?? 'tekst', () => source.innerText.trim()),
  );
}
