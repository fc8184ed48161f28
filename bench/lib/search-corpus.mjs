// A generated corpus for the search benchmark: the demo scripts as templates, varied so the
// copies are not identical: a place in the title and tags, a local paragraph with made-up
// names (new words for the index, as real local scripts have), and some Q&A left out.

const PLACES = [
  'Amersfoort',
  'Apeldoorn',
  'Arnhem',
  'Assen',
  'Breda',
  'Delft',
  'Deventer',
  'Dordrecht',
  'Ede',
  'Eindhoven',
  'Emmen',
  'Enschede',
  'Goes',
  'Gouda',
  'Groningen',
  'Haarlem',
  'Heerlen',
  'Helmond',
  'Hengelo',
  'Hoorn',
  'Kampen',
  'Leeuwarden',
  'Leiden',
  'Lelystad',
  'Maastricht',
  'Middelburg',
  'Nijmegen',
  'Oss',
  'Roermond',
  'Sneek',
  'Tiel',
  'Tilburg',
  'Utrecht',
  'Venlo',
  'Vlissingen',
  'Weert',
  'Winterswijk',
  'Zaandam',
  'Zeist',
  'Zwolle',
];
const SYLLABLES = [
  'berg',
  'veld',
  'hoven',
  'dijk',
  'brink',
  'meer',
  'hout',
  'kamp',
  'lo',
  'wijk',
  'stein',
  'horst',
  'beek',
  'rade',
  'mond',
  'zand',
];
const STARTS = [
  'Ae',
  'Bo',
  'Ca',
  'De',
  'El',
  'Fe',
  'Ga',
  'Ha',
  'Ie',
  'Ka',
  'La',
  'Me',
  'No',
  'Op',
  'Ra',
  'Sa',
  'Te',
  'Ve',
  'Wa',
  'Zo',
];
const KINDS = ['wijkcentrum', 'sporthal', 'buurthuis', 'dorpshuis', 'bibliotheek', 'gemeentewerf'];

/** Deterministic pseudo-random numbers (mulberry32), so every run benchmarks the same corpus. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Makes `count` scripts from `templates` (ScriptInput objects) round-robin, each with a
 * unique slug `gen-0001-<template>`; withdrawn templates are skipped.
 */
export function generateScripts(templates, count, seed = 2026) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const name = () => `${pick(STARTS)}${pick(SYLLABLES)}${pick(SYLLABLES)}`;
  const usable = templates.filter((script) => script.data.status !== 'ingetrokken');
  return Array.from({ length: count }, (_, index) => {
    const template = usable[index % usable.length];
    const place = pick(PLACES);
    const local = `${name()} ${pick(KINDS)}`;
    const body = template.body
      // Leave out about one in four Q&A entries: a "### question" block up to the next heading.
      .replace(/^### [^\n]*\n[\s\S]*?(?=^##)/gm, (block) => (next() < 0.25 ? '' : block))
      .concat(
        `\n\nIn ${place} is het ${local} het aanspreekpunt. Contact via team ${name()} van ${name()}zorg of de ${name()}school.\n`,
      );
    return {
      slug: `gen-${String(index + 1).padStart(4, '0')}-${template.slug}`,
      data: {
        ...template.data,
        title: `${template.data.title} (${place})`,
        tags: [...template.data.tags, place.toLowerCase(), local],
      },
      body,
    };
  });
}
