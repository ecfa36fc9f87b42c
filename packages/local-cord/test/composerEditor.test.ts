// @vitest-environment jsdom
// The composer's editor: Cord's message content to the editor's DOM and back, the
// markdown-like typing rules, and the keys that reshape blocks, in jsdom.
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageContent } from '../src/protocol/content.ts';
import { isMessageContent } from '../src/protocol/content.ts';
import { renderContentInto } from '../src/sdk/editor/contentToDom.ts';
import { contentFromDom } from '../src/sdk/editor/domToContent.ts';
import { linkify } from '../src/sdk/editor/links.ts';
import { RichEditor } from '../src/sdk/editor/richEditor.ts';
import { closingDelimiter, markForShortcut, mentionQuery } from '../src/sdk/editor/shortcuts.ts';

const noNames = () => undefined;

function editorWith(html: string): HTMLElement {
  const root = document.createElement('div');
  root.contentEditable = 'true';
  // Test markup only: the editor itself never parses markup.
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

function caretAt(node: Node, offset: number) {
  const range = document.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  document.getSelection()!.removeAllRanges();
  document.getSelection()!.addRange(range);
}

const key = (k: string, extra: KeyboardEventInit = {}) =>
  new KeyboardEvent('keydown', { key: k, cancelable: true, ...extra });

afterEach(() => document.body.replaceChildren());

const FORMATTED: MessageContent = [
  {
    type: 'p',
    children: [
      { text: 'plain ' },
      { text: 'bold', bold: true },
      { text: ' ' },
      { text: 'both', bold: true, italic: true },
      { text: ' ' },
      { text: 'under', underline: true },
      { text: ' ' },
      { text: 'x = 1', code: true },
    ],
  },
  {
    type: 'p',
    children: [
      { text: 'ask ' },
      { type: 'mention', user: { id: 'minerva' }, children: [{ text: '@Minerva Halleck' }] },
      { text: ' about ' },
      { type: 'link', url: 'https://example.com/a', children: [{ text: 'the page' }] },
    ],
  },
  { type: 'bullet', children: [{ type: 'p', children: [{ text: 'one' }] }] },
  { type: 'bullet', children: [{ type: 'p', children: [{ text: 'two', bold: true }] }] },
  { type: 'bullet', indent: 1, children: [{ type: 'p', children: [{ text: 'two and a half' }] }] },
  { type: 'number_bullet', bulletNumber: 1, children: [{ type: 'p', children: [{ text: 'first' }] }] },
  { type: 'number_bullet', bulletNumber: 2, children: [{ type: 'p', children: [{ text: 'second' }] }] },
  { type: 'quote', children: [{ type: 'p', children: [{ text: 'quoted' }] }] },
  { type: 'code', children: [{ text: 'const a = 1;\nconst b = 2;' }] },
  { type: 'p', children: [{ text: '' }] },
  { type: 'p', children: [{ text: 'after a blank line' }] },
] as MessageContent;

describe('the editor content', () => {
  it("round-trips Cord's content through the editor's DOM", () => {
    const root = editorWith('');
    renderContentInto(root, FORMATTED, noNames);
    const back = contentFromDom(root);
    expect(back).toEqual(FORMATTED);
    expect(isMessageContent(back)).toBe(true);
  });

  it('shows a mention under the name the page knows now, and keeps text as text', () => {
    const root = editorWith('');
    renderContentInto(
      root,
      [
        {
          type: 'p',
          children: [
            { text: '<img src=x onerror=alert(1)>' },
            { type: 'mention', user: { id: 'm' }, children: [{ text: '@Old' }] },
          ],
        },
      ] as MessageContent,
      (id) => (id === 'm' ? 'Minerva' : undefined),
    );
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('[data-cord-user-id="m"]')?.textContent).toBe('@Minerva');
    expect(root.querySelector('[data-cord-user-id="m"]')?.getAttribute('contenteditable')).toBe('false');
  });

  it("reads what a browser's editing makes: divs, <b>, <i>, <br>, no-break spaces and loose text", () => {
    const root = editorWith('first&nbsp;<b>bold</b><div><i>second</i><br>third</div><div><br></div>');
    expect(contentFromDom(root)).toEqual([
      { type: 'p', children: [{ text: 'first ' }, { text: 'bold', bold: true }] },
      { type: 'p', children: [{ text: 'second', italic: true }] },
      { type: 'p', children: [{ text: 'third' }] },
    ]);
  });

  it('keeps a list nested in an item, one level in, and an empty item', () => {
    const root = editorWith('<ul><li>a<ul><li>b</li></ul></li><li><br></li></ul>');
    expect(contentFromDom(root)).toEqual([
      { type: 'bullet', children: [{ type: 'p', children: [{ text: 'a' }] }] },
      { type: 'bullet', indent: 1, children: [{ type: 'p', children: [{ text: 'b' }] }] },
      { type: 'bullet', children: [{ type: 'p', children: [{ text: '' }] }] },
    ]);
  });

  it('is empty when only blank lines are in it', () => {
    expect(contentFromDom(editorWith('<p><br></p><p> </p>'))).toEqual([]);
  });

  it('turns typed addresses into links, leaving code, trailing punctuation and other schemes alone', () => {
    const content = linkify([
      { type: 'p', children: [{ text: 'see https://example.com/x?y=1. or mailto:a@b.c, not javascript:alert(1)' }] },
      { type: 'p', children: [{ text: 'http://in.code', code: true }] },
    ] as MessageContent);
    expect(content).toEqual([
      {
        type: 'p',
        children: [
          { text: 'see ' },
          { type: 'link', url: 'https://example.com/x?y=1', children: [{ text: 'https://example.com/x?y=1' }] },
          { text: '. or ' },
          { type: 'link', url: 'mailto:a@b.c', children: [{ text: 'mailto:a@b.c' }] },
          { text: ', not javascript:alert(1)' },
        ],
      },
      { type: 'p', children: [{ text: 'http://in.code', code: true }] },
    ]);
  });
});

