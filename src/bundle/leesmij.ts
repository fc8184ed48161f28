import { formatDateTime } from '../catalog/format-date-time.ts';
import { DEFAULT_PORT } from './serve-options.ts';

/**
 * The LEESMIJ.txt of the local-network bundle: Dutch at B1 level, for a volunteer who has
 * never used a command line. `withNode`: the bundle has Node.js inside (the default), so
 * nothing needs to be installed. Windows line endings, so every editor shows the lines.
 */
export function leesmijText(builtAt: Date, withNode: boolean): string {
  const port = DEFAULT_PORT;
  const needs = withNode
    ? `- Een laptop met Windows, macOS of Linux.
- Verder niets. Het programma dat Baken laat werken (Node.js) zit in dit pakket.
  U hoeft niets te installeren en u heeft geen internet nodig.`
    : `- Een laptop met Windows, macOS of Linux.
- Het programma Node.js, versie 18 of nieuwer. Dit kleine pakket heeft het niet.
  Vraag de beheerder om het gewone pakket: daar zit Node.js wel in.`;
  return `Baken op het lokale netwerk
===========================

Met dit pakket geeft één laptop Baken aan andere computers en telefoons in het
gebouw. Dat werkt ook als er geen internet is. U heeft alleen een laptop en een
netwerk nodig: de wifi of de netwerkkabels in het gebouw.

Deze versie van Baken is van ${formatDateTime(builtAt)}.


Wat heeft u nodig?
------------------
${needs}


Zo start u Baken
----------------
1. Pak dit zip-bestand uit, bijvoorbeeld op het bureaublad.
   U krijgt een map met de naam "baken". Open die map.
2. Start Baken:
   - Windows: dubbelklik op start-windows.cmd.
     Ziet u "Windows heeft uw pc beschermd"? Klik op "Meer informatie" en
     daarna op "Toch uitvoeren".
   - macOS: klik met de rechtermuisknop op start-macos.command en kies
     "Open". Klik daarna nog een keer op "Open".
   - Linux: open een opdrachtvenster in de map en typ: sh start.sh
3. Er gaat een zwart venster open. U ziet "Baken draait op" met de adressen
   van Baken. Laat dit venster open.
4. Open op deze laptop in de browser: http://localhost:${port}
   Andere apparaten openen het adres onder "Voor andere apparaten op het
   netwerk", bijvoorbeeld http://192.168.1.20:${port}
   Die apparaten moeten op hetzelfde netwerk zitten als de laptop.

Stoppen: klik in het zwarte venster en druk tegelijk op Ctrl en C.
Of sluit het venster.


Lukt het niet?
--------------
- U ziet "Poort ${port} is al in gebruik":
  een ander programma gebruikt dat nummer. Start Baken met een ander nummer.
  Typ in een opdrachtvenster in de map:
    Windows:        start-windows.cmd ${port + 1}
    macOS en Linux: sh start.sh ${port + 1}
  Gebruik dat nummer dan ook in de adressen.
- Andere apparaten kunnen Baken niet openen:
  controleer of ze op hetzelfde netwerk zitten als de laptop.
  Windows vraagt soms of Node.js het netwerk mag gebruiken. Kies dan
  "Toegang toestaan" voor privénetwerken.
- Een Mac met een Apple-chip (M1, M2 of nieuwer) zegt dat Rosetta 2 nodig is:
  Baken gebruikt dan de versie voor Intel-Macs. Installeer Rosetta 2 zolang er
  internet is. Het venster zegt welke opdracht u moet typen.
- U ziet "er is geen Node.js voor deze computer":
  deze computer is geen gewone Windows-, Mac- of Linux-laptop (bijvoorbeeld een
  Raspberry Pi). Installeer Node.js (https://nodejs.org, kies "LTS") en typ
  in een opdrachtvenster in de map: node serve.mjs ${port}


Goed om te weten
----------------
- Op de laptop zelf (http://localhost:${port}) bewaart de browser alle pagina's.
  Daar werkt Baken daarna ook als het venster dicht is.
- Andere apparaten zien Baken zolang de laptop aan staat en het venster open
  is. Zij bewaren de pagina's niet: een browser doet dat alleen bij een
  beveiligde verbinding (https) of op het apparaat zelf.
- Bovenaan elke pagina staat of Baken bereikbaar is, en van wanneer de
  informatie is die u ziet.
- "Actueel" toont de berichten zoals Baken ze had toen dit pakket werd gemaakt.
  Aanmelden voor berichten kan alleen bij de centrale Baken op internet.
- Print de noodkaarten op tijd. Papier werkt altijd.
- De afgesproken lijnen in dit pakket veranderen niet vanzelf. Vraag de
  beheerder om een nieuw pakket als de lijnen veranderen.


Nieuwe berichten van de centrale Baken ophalen
----------------------------------------------
Heeft de laptop soms internet? Dan kan Baken zelf de nieuwste berichten
ophalen bij de centrale Baken. Typ in een opdrachtvenster in de map:
  macOS en Linux: BAKEN_UPSTREAM=https://adres-van-de-centrale-baken sh start.sh
  Windows:        set BAKEN_UPSTREAM=https://adres-van-de-centrale-baken
                  start-windows.cmd
Vraag de beheerder om het juiste adres. Baken haalt dan steeds de berichten
op als er verbinding is. Onder "Actueel" staat van welke Baken ze komen en
hoe laat ze zijn opgehaald. Is de verbinding weg? Dan blijft Baken de laatste
berichten tonen.
De berichten zijn ondertekend. Baken controleert dat met de sleutel in
hub-public-key.json. Klopt de handtekening niet? Dan toont Baken de berichten
niet en ziet u een melding.
`.replace(/\n/g, '\r\n');
}
