import { html, nothing } from 'lit';
import { type MessageContent, mentionedUserIds } from '../../protocol/content.ts';
import { messageContent } from '../ui/messageContent.ts';
import { booleanAttribute, parseJsonAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { knownUsers, usersController } from './querySet.ts';

interface Attachment {
  type?: string;
  name?: string;
  url?: string;
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
    // Link previews are not shown here, as in Cord; files and screenshots are.
    const files = (parseJsonAttribute<Attachment[]>(this.attachments) ?? []).filter(
      (attachment) => attachment && attachment.type !== 'link_preview',
    );
    return html`<div class="cord-message-content">
      <div class="cord-message-text" dir="auto">
        ${messageContent(content, { userName: (id) => knownUsers(this.users, [id])[0]?.displayName })}
        ${
          booleanAttribute(this.edited, false)
            ? html`<span class="cord-edited-message-tag">${this.t('message:edited_status')}</span>`
            : nothing
        }
      </div>
      ${
        files.length > 0
          ? html`<div class="cord-message-document-attachments">
            ${files.map(
              (file) => html`<div class="cord-message-attachment cord-document-attachment">
                <span class="cord-file-name">${file.name ?? file.url ?? ''}</span>
              </div>`,
            )}
          </div>`
          : nothing
      }
    </div>`;
  }
}
