import { nothing } from 'lit';
import { arrayAttribute, booleanAttribute, locationAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { GroupGuard } from './groupGuard.ts';
import { PresenceClaimController } from './presenceClaim.ts';

const PRESENT_EVENTS = ['mouseenter', 'focusin'];
const ABSENT_EVENTS = ['mouseleave', 'focusout'];

/**
 * `<cord-presence-observer>`: marks the viewer present at a location while the pointer
 * or focus is inside its children (or, with `observe-document`, while the page is shown),
 * and fires `change` as that changes. It wraps the page's children and shows nothing itself.
 */
export class CordPresenceObserver extends CordElement {
  static override properties = {
    ...CordElement.properties,
    location: {},
    context: {},
    groupId: { attribute: 'group-id' },
    durable: {},
    presentEvents: { attribute: 'present-events' },
    absentEvents: { attribute: 'absent-events' },
    initialState: { attribute: 'initial-state' },
    observeDocument: { attribute: 'observe-document' },
  };
  declare location: string | null;
  declare context: string | null;
  declare groupId: string | null;
  declare durable: string | null;
  declare presentEvents: string | null;
  declare absentEvents: string | null;
  declare initialState: string | null;
  declare observeDocument: string | null;

  private readonly claim = new PresenceClaimController(this);
  private readonly guard = new GroupGuard('PresenceObserver');
  /** What the present/absent events last said; undefined until one arrives. */
  private byEvents: boolean | undefined;
  /** Cord reports changes from an initial "not present". */
  private reported = false;
  private listening: { present: string[]; absent: string[] } | undefined;
  private readonly onPresent = () => this.setByEvents(true);
  private readonly onAbsent = () => this.setByEvents(false);
  private readonly onVisibility = () => this.requestUpdate();

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.listen(undefined);
  }

  private setByEvents(present: boolean) {
    this.byEvents = present;
    this.requestUpdate();
  }

  private listen(events: { present: string[]; absent: string[] } | undefined) {
    if (JSON.stringify(events) === JSON.stringify(this.listening)) return;
    for (const name of this.listening?.present ?? []) this.removeEventListener(name, this.onPresent);
    for (const name of this.listening?.absent ?? []) this.removeEventListener(name, this.onAbsent);
    this.listening = events;
    for (const name of events?.present ?? []) this.addEventListener(name, this.onPresent);
    for (const name of events?.absent ?? []) this.addEventListener(name, this.onAbsent);
  }

  protected override willUpdate() {
    const wholeDocument = booleanAttribute(this.observeDocument, false);
    const lower = (names: string[]) => names.map((name) => name.toLowerCase());
    this.listen(
      wholeDocument
        ? undefined
        : {
            present: lower(arrayAttribute(this.presentEvents) ?? PRESENT_EVENTS),
            absent: lower(arrayAttribute(this.absentEvents) ?? ABSENT_EVENTS),
          },
    );
    const wanted = wholeDocument || (this.byEvents ?? booleanAttribute(this.initialState, false));
    const present = wanted && document.visibilityState !== 'hidden';
    const groupId = this.guard.check(this.groupId);
    const location = locationAttribute(this.location, this.context);
    this.claim.set(
      groupId === undefined ? undefined : { location, groupId, durable: booleanAttribute(this.durable, false) },
      present,
    );
    if (present !== this.reported) {
      this.reported = present;
      this.emit('change', present);
    }
  }

  /** The page's children are the content; the observer adds nothing. */
  protected renderContent(): typeof nothing {
    return nothing;
  }
}
