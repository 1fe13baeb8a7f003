import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { examplePlan, numberedPlan } from '../../../test/support/factories.js';
import { InvalidInputError } from '../../server/errors.js';
import { parsePlanFile } from './load.js';
import { planFileJsonSchema } from './plan-file-json-schema.js';

const fieldsOf = (text: string) => {
  try {
    parsePlanFile(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidInputError);
    return (e as InvalidInputError).issues.map((i) => i.field);
  }
  throw new Error('expected the file to be refused');
};

describe('plan file', () => {
  it('accepts the shipped example and fills defaults', () => {
    const plan = parsePlanFile(JSON.stringify(examplePlan()));
    expect(plan.sections[0]?.kind).toBe('section');
    expect(plan.sections[2]?.children[1]?.tasks[0]?.deadline).toEqual({ kind: 'none' });
  });

  it('reads a file with a byte-order mark', () => {
    expect(parsePlanFile(`\uFEFF${JSON.stringify(numberedPlan())}`).document.number).toBe(
      '15/KH-UBND',
    );
  });

  it('reports broken JSON as such', () => {
    expect(() => parsePlanFile('{"schema_version": 1,')).toThrow(
      expect.objectContaining({ code: 'invalid_json' }),
    );
  });

  it('names every field that breaks the schema', () => {
    const plan = numberedPlan() as Record<string, unknown> & ReturnType<typeof numberedPlan>;
    const bad = {
      ...plan,
      schema_version: 2,
      document: {
        ...plan.document,
        number: '15/BC-UBND',
        date: '2026-02-30',
        implements: ['72-KL/TW'],
      },
      sections: [
        {
          title: 'I',
          tasks: [{ title: '', deadline: { kind: 'quarter', year: 2026, quarter: 5 } }],
          children: [{ title: 'x', projects: [{ name: 'P', location: ['5977'] }] }],
        },
      ],
    };
    expect(fieldsOf(JSON.stringify(bad)).sort()).toEqual(
      [
        'schema_version',
        'document.date',
        'sections[0].tasks[0].title',
        'sections[0].tasks[0].deadline.quarter',
        'sections[0].children[0].projects[0].location[0]',
      ].sort(),
    );
  });

  it('checks links between references and the document number against its type', () => {
    const plan = numberedPlan({ number: '15/BC-UBND', implements: ['72-KL/TW'] });
    expect(fieldsOf(JSON.stringify(plan)).sort()).toEqual([
      'document.implements[0]',
      'document.number',
    ]);
    const twice = numberedPlan();
    twice.references = [...(twice.references ?? []), { type: 'QĐ', number: '693/QĐ-TTG' }];
    expect(fieldsOf(JSON.stringify(twice))).toEqual(['references[1].number']);
  });

  it('checks source pointers against the source text', () => {
    const plan = numberedPlan({ source_text: 'abc' });
    plan.sections[0] = { ...plan.sections[0], title: 'I', source: { start: 0, end: 9 } };
    expect(fieldsOf(JSON.stringify(plan))).toEqual(['sections[0].source.end']);
  });

  it('docs/plan.schema.json is generated from the current schema (run npm run docs:schema)', () => {
    const committed = JSON.parse(
      readFileSync(
        fileURLToPath(new URL('../../../docs/plan.schema.json', import.meta.url)),
        'utf8',
      ),
    );
    expect(committed).toEqual(JSON.parse(JSON.stringify(planFileJsonSchema())));
  });
});
