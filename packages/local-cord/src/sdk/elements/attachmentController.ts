import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FileSDK } from '../api/fileSDK.ts';
import { downloadBytes, filePass } from '../data/fileTransfer.ts';
import { live } from '../runtime.ts';
import { type AttachmentView, type ComposerFile, isPicture, type OpenedImage } from '../ui/attachments.ts';

/**
 * Files in a thread element: those picked or dropped in its composer (uploaded at once,
 * as Cord's composer does), local copies of the viewer's own pictures to show while they
 * upload, the picture opened full size, and downloads. Asks the element to update when
 * any of it changes; `reportError` shows Cord's text for a file refused.
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
    if (pass !== this.pass) {
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

  /** Uploads each file, refusing with Cord's text those Cord would refuse. */
  attach(files: readonly File[]) {
    for (const file of files) void this.upload(file);
  }

  private async upload(file: File) {
    let id: string;
    let uploadPromise: Promise<unknown>;
    try {
      ({ id, uploadPromise } = await this.uploader.uploadFile({ name: file.name, blob: file }));
    } catch (error) {
      this.reportError((error as Error).message);
      return;
    }
    const previewUrl = isPicture(file.type) ? URL.createObjectURL(file) : undefined;
    if (previewUrl) this.localPreviews.set(id, previewUrl);
    this.files = [
      ...this.files,
      { id, name: file.name, size: file.size, mimeType: file.type, previewUrl, status: 'uploading' },
    ];
    this.host.requestUpdate();
    const status = await uploadPromise.then(
      () => 'uploaded' as const,
      (error: Error) => {
        this.reportError(error.message);
        return 'failed' as const;
      },
    );
    this.files = this.files.map((shown) => (shown.id === id ? { ...shown, status } : shown));
    this.host.requestUpdate();
  }

  removeFile(id: string) {
    this.files = this.files.filter((file) => file.id !== id);
    this.host.requestUpdate();
  }

  /** The files to send with a message (those that did not fail); the composer is emptied of them. */
  take(): ComposerFile[] {
    const sending = this.files.filter((file) => file.status !== 'failed');
    this.files = [];
    return sending;
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
