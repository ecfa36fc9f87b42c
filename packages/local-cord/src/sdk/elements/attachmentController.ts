import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { checkFileToUpload, FileSDK } from '../api/fileSDK.ts';
import { downloadBytes, filePass } from '../data/fileTransfer.ts';
import { live } from '../runtime.ts';
import { type AttachmentView, type ComposerFile, imageViewer, isPicture, type OpenedImage } from '../ui/attachments.ts';

/**
 * Files in an element with a composer or messages: those picked or dropped in its composer
 * (uploaded at once, as Cord's composer does), local copies of the viewer's own pictures
 * to show while they upload, the picture opened full size, and downloads. Asks the element
 * to update when any of it changes; `reportError` shows Cord's text for a file refused.
 */
export class AttachmentController implements ReactiveController, AttachmentView {
  files: ComposerFile[] = [];
  dropping = false;
  opened: OpenedImage | null = null;
  readonly localPreviews = new Map<string, string>();
  readonly brokenImages = new Set<string>();
  private readonly uploader = new FileSDK(live);
  private pass: Promise<void> | undefined;
  private passDone = false;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly reportError: (message: string) => void,
  ) {
    host.addController(this);
  }

  /** Whether the page's file cookie is set, so links may be loaded; asks for it once per sign-in. */
  get linksReady(): boolean {
    const pass = filePass(live);
    // Signed out for a moment (a reconnect): the cookie set before still works.
    if (pass !== undefined && pass !== this.pass) {
      this.pass = pass;
      this.passDone = false;
      void pass.then(() => {
        if (this.pass !== pass) return;
        this.passDone = true;
        this.host.requestUpdate();
      });
    }
    return this.passDone;
  }

  /**
   * Uploads each file at once, refusing with Cord's text those Cord would refuse. A file
   * shows under the composer straight away; its id follows when local Cord has its record.
   */
  attach(files: readonly File[]) {
    for (const file of files) {
      try {
        checkFileToUpload(file.name, file);
      } catch (error) {
        this.reportError((error as Error).message);
        continue;
      }
      this.add(file);
    }
    this.host.requestUpdate();
  }

  private add(file: File) {
    const key = crypto.randomUUID();
    const previewUrl = isPicture(file.type) ? URL.createObjectURL(file) : undefined;
    const created = this.uploader.uploadFile({ name: file.name, blob: file });
    const fileId = created.then(
      ({ id }) => {
        if (previewUrl) this.localPreviews.set(id, previewUrl);
        return id;
      },
      () => undefined,
    );
    this.files = [
      ...this.files,
      { key, fileId, name: file.name, size: file.size, mimeType: file.type, previewUrl, status: 'uploading' },
    ];
    created
      .then(({ uploadPromise }) => uploadPromise)
      .then(
        () => this.setStatus(key, 'uploaded'),
        (error: Error) => {
          this.reportError(error.message);
          this.setStatus(key, 'failed');
        },
      );
  }

  private setStatus(key: string, status: ComposerFile['status']) {
    this.files = this.files.map((shown) => (shown.key === key ? { ...shown, status } : shown));
    this.host.requestUpdate();
  }

  removeFile(key: string) {
    this.files = this.files.filter((file) => file.key !== key);
    this.host.requestUpdate();
  }

  /**
   * Empties the composer of its files for a message being sent, and resolves with the
   * ids to attach: those local Cord has a record of, and which did not fail.
   */
  take(): { files: ComposerFile[]; ids: Promise<string[]> } {
    const files = this.files.filter((file) => file.status !== 'failed');
    this.files = [];
    const ids = Promise.all(files.map((file) => file.fileId)).then((known) =>
      known.filter((id): id is string => id !== undefined),
    );
    return { files, ids };
  }

  /** Files of a message that could not be sent, back in the composer. */
  restore(files: readonly ComposerFile[]) {
    this.files = [...files, ...this.files];
    this.host.requestUpdate();
  }

  setDropping(dropping: boolean) {
    if (dropping === this.dropping) return;
    this.dropping = dropping;
    this.host.requestUpdate();
  }

  imageFailed(url: string) {
    this.brokenImages.add(url);
    this.host.requestUpdate();
  }

  async openImage(image: OpenedImage) {
    this.opened = image;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.querySelector<HTMLElement>('.cord-media-modal')?.focus();
  }

  closeImage() {
    this.opened = null;
    this.host.requestUpdate();
  }

  /** The picture opened full size, over the page; nothing while none is. */
  viewer() {
    return imageViewer(this.opened, () => this.closeImage());
  }

  /**
   * Saves a file. Fetched with the page's session: a plain link, opened as a page of its
   * own, would carry neither the session nor the page's file cookie.
   */
  async download(file: { url: string; name: string }) {
    try {
      const blob = await downloadBytes(live, file.url);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = file.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 0);
    } catch (error) {
      this.reportError((error as Error).message);
    }
  }

  hostDisconnected() {
    for (const url of this.localPreviews.values()) URL.revokeObjectURL(url);
    this.localPreviews.clear();
  }
}
