// @vitest-environment jsdom
// <cord-message-content> shows the files an app passes in `attachments` as a message in a
// thread shows them (the same template): a document as a card with its size and a download
// link, a picture as a preview; link previews are left out, as in Cord.
import { afterEach, describe, expect, it } from 'vitest';
import { contentFromText } from '../src/protocol/content.ts';
import '../src/sdk/index.ts';

const fileUrl = (id: string) => `http://127.0.0.1:8161/files/${id}?expires=1&signature=x`;

async function shown(attachments: unknown[]): Promise<HTMLElement> {
  const element = document.createElement('cord-message-content') as HTMLElement & { updateComplete: Promise<boolean> };
  element.setAttribute('content', JSON.stringify(contentFromText('The minutes, and the owl')));
  element.setAttribute('attachments', JSON.stringify(attachments));
  document.body.append(element);
  await element.updateComplete;
  return element;
}

afterEach(() => document.body.replaceChildren());

describe('<cord-message-content> attachments', () => {
  it("shows Cord's file attachments as a message does, and no link preview", async () => {
    const element = await shown([
      {
        type: 'file',
        id: 'f1',
        name: 'minutes.2024.txt',
        url: fileUrl('f1'),
        mimeType: 'text/plain',
        size: 2_000,
        uploadStatus: 'uploaded',
      },
      { type: 'file', id: 'f2', name: 'owl.png', url: fileUrl('f2'), mimeType: 'image/png', size: 70 },
      { type: 'link_preview', id: 'l1', url: 'https://example.com/', title: 'Example', description: null },
    ]);

    const card = element.querySelector('.cord-message-content .cord-document-attachment');
    expect(card?.querySelector('.cord-file-name')?.textContent?.trim()).toBe('minutes.2024.txt');
    expect(card?.querySelector('.cord-file-size')?.textContent?.trim()).toBe('2 KB');
    expect(card?.querySelector('a.cord-download')?.getAttribute('download')).toBe('minutes.2024.txt');
    // The picture has its place among the pictures (its link loads once the page is signed in).
    expect(element.querySelector('.cord-image-attachments .cord-image-attachment')?.getAttribute('title')).toBe(
      'owl.png',
    );
    expect(element.querySelectorAll('.cord-attachments > *')).toHaveLength(2);
    expect(element.textContent).not.toContain('Example');
  });

  it('ignores attachments that are not a list of files', async () => {
    const element = await shown([{ type: 'file', name: 'no link' }, 'minutes.txt', null]);

    expect(element.querySelector('.cord-message-content')?.textContent).toContain('The minutes, and the owl');
    expect(element.querySelector('.cord-attachments')).toBeNull();
  });
});
