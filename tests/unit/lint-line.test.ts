import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeLine, formFieldOf, lineToForm } from '../../src/catalog/compose-line.ts';
import { lintLine, lintProposedLine } from '../../src/lint/lint-line.ts';
import { projectRoot } from '../helpers/hub-server.ts';

const catalog = {
  sectors: ['zorg-welzijn', 'onderwijs-kinderopvang', 'veiligheid', 'cultuur-sport'],
  scenarios: ['stroomuitval', 'datalek'],
  scripts: ['onderwijs-stroomuitval', 'zorg-stroomuitval'],
  noodkaarten: ['school', 'kinderopvang'],
};
const source = readFileSync(join(projectRoot, 'content/scripts/onderwijs-stroomuitval.md'), 'utf8');
const fieldsOf = (problems: Array<{ field: string }>) => problems.map((p) => p.field);

describe('lintLine', () => {
  it('passes a line from the demo content and names the fields of a broken one', () => {
    expect(lintLine('onderwijs-stroomuitval', source, catalog)).toEqual([]);
    const broken = source
      .replace('scenario: stroomuitval', 'scenario: ruimteweer')
      .replace(/## Kernboodschap\n/, '## Kern\n');
    expect(fieldsOf(lintLine('onderwijs-stroomuitval', broken, catalog))).toEqual(['scenario', '## Kernboodschap']);
  });

  it('refuses raw HTML in the body, which would reach the public page as it is', () => {
    const html = source.replace('## Niet zeggen\n', '## Niet zeggen\n\n<iframe src="https://evil.example"></iframe>\n');
    const problems = lintLine('onderwijs-stroomuitval', html, catalog);
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'body',
        message: expect.stringMatching(/^"<iframe src=.* is HTML; schrijf gewone tekst/),
      }),
    ]);
    expect(
      lintLine(
        'onderwijs-stroomuitval',
        source.replace('Wij houden u op de hoogte.', 'Minder dan <5 minuten.'),
        catalog,
      ),
    ).toEqual([]);
  });
});

describe('lintProposedLine', () => {
  it('checks a proposal as it will be published, so a vastgesteld line needs next_update', () => {
    const concept = source.replace('status: vastgesteld', 'status: concept').replace(/^next_update: .*\n/m, '');
    expect(lintLine('onderwijs-stroomuitval', concept, catalog)).toEqual([]);
    const { stamped, problems } = lintProposedLine('onderwijs-stroomuitval', concept, catalog, {
      version: '1.2',
      today: '2026-11-25',
    });
    expect(stamped).toContain('status: vastgesteld');
    expect(fieldsOf(problems)).toEqual(['next_update']);
  });
});

describe('the line form', () => {
  it('turns a line into form values and back into a file that passes the same lint', () => {
    const again = composeLine(lineToForm(source));
    const { problems } = lintProposedLine('onderwijs-stroomuitval', again, catalog, {
      version: '1.2',
      today: '2026-11-25',
    });
    expect(problems).toEqual([]);
    expect(again).toContain('## Kernboodschap\n\nOp {locatie} is de stroom uitgevallen.');
    expect(again).toMatch(/fields:\n {2}organisatie:\n {4}label: Naam van uw organisatie/);
  });

  it('puts each lint field at its form field', () => {
    expect(
      [
        'sms.text',
        'sms.max_segments',
        '## Handelingsperspectief',
        'fields.locatie.hint',
        'title',
        'body (regel 4)',
      ].map(formFieldOf),
    ).toEqual(['sms_text', 'sms_max_segments', 'sectie-2', 'placeholders', 'title', undefined]);
  });
});
