import { html, nothing, svg } from 'lit';
import { PREVIEWABLE_IMAGE_TYPES } from '../../protocol/files.ts';
import type { FileAttachmentData } from '../../protocol/views.ts';

// Files in a thread: on a message (pictures first, then file cards, as Cord groups them),
// under the composer while they upload, and a picture opened full size.

/** A file picked in the composer, shown under it until the message goes. */
export interface ComposerFile {
  /** Tells the files apart in the composer, before local Cord knows them. */
  key: string;
  /** The file's id once local Cord has its record; undefined if it refused it. */
  fileId: Promise<string | undefined>;
  name: string;
  size: number;
  mimeType: string;
  /** A local copy of a picture, shown before (and while) it uploads. */
  previewUrl: string | undefined;
  status: 'uploading' | 'uploaded' | 'failed';
}

export interface AttachmentView {
  /** Local copies of pictures this page uploaded, by file id: shown while they upload. */
  localPreviews: ReadonlyMap<string, string>;
  /** Links whose picture failed to load. */
  brokenImages: ReadonlySet<string>;
  /** Whether the page may load files by link yet (its file cookie is set). */
  linksReady: boolean;
}

/** A picture to show full size. */
export interface OpenedImage {
  url: string;
  name: string;
}

export interface AttachmentActions {
  openImage(image: OpenedImage): void;
  download(file: FileAttachmentData): void;
  imageFailed(url: string): void;
}

/** What the composer suggests picking (Cord's list); anything else may still be chosen. */
export const SUGGESTED_FILE_TYPES = [
  'audio/*',
  'video/*',
  'image/*',
  ...['.csv', '.txt', '.pdf', '.doc', '.docx', '.xml', '.ppt', '.pptx', '.potx', '.xls', '.xlsx'],
].join(',');

export function isPicture(mimeType: string): boolean {
  return PREVIEWABLE_IMAGE_TYPES.includes(mimeType);
}

/** Cord's size text: decimal units, rounded (`2 MB`, `15 KB`, `999 bytes`). */
export function fileSizeText(size: number): string {
  if (size > 1_000_000) return `${Math.round(size / 1_000_000)} MB`;
  if (size > 1000) return `${Math.round(size / 1000)} KB`;
  return `${size} bytes`;
}

/** A name split at its last dot, the inner dots kept (Cord drops them: a bug not copied). */
function nameParts(name: string): { base: string; extension: string } {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? { base: name, extension: '' } : { base: name.slice(0, dot), extension: name.slice(dot) };
}

/** A sheet of paper with a folded corner; Cord varies it by type, one shape says "file" well enough. */
const FILE_ICON = html`<svg class="cord-file-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
  ${svg`<path d="M6 2h8l6 6v14H6z M14 2v6h6" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />`}
</svg>`;

/** A paperclip, for the composer's attach button. */
export const PAPERCLIP_ICON = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
  ${svg`<path d="M16.5 6.5 8 15a2.5 2.5 0 0 0 3.5 3.5l9-9a4.5 4.5 0 0 0-6.4-6.4L5 12.2a6.5 6.5 0 0 0 9.2 9.2l7.3-7.3" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />`}
</svg>`;

/** A message's files: pictures as previews that open full size, other files as cards to download. */
export function messageAttachments(
  files: readonly FileAttachmentData[],
  view: AttachmentView,
  actions: AttachmentActions,
) {
  if (files.length === 0) return nothing;
  const pictures = files.filter((file) => isPicture(file.mimeType));
  const others = files.filter((file) => !isPicture(file.mimeType));
  return html`<div class="cord-attachments">
    ${pictures.length > 0 ? html`<div class="cord-image-attachments">${pictures.map((file) => picture(file, view, actions))}</div>` : nothing}
    ${others.map((file) => fileCard(file, actions))}
  </div>`;
}

function picture(file: FileAttachmentData, view: AttachmentView, actions: AttachmentActions) {
  const local = view.localPreviews.get(file.id);
  const unavailable =
    file.uploadStatus === 'failed' || file.uploadStatus === 'cancelled' || view.brokenImages.has(file.url);
  if (unavailable) return unableTo('Unable to display image', file.name);
  const source = file.uploadStatus === 'uploaded' && view.linksReady ? file.url : local;
  if (source === undefined) {
    return html`<div class="cord-image-attachment cord-uploading" title=${file.name}>Uploading...</div>`;
  }
  return html`<button
    type="button"
    class="cord-image-attachment"
    title=${file.name}
    aria-label="Open ${file.name}"
    @click=${() => actions.openImage({ url: source, name: file.name })}
  >
    <img
      class="cord-image"
      src=${source}
      alt=${file.name}
      @error=${() => source === file.url && actions.imageFailed(file.url)}
    />
  </button>`;
}

function fileCard(file: FileAttachmentData, actions: AttachmentActions) {
  if (file.uploadStatus === 'failed' || file.uploadStatus === 'cancelled') {
    return unableTo('Unable to display document', file.name);
  }
  const { base, extension } = nameParts(file.name);
  const uploaded = file.uploadStatus === 'uploaded';
  return html`<div class="cord-file-attachment-container cord-document-attachment">
    ${FILE_ICON}
    <div class="cord-file-details">
      <p class="cord-file-name" title=${file.name}>
        <span class="cord-file-basename">${base}</span><span class="cord-file-extension">${extension}</span>
      </p>
      <p class="cord-file-size">${uploaded ? fileSizeText(file.size) : 'Uploading...'}</p>
    </div>
    ${
      uploaded
        ? html`<a
          class="cord-download"
          href=${file.url}
          download=${file.name}
          rel="noreferrer noopener"
          @click=${(event: Event) => {
            // The link needs the page's session, which a plain navigation does not carry.
            event.preventDefault();
            actions.download(file);
          }}
          >Download</a
        >`
        : nothing
    }
  </div>`;
}

function unableTo(text: string, name: string) {
  return html`<div class="cord-file-attachment-container cord-attachment-error" title=${name}>
    <span aria-hidden="true">⚠</span> ${text}
  </div>`;
}

/** Files picked in the composer: pictures as thumbnails, others as cards, each removable. */
export function composerFiles(files: readonly ComposerFile[], remove: (key: string) => void) {
  if (files.length === 0) return nothing;
  return html`<div class="cord-composer-attachments">
    ${files.map(
      (file) => html`<div class="cord-composer-file" data-status=${file.status} title=${file.name}>
        ${
          file.previewUrl
            ? html`<img class="cord-image" src=${file.previewUrl} alt=${file.name} />`
            : html`${FILE_ICON}<span class="cord-file-name">${file.name}</span>`
        }
        <span class="cord-file-size">
          ${file.status === 'uploading' ? 'Uploading...' : file.status === 'failed' ? 'Failed' : fileSizeText(file.size)}
        </span>
        <button type="button" class="cord-button cord-remove-file" aria-label="Remove ${file.name}" title="Remove" @click=${() => remove(file.key)}>
          ✕
        </button>
      </div>`,
    )}
  </div>`;
}

/** A picture full size over the page; a click anywhere or Escape closes it. */
export function imageViewer(image: OpenedImage | null, close: () => void) {
  if (!image) return nothing;
  return html`<div
    class="cord-media-modal"
    role="dialog"
    aria-modal="true"
    aria-label=${image.name}
    tabindex="-1"
    @click=${close}
    @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && close()}
  >
    <img class="cord-media-modal-image" src=${image.url} alt=${image.name} />
    <button type="button" class="cord-media-modal-close" aria-label="Close">✕</button>
  </div>`;
}
