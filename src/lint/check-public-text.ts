import { findSection } from '../catalog/split-sections.ts';
import type { LintProblem, ScriptEntry } from './types.ts';

// Lines that address staff or volunteers ("Medewerkers: …") belong in their own section.
const STAFF_LINE =
  /^\s*[-*]?\s*(medewerkers|vrijwilligers|personeel|trainers|teamleiders|docenten|leerkrachten|begeleiders)\b[^:\n]{0,40}:/im;
// "via NL-Alert", "per NL-Alert": a promise of a channel only the government sends on.
const NL_ALERT_PROMISE = /\b(via|per|met een)\b[^.\n]{0,40}NL-Alert/i;

/**
 * What goes out to the public must be for the public and promise only what the sender
 * controls: no staff instructions in the Kernboodschap or Handelingsperspectief, no
 * NL-Alert promise outside the safety sector's lines, and a next-update promise in every
 * agreed script.
 */
export function checkPublicText(entry: ScriptEntry): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const heading of ['Kernboodschap', 'Handelingsperspectief']) {
    const text = findSection(entry.body, heading) ?? '';
    const staff = STAFF_LINE.exec(text);
    if (staff) {
      problems.push({
        file: entry.file,
        field: `## ${heading}`,
        message: `"${staff[0].trim()}" is een instructie voor eigen mensen; zet die onder "## Instructies voor medewerkers", dat deel gaat niet naar het publiek`,
      });
    }
  }
  const sectors = entry.data.sectors;
  const safety = sectors === 'alle-sectoren' || sectors.includes('veiligheid');
  if (!safety) {
    const texts: Array<[string, string]> = [
      ['sms.text', entry.data.sms.text],
      ['email_subject', entry.data.email_subject],
      ['body', entry.body],
    ];
    for (const [field, text] of texts) {
      const promise = NL_ALERT_PROMISE.exec(text);
      if (promise)
        problems.push({
          file: entry.file,
          field,
          message: `"${promise[0]}": alleen de overheid verstuurt NL-Alert; beloof geen berichten via NL-Alert, verwijs er hoogstens naar`,
        });
    }
  }
  if (entry.data.status === 'vastgesteld' && !entry.data.next_update) {
    problems.push({
      file: entry.file,
      field: 'next_update',
      message:
        'zeg wanneer de volgende update komt, bijvoorbeeld "Wij sturen een nieuw bericht zodra er iets verandert, en uiterlijk over twee uur."',
    });
  }
  return problems;
}
