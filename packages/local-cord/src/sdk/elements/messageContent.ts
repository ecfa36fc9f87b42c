import { html, nothing } from 'lit';
import { type MessageContent, mentionedUserIds } from '../../protocol/content.ts';
import type { FileAttachmentData } from '../../protocol/views.ts';
import { messageAttachments } from '../ui/attachments.ts';
import { messageContent } from '../ui/messageContent.ts';
import { AttachmentController } from './attachmentController.ts';
import { booleanAttribute, parseJsonAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { knownUsers, usersController } from './querySet.ts';

/** Cord's MessageFileAttachment as an app passes it (in JSON); only what a file card needs is required. */
type GivenFile = Partial<FileAttachmentData> & Pick<FileAttachmentData, 'type' | 'name' | 'url'>;

function isGivenFile(attachment: unknown): attachment is GivenFile {
  const given = attachment as Partial<GivenFile> | null;
  return given?.type === 'file' && typeof given.name === 'string' && typeof given.url === 'string';
}

/** `<cord-message-content>`: a message's content (Cord's node tree), rendered as in a message. */
export class CordMessageContent extends CordElement {
  static override properties = {
    ...CordElement.properties,
    content: {},
    attachments: {},
    edited: {},
  };
  declare content: string | null;
  declare attachments: string | null;
  declare edited: string | null;

  private readonly users = usersController(this);
  private readonly files = new AttachmentController(this, (reason) => console.warn(`Cord: ${reason}`));

  private parsed(): MessageContent | undefined {
    const content = parseJsonAttribute<unknown>(this.content);
    return Array.isArray(content) ? (content as MessageContent) : undefined;
  }

  protected override willUpdate() {
    const content = this.parsed();
    this.users.use(content ? mentionedUserIds(content) : []);
  }

  protected renderContent() {
    const content = this.parsed();
    if (!content) return nothing;
    // Files show as in a message (pictures open full size, others download); link previews
    // are not shown here, as in Cord.
    const given = parseJsonAttribute<unknown>(this.attachments);
    const files: FileAttachmentData[] = (Array.isArray(given) ? given : []).filter(isGivenFile).map((file) => ({
      id: file.id ?? file.url,
      mimeType: file.mimeType ?? '',
      size: file.size ?? 0,
      uploadStatus: file.uploadStatus ?? 'uploaded',
      ...file,
    }));
    return html`<div class="cord-message-content">
      <div class="cord-message-text" dir="auto">
        ${messageContent(content, { userName: (id) => knownUsers(this.users, [id])[0]?.displayName })}
        ${
          booleanAttribute(this.edited, false)
            ? html`<span class="cord-edited-message-tag">${this.t('message:edited_status')}</span>`
            : nothing
        }
      </div>
      ${messageAttachments(files, this.files, this.files)}
    </div>
    ${this.files.viewer()}`;
  }
}
