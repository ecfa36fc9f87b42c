import { describe, expect, it } from 'vitest';
import { markdownToMessageContent as md } from '../src/markdown/markdownToContent.ts';

// The structure Cord's CLI produced for each construct (cli.md section 8), with examples of
// our own; and the three places where this converter departs from it on purpose.

const p = (...children: unknown[]) => ({ type: 'p', children });
const quote = (...children: unknown[]) => ({ type: 'quote', children });
const bullet = (...children: unknown[]) => ({ type: 'bullet', children });
const numbered = (bulletNumber: number, ...children: unknown[]) => ({ type: 'number_bullet', bulletNumber, children });
const code = (text: string) => ({ type: 'code', children: [{ text }] });
const link = (url: string, ...children: unknown[]) => ({ type: 'link', url, children });
const mention = (id: string) => ({ type: 'mention', user: { id }, children: [{ text: `@${id}` }] });
const t = (text: string, marks: { bold?: true; italic?: true; code?: true } = {}) => ({ text, ...marks });
const b = { bold: true } as const;
const i = { italic: true } as const;
const bi = { bold: true, italic: true } as const;

describe('markdownToMessageContent: text and emphasis', () => {
  it('makes a paragraph of plain text', () => {
    expect(md('Lunch is at noon')).toEqual([p(t('Lunch is at noon'))]);
  });

  it.each([
    ['*', i],
    ['_', i],
    ['**', b],
    ['__', b],
    ['***', bi],
    ['___', bi],
  ])('marks %s…%s text', (marker, marks) => {
    expect(md(`pick ${marker}the red one${marker}`)).toEqual([p(t('pick '), t('the red one', marks))]);
  });

  it('adds the marks of nested emphasis', () => {
    expect(md('Go _fast **really fast** now_ please')).toEqual([
      p(t('Go '), t('fast ', i), t('really fast', bi), t(' now', i), t(' please')),
    ]);
  });

  it('makes inline code a code-marked text, with the surrounding marks', () => {
    expect(md('run `pnpm dev` and **`pnpm test`**')).toEqual([
      p(t('run '), t('pnpm dev', { code: true }), t(' and '), t('pnpm test', { code: true, bold: true })),
    ]);
  });

  it('splits paragraphs at blank lines', () => {
    expect(md('First.\n\nSecond.')).toEqual([p(t('First.')), p(t('Second.'))]);
  });

  it('keeps markdown it does not convert as literal text', () => {
    expect(md('# Heading\n~~struck~~ <b>bold?</b> &amp; | a | b |')).toEqual([
      p(t('# Heading\n~~struck~~ <b>bold?</b> &amp; | a | b |')),
    ]);
  });

  it('gives nothing for empty or blank input', () => {
    expect(md('')).toEqual([]);
    expect(md('  \n\t\n ')).toEqual([]);
  });
});

describe('markdownToMessageContent: blocks', () => {
  it('makes fenced code a code node, dropping the language, keeping the last newline', () => {
    expect(md('Try:\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```')).toEqual([
      p(t('Try:')),
      code('const a = 1;\n\nconst b = 2;\n'),
    ]);
  });

  it('makes indented lines a code node', () => {
    expect(md('Output:\n\n    line one\n    line two')).toEqual([p(t('Output:')), code('line one\nline two\n')]);
  });

  it("puts a quote's lines straight into the quote, without a paragraph", () => {
    expect(md('> I came, _I saw_')).toEqual([quote(t('I came, '), t('I saw', i))]);
    expect(md('> one\n>\n> two')).toEqual([quote(t('one'), t('two'))]);
  });

  it('lets a quote interrupt a paragraph', () => {
    expect(md('She said:\n> hello')).toEqual([p(t('She said:')), quote(t('hello'))]);
  });

  it('makes each bullet a node of its own, for any marker, with its paragraph and nested lists', () => {
    expect(md('- apples\n* pears\n+ plums\n  - damsons')).toEqual([
      bullet(p(t('apples'))),
      bullet(p(t('pears'))),
      bullet(p(t('plums')), bullet(p(t('damsons')))),
    ]);
  });

  it('numbers items as they are written, from wherever the list starts', () => {
    expect(md('3. three\n4) four')).toEqual([numbered(3, p(t('three'))), numbered(4, p(t('four')))]);
    expect(md('7. seven\n8. eight')).toEqual([numbered(7, p(t('seven'))), numbered(8, p(t('eight')))]);
  });

  it('keeps a list inside a quote', () => {
    expect(md('> Steps:\n> 1. open\n> 2. close')).toEqual([
      quote(t('Steps:'), numbered(1, p(t('open'))), numbered(2, p(t('close')))),
    ]);
  });

  it('converts every construct in one message', () => {
    const message = [
      '**Release notes**',
      '',
      '> _Ship it_, said <@ada>',
      '',
      '- [the **docs**](https://example.com/docs)',
      '- `cord init`',
      '',
      '1. build',
      '2. test',
    ].join('\n');
    expect(md(message)).toEqual([
      p(t('Release notes', b)),
      quote(t('Ship it', i), t(', said '), mention('ada')),
      bullet(p(link('https://example.com/docs', t('the '), t('docs', b)))),
      bullet(p(t('cord init', { code: true }))),
      numbered(1, p(t('build'))),
      numbered(2, p(t('test'))),
    ]);
  });
});

