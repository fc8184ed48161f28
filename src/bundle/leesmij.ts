import { formatDateTime } from '../catalog/format-date-time.ts';
import { DEFAULT_PORT } from './serve-options.ts';

/**
 * The LEESMIJ.txt of the local-network bundle: Dutch at B1 level, for a volunteer who has
 * never used a command line. Windows line endings, so every editor shows the lines.
 */
export function leesmijText(builtAt: Date): string {
  const port = DEFAULT_PORT;
  return `Baken op het lokale netwerk
===========================

Met dit pakket geeft één laptop Baken aan andere computers en telefoons in het
gebouw. Dat werkt ook als er geen internet is. U heeft alleen een laptop en een
netwerk nodig: de wifi of de netwerkkabels in het gebouw.

Deze versie van Baken is van ${formatDateTime(builtAt)}.


Wat heeft u nodig?
------------------
- Een laptop met Windows, macOS of Linux.
- Het programma Node.js, versie 18 of nieuwer. Staat het nog niet op de laptop?
  Installeer het dan nu, nu er nog internet is: https://nodejs.org (kies "LTS").
  Zet het installatiebestand ook op de USB-stick, voor een laptop zonder internet.


Zo start u Baken
----------------
1. Pak dit zip-bestand uit, bijvoorbeeld op het bureaublad.
   U krijgt een map met de naam "baken".
2. Open een opdrachtvenster in die map:
   - Windows: open de map "baken". Klik bovenaan in de adresbalk, typ cmd en
     druk op Enter.
   - macOS: open het programma Terminal. Typ cd en een spatie. Sleep de map
     "baken" in het venster en druk op Enter.
   - Linux: klik met de rechtermuisknop in de map en kies "Openen in terminal".
3. Typ deze opdracht en druk op Enter:

      node serve.mjs ${port}

4. U ziet nu "Baken draait op" met de adressen van Baken.
5. Open op deze laptop in de browser: http://localhost:${port}
   Andere apparaten openen het adres onder "Voor andere apparaten op het
   netwerk", bijvoorbeeld http://192.168.1.20:${port}
   Die apparaten moeten op hetzelfde netwerk zitten als de laptop.

Stoppen: klik in het opdrachtvenster en druk tegelijk op Ctrl en C.
Of sluit het opdrachtvenster.


Lukt het niet?
--------------
- U ziet "node wordt niet herkend" of "command not found":
  Node.js is niet geïnstalleerd. Kijk bij "Wat heeft u nodig?".
- U ziet "Poort ${port} is al in gebruik":
  kies een ander getal, bijvoorbeeld: node serve.mjs ${port + 1}
  Gebruik dat getal dan ook in de adressen.
- Andere apparaten kunnen Baken niet openen:
  controleer of ze op hetzelfde netwerk zitten als de laptop.
  Windows vraagt soms of Node.js het netwerk mag gebruiken. Kies dan
  "Toegang toestaan" voor privénetwerken.


Goed om te weten
----------------
- Op de laptop zelf (http://localhost:${port}) bewaart de browser alle pagina's.
  Daar werkt Baken daarna ook als het opdrachtvenster dicht is.
- Andere apparaten zien Baken zolang de laptop aan staat en het opdrachtvenster
  open is. Zij bewaren de pagina's niet: een browser doet dat alleen bij een
  beveiligde verbinding (https) of op het apparaat zelf.
- Print de noodkaarten op tijd. Papier werkt altijd.
- Dit pakket verandert niet vanzelf. Vraag de beheerder om een nieuw pakket als
  de afgesproken lijnen veranderen.
`.replace(/\n/g, '\r\n');
}
