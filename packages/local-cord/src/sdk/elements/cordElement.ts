import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { stylesheetUrl } from '../runtime.ts';

/**
 * What every Cord element shares: Cord's host classes, light-DOM rendering unless
 * `use-shadow-root="true"`, and events queued while `buffer-events="true"` (until the
 * React wrapper's listeners exist). Elements follow the data layer with a LiveController.
 */
export abstract class CordElement extends LitElement {
  static override properties = {
    bufferEvents: { attribute: 'buffer-events' },
  };
  declare bufferEvents: string | null;
  private queuedEvents: CustomEvent[] = [];

  protected abstract readonly componentName: string;

  protected override createRenderRoot() {
    return this.getAttribute('use-shadow-root') === 'true' ? super.createRenderRoot() : this;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.classList.add('cord-component', 'cord-v1', `cord-component-${this.componentName}`);
  }

  protected override render() {
    const stylesheet = this.shadowRoot ? html`<link rel="stylesheet" href=${stylesheetUrl} />` : nothing;
    return html`${stylesheet}${this.renderContent()}`;
  }

  protected abstract renderContent(): TemplateResult | typeof nothing;

  protected override updated() {
    if (this.bufferEvents !== 'true' && this.queuedEvents.length > 0) {
      const queued = this.queuedEvents;
      this.queuedEvents = [];
      for (const event of queued) this.dispatchEvent(event);
    }
  }

  /** Dispatches `<source>:<name>` with the arguments as `detail`, as Cord's elements do. */
  protected emit(source: string, name: string, ...args: unknown[]) {
    const event = new CustomEvent(`${source}:${name}`, { bubbles: true, composed: true, detail: args });
    if (this.bufferEvents === 'true') this.queuedEvents.push(event);
    else this.dispatchEvent(event);
  }
}

/** A JSON attribute (or the property React sets to the same string), if it parses. */
export function parseJsonAttribute<T>(value: unknown): T | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}