describe('markdown-like typing', () => {
  it('closes a run with the delimiter that opened it, as Cord does', () => {
    expect(closingDelimiter('say *hi', '', '*')).toEqual({ mark: 'bold', open: 4, length: 1 });
    expect(closingDelimiter('**hi*', '', '*')).toEqual({ mark: 'bold', open: 0, length: 2 });
    expect(closingDelimiter('_hi', ' more', '_')).toEqual({ mark: 'italic', open: 0, length: 1 });
    expect(closingDelimiter('`x = 1', '', '`')).toEqual({ mark: 'code', open: 0, length: 1 });
  });

  it('leaves delimiters that do not pair alone', () => {
    expect(closingDelimiter('2*3', '', '*')).toBeNull(); // no opening
    expect(closingDelimiter('a*b', '', '*')).toBeNull(); // opening inside a word
    expect(closingDelimiter('* hi', '', '*')).toBeNull(); // space after the opening
    expect(closingDelimiter('*hi ', '', '*')).toBeNull(); // space before the closing
    expect(closingDelimiter('*hi', 'x', '*')).toBeNull(); // a word after the closing
    expect(closingDelimiter('_hi', '', '*')).toBeNull(); // different delimiters
    expect(closingDelimiter('**hi', '', '*')).toBeNull(); // first of two closing stars
  });

  it('finds the @name being typed', () => {
    expect(mentionQuery('hi @Min')).toEqual({ query: 'Min', start: 3 });
    expect(mentionQuery('@')).toEqual({ query: '', start: 0 });
    expect(mentionQuery('mail me@home')).toBeNull();
    expect(mentionQuery('hi @Min ')).toBeNull();
  });

  it("takes Cord's mark shortcuts with Ctrl, or Cmd on a Mac", () => {
    expect(markForShortcut(key('b', { ctrlKey: true }), false)).toBe('bold');
    expect(markForShortcut(key('I', { ctrlKey: true }), false)).toBe('italic');
    expect(markForShortcut(key('u', { metaKey: true }), true)).toBe('underline');
    expect(markForShortcut(key('b', { metaKey: true }), false)).toBeUndefined();
    expect(markForShortcut(key('b', { ctrlKey: true, shiftKey: true }), false)).toBeUndefined();
  });
});