describe('markdownToMessageContent: links', () => {
  it('makes a link node whose text keeps its marks', () => {
    expect(md('see [the _new_ **plan**](https://example.com/plan)')).toEqual([
      p(t('see '), link('https://example.com/plan', t('the '), t('new', i), t(' '), t('plan', b))),
    ]);
  });

  it('takes a relative URL as it is, and leaves a javascript: link as text', () => {
    expect(md('[docs](docs/start.md)')).toEqual([p(link('docs/start.md', t('docs')))]);
    expect(md('[click](javascript:alert(1))')).toEqual([p(t('[click](javascript:alert(1))'))]);
  });
});

describe('markdownToMessageContent: mentions', () => {
  it('makes <@id> a mention of that user, with @id as its text', () => {
    expect(md('Thanks <@yaketyyak>, see you')).toEqual([p(t('Thanks '), mention('yaketyyak'), t(', see you'))]);
  });

  it('takes everything up to the first unescaped > as the id, spaces and markers included', () => {
    expect(md('<@jibber jabber> and <@**not bold**>')).toEqual([
      p(mention('jibber jabber'), t(' and '), mention('**not bold**')),
    ]);
    expect(md('<@a\\>b>')).toEqual([p(mention('a>b'))]);
  });

  it('gives a mention no marks, even inside emphasis', () => {
    expect(md('**hi <@ada> there**')).toEqual([p(t('hi ', b), mention('ada'), t(' there', b))]);
  });

  it('can sit inside a link', () => {
    expect(md('[<@ada> wrote this](https://example.com)')).toEqual([
      p(link('https://example.com', mention('ada'), t(' wrote this'))),
    ]);
  });

  it('is not a mention when escaped, unclosed or empty', () => {
    expect(md('\\<@ada> is literal')).toEqual([p(t('<@ada> is literal'))]);
    expect(md('<@ada is unclosed')).toEqual([p(t('<@ada is unclosed'))]);
    // Cord's CLI made an empty mention here, which Cord's server then refused.
    expect(md('<@> is empty')).toEqual([p(t('<@> is empty'))]);
  });
});

describe("markdownToMessageContent: where it departs from Cord's CLI", () => {
  it('keeps line breaks inside a paragraph (Cord glued "one\\ntwo" into "onetwo")', () => {
    expect(md('one\ntwo')).toEqual([p(t('one\ntwo'))]);
    expect(md('one  \ntwo')).toEqual([p(t('one\ntwo'))]);
    expect(md('**one\ntwo**')).toEqual([p(t('one\ntwo', b))]);
  });

  it('reads backslash escapes as CommonMark does (Cord removed every backslash before punctuation)', () => {
    expect(md('this is \\*not italic\\* and \\_neither\\_')).toEqual([p(t('this is *not italic* and _neither_'))]);
    // In code, a backslash is a backslash.
    expect(md('`a\\*b`')).toEqual([p(t('a\\*b', { code: true }))]);
    // An escaped backslash before a mention leaves the mention a mention.
    expect(md('\\\\<@ada>')).toEqual([p(t('\\'), mention('ada'))]);
  });

  it('takes an item numbered 0 (Cord threw "No bullet number provided")', () => {
    expect(md('0. zero')).toEqual([numbered(0, p(t('zero')))]);
  });
});
