import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { countedText, i18n, live, stylesheetUrl, text } from '../runtime.ts';

/**
 * What every Cord element shares: Cord's host classes (put back whenever the page rewrites
 * `class`, as React 19 does), light-DOM rendering, Cord's strings, and Cord's events:
 * `detail` is the callback's arguments, and the element's own events wait while
 * `buffer-events="true"` (until the React wrapper's listeners exist). Elements follow the
 * data layer with a LiveController.
 *
 * Every attribute arrives as its string (or null): React 19 sets single-word names such as
 * `location` as properties, holding the same string the wrapper would have written.
 */
export abstract class CordElement extends LitElement {
  static override properties = {
    bufferEvents: { attribute: 'buffer-events' },
  };

  /**
   * Attributes that `componentAttributes` lists for this element and that Cord's own element
   * does nothing with, with why; test/componentAttributes.test.ts holds every element to
   * handling (declaring) the rest.
   */
  static ignoredAttributes: Readonly<Record<string, string>> = {};

  /**
   * Attributes whose feature local Cord cannot have (screenshots of the page), with why:
   * accepted and without effect. Kept apart from what Cord itself ignores. Both lists are
   * in the README's "Components: where local Cord differs from Cord".
   */
  static unsupportedAttributes: Readonly<Record<string, string>> = {};

  /**
   * Whether `use-shadow-root="true"` may put the element in a shadow root (Cord allows it for
   * its bigger elements only). Unlike Cord, which uses a shadow root unless the attribute is
   * exactly "false", local Cord renders into the light DOM unless asked: @cord-sdk/react
   * always writes "false", and a page writing raw HTML gets the look Cord's CSS variables
   * and class names style.
   */
  static allowsShadowRoot = false;

  /** `class` too: Cord puts its host classes back after the page rewrites the attribute. */
  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: lit works the list out for the subclass `super` is called on.
    return [...super.observedAttributes, 'class'];
  }

  declare bufferEvents: string | null;
  /** Cord's elements say they are ready; React's forwardRef wrappers check it. */
  readonly initialised = true;
  /** Cord's React wrappers assign it; Cord's internal switch to newer components, which local Cord has not. */
  newComponentSwitchConfig: unknown;
  private queuedEvents: CustomEvent[] = [];
  private readonly rerender = () => this.requestUpdate();
  private stopViewer: (() => void) | undefined;

  constructor() {
    super();
    this.dispatchEvent(new CustomEvent(`${this.localName}:initialised`));
  }

  protected override createRenderRoot() {
    const allowed = (this.constructor as typeof CordElement).allowsShadowRoot;
    return allowed && this.getAttribute('use-shadow-root') === 'true' ? super.createRenderRoot() : this;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.addHostClasses();
    i18n.on('languageChanged', this.rerender);
    // Who is signed in decides what most elements show (their group, "(you)", their own messages).
    this.stopViewer = live.onViewer(this.rerender);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    i18n.off('languageChanged', this.rerender);
    this.stopViewer?.();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null) {
    if (name === 'class') this.addHostClasses();
    else super.attributeChangedCallback(name, old, value);
  }

  private addHostClasses() {
    const classes = ['cord-component', 'cord-v1', `cord-component-${this.localName.replace(/^cord-/, '')}`];
    // Adding classes that are there already would still write the attribute (and call back here).
    if (classes.some((name) => !this.classList.contains(name))) this.classList.add(...classes);
  }

  protected override render() {
    const stylesheet = this.shadowRoot ? html`<link rel="stylesheet" href=${stylesheetUrl} />` : nothing;
    return html`${stylesheet}${this.renderContent()}`;
  }

  protected abstract renderContent(): TemplateResult | typeof nothing;

  protected override updated(_changed: PropertyValues) {
    if (this.bufferEvents !== 'true' && this.queuedEvents.length > 0) {
      const queued = this.queuedEvents;
      this.queuedEvents = [];
      for (const event of queued) this.dispatchEvent(event);
    }
  }

  /**
   * Cord's string `namespace:key` in the page's language (with its `count`, for plurals):
   * made once per language, as lists show the same labels for every item.
   */
  protected t(key: string, options?: { count: number }): string {
    return options ? countedText(key, options.count) : text(key);
  }

  /** Cord's `dispatchCordEvent`: dispatches now, or later while events are buffered. */
  dispatchCordEvent(event: Event) {
    if (this.bufferEvents === 'true') this.queuedEvents.push(event as CustomEvent);
    else this.dispatchEvent(event);
  }

  /** The element's own event `<tag>:<name>`, with the arguments as `detail`. */
  protected emit(name: string, ...args: unknown[]) {
    this.dispatchCordEvent(
      new CustomEvent(`${this.localName}:${name}`, { bubbles: true, composed: true, detail: args }),
    );
  }

  /** `loading` and `render`: once each, on the element only. */
  protected emitLifecycle(name: 'loading' | 'render') {
    this.dispatchCordEvent(new CustomEvent(`${this.localName}:${name}`, { detail: [] }));
  }

  /**
   * An event of an inner part under that part's name (`cord-composer:send` from a thread's
   * composer): Cord fires these from inner nodes, so they are never buffered.
   */
  protected emitPart(source: string, name: string, ...args: unknown[]) {
    this.dispatchEvent(new CustomEvent(`${source}:${name}`, { bubbles: true, composed: true, detail: args }));
  }
}
