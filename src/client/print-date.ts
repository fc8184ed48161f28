/**
 * Writes today's date on a noodkaart when it is printed, so a card on the wall shows how old it
 * is. Without JavaScript the line stays empty to fill in with a pen.
 */
const target = document.querySelector<HTMLElement>('[data-print-date]');
const today = () =>
  new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date());

window.addEventListener('beforeprint', () => {
  if (target) target.textContent = today();
});