describe('keys in the editor', () => {
  it('types `- ` into a bullet list and `1. ` into a numbered one', () => {
    const root = editorWith('<p>-</p>');
    const editor = new RichEditor(root);
    caretAt(root.querySelector('p')!.firstChild!, 1);
    const space = key(' ');
    expect(editor.handleKey(space)).toBe(true);
    expect(space.defaultPrevented).toBe(true);
    expect(root.innerHTML).toBe('<ul data-cord-indent="0"><li><br></li></ul>');

    const numbered = editorWith('<p>1.rest</p>');
    const second = new RichEditor(numbered);
    caretAt(numbered.querySelector('p')!.firstChild!, 2);
    second.handleKey(key(' '));
    expect(contentFromDom(numbered)).toEqual([
      { type: 'number_bullet', bulletNumber: 1, children: [{ type: 'p', children: [{ text: 'rest' }] }] },
    ]);
  });

  it('types `> ` into a quote, and Backspace at its start takes it back', () => {
    const root = editorWith('<p>&gt;wise</p>');
    const editor = new RichEditor(root);
    caretAt(root.querySelector('p')!.firstChild!, 1);
    editor.handleKey(key(' '));
    expect(contentFromDom(root)).toEqual([{ type: 'quote', children: [{ type: 'p', children: [{ text: 'wise' }] }] }]);
    caretAt(root.querySelector('p')!.firstChild!, 0);
    expect(editor.handleKey(key('Backspace'))).toBe(true);
    expect(contentFromDom(root)).toEqual([{ type: 'p', children: [{ text: 'wise' }] }]);
  });

  it('lifts a middle list item out as a paragraph on Backspace at its start', () => {
    const root = editorWith('<ul><li>a</li><li>b</li><li>c</li></ul>');
    const editor = new RichEditor(root);
    caretAt(root.querySelectorAll('li')[1]!.firstChild!, 0);
    editor.handleKey(key('Backspace'));
    expect(root.innerHTML).toBe('<ul><li>a</li></ul><p>b</p><ul><li>c</li></ul>');
  });

  it('marks a run when its closing delimiter is typed, and types on after it unmarked', () => {
    const root = editorWith('<p>so **very*</p>');
    const editor = new RichEditor(root);
    caretAt(root.querySelector('p')!.firstChild!, 10);
    const star = key('*');
    expect(editor.handleKey(star)).toBe(true);
    expect(star.defaultPrevented).toBe(true);
    const selection = document.getSelection()!;
    (selection.anchorNode as Text).insertData(selection.anchorOffset, ' much');
    expect(contentFromDom(root)).toEqual([
      { type: 'p', children: [{ text: 'so ' }, { text: 'very', bold: true }, { text: ' much' }] },
    ]);
  });

  it('replaces the @name being typed with a mention', () => {
    const root = editorWith('<p>ask @Min</p>');
    const editor = new RichEditor(root);
    caretAt(root.querySelector('p')!.firstChild!, 8);
    expect(editor.mentionQuery()).toBe('Min');
    editor.insertMention('minerva', 'Minerva Halleck');
    expect(editor.mentionQuery()).toBeNull();
    expect(editor.content()).toEqual([
      {
        type: 'p',
        children: [
          { text: 'ask ' },
          { type: 'mention', user: { id: 'minerva' }, children: [{ text: '@Minerva Halleck' }] },
          { text: ' ' },
        ],
      },
    ]);
  });
});
