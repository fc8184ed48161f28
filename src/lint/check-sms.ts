import { fillWorstCase } from '../schemas/placeholders.ts';
import { analyzeSms } from '../sms/segment-sms.ts';
import type { LintProblem, ScriptEntry } from './types.ts';

/** The SMS text, with every placeholder at its maximum length, must fit its declared segments. */
export function checkSms(entry: ScriptEntry): LintProblem[] {
  const { text, max_segments } = entry.data.sms;
  const analysis = analyzeSms(fillWorstCase(text));
  if (analysis.segments <= max_segments) return [];
  const why =
    analysis.encoding === 'UCS-2'
      ? ` De tekst is UCS-2 (70/67 tekens per sms) door: ${analysis.nonGsmCharacters.map((c) => JSON.stringify(c)).join(' ')}.`
      : '';
  return [
    {
      file: entry.file,
      field: 'sms.text',
      message:
        `de sms wordt ${analysis.segments} delen (${analysis.encoding}, ${analysis.units} tekens met invulvelden op maximale lengte), ` +
        `maar max_segments is ${max_segments}.${why} Maak de tekst korter of verhoog max_segments.`,
    },
  ];
}
