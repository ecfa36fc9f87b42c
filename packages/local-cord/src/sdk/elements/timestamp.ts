import { html } from 'lit';
import { timestamp } from '../ui/timestamp.ts';
import { booleanAttribute } from './attributes.ts';
import { ClockController } from './clockController.ts';
import { CordElement } from './cordElement.ts';

/**
 * `<cord-timestamp>`: a time as Cord words it ("5 mins ago", or "3:04 PM" with
 * `relative="false"`), kept current, with the full time on hover.
 */
export class CordTimestamp extends CordElement {
  static override properties = {
    ...CordElement.properties,
    value: {},
    relative: {},
  };
  declare value: string | null;
  declare relative: string | null;

  /** Without a value Cord shows the time the element first rendered. */
  private readonly renderedAt = Date.now();

  constructor() {
    super();
    new ClockController(this);
  }

  protected renderContent() {
    const at = this.value === null || this.value === undefined ? this.renderedAt : new Date(this.value).getTime();
    return html`${timestamp(at, { relative: booleanAttribute(this.relative, true) })}`;
  }
}
