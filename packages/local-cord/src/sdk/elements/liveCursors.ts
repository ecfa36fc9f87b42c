import type { LiveCursorsEventToLocationFn, LiveCursorsLocationToDocumentFn } from '@cord-sdk/types';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { type CordLocation, locationKey } from '../../protocol/location.ts';
import type { PresenceView, UserData } from '../../protocol/views.ts';
import { anchorAt, anchorPosition } from '../api/anchor.ts';
import { isFlatLocation } from '../api/threadOptions.ts';
import { presenceQuery } from '../data/sharedQueries.ts';
import { live } from '../runtime.ts';
import { type CursorPosition, cursorClick, liveCursor } from '../ui/liveCursor.ts';
import { booleanAttribute, numberAttribute, parseJsonAttribute } from './attributes.ts';
import { CordElement } from './cordElement.ts';
import { GroupGuard } from './groupGuard.ts';
import { LiveController } from './liveController.ts';
import { knownUsers, usersController } from './querySet.ts';

/** How often the viewer's cursor is sent, at most (Cord's rate). */
const SEND_EVERY_MS = 100;
/** Positions are worked out again this long after the last scroll or resize. */
const REPLACE_AFTER_MS = 50;
const CLICK_DISPLAY_MS = 1_000;

/**
 * Cord's default translation of a pointer event into a location: the page coordinates, and
 * an anchor to the element under the pointer, which another window finds wherever its
 * layout put that element. The same encoding as @cord-sdk/react's LiveCursors, so a page
 * with the element and one with the React component see each other.
 */
const eventToLocation: LiveCursorsEventToLocationFn = (event, options) => {
  const anchor = anchorAt({ x: event.clientX, y: event.clientY });
  return {
    __cord_cursor_x: event.pageX,
    __cord_cursor_y: event.pageY,
    __cord_cursor_click: options.send_clicks === true && event.buttons === 1,
    ...(anchor && { __cord_annotation: anchor }),
  };
};

const locationToDocument: LiveCursorsLocationToDocumentFn = (location) => {
  const click = location.__cord_cursor_click === true;
  const anchored = typeof location.__cord_annotation === 'string' && anchorPosition(location.__cord_annotation);
  if (anchored) return { viewportX: anchored.x, viewportY: anchored.y, click };
  const { __cord_cursor_x: x, __cord_cursor_y: y } = location;
  if (typeof x !== 'number' || typeof y !== 'number') return null;
  return { viewportX: x - window.scrollX, viewportY: y - window.scrollY, click };
};

/**
 * `<cord-live-cursors>`: the other users' cursors on this page, live, each with its
 * owner's name; and the viewer's own, sent as presence at a location under the element's
 * (one at a time, within `{ ...location, __cord_live_cursors: true }`), as Cord's
 * LiveCursors does. Works in the token's group only (Cord observes no `group-id` here).
 */
export class CordLiveCursors extends CordElement {
  static override properties = {
    ...CordElement.properties,
    location: {},
    context: {},
    showViewerCursor: { attribute: 'show-viewer-cursor' },
    sendCursor: { attribute: 'send-cursor' },
    showCursors: { attribute: 'show-cursors' },
    sendClicks: { attribute: 'send-clicks' },
    showClicks: { attribute: 'show-clicks' },
    clickDisplayDuration: { attribute: 'click-display-duration' },
  };
  declare location: string | null;
  declare context: string | null;
  declare showViewerCursor: string | null;
  declare sendCursor: string | null;
  declare showCursors: string | null;
  declare sendClicks: string | null;
  declare showClicks: string | null;
  declare clickDisplayDuration: string | null;

  private readonly presence = new LiveController<PresenceView[] | undefined>(this);
  private readonly users = usersController(this);
  private readonly guard = new GroupGuard('LiveCursors');
  private translations = { eventToLocation, locationToDocument };
  /** The region the viewer's cursor moves in; undefined without a location or group. */
  private base: CordLocation | undefined;
  private groupId: string | undefined;
  /** The viewer's pointer as a location, null while it is off the page. */
  private pointer: CordLocation | null = null;
  /** What was last sent, to send only changes, and to withdraw. */
  private sent: { location: CordLocation; base: CordLocation; groupId: string } | undefined;
  private positions = new Map<string, CursorPosition>();
  private clicks = new Map<string, CursorPosition>();
  private placedFrom: PresenceView[] | undefined;
  private sendTimer: ReturnType<typeof setInterval> | undefined;
  private placeTimer: ReturnType<typeof setTimeout> | undefined;
  private reported = false;

  /** Cord's way to give the element other translations between pointer events, locations and the page. */
  setTranslations(
    eventToLocationFn: LiveCursorsEventToLocationFn,
    locationToDocumentFn: LiveCursorsLocationToDocumentFn,
  ) {
    this.translations = { eventToLocation: eventToLocationFn, locationToDocument: locationToDocumentFn };
    this.placeSoon();
  }

  private readonly onPointer = (event: MouseEvent) => {
    const sendClicks = booleanAttribute(this.sendClicks, false);
    void Promise.resolve(this.translations.eventToLocation(event, { send_clicks: sendClicks })).then((location) => {
      this.pointer = location && isFlatLocation(location) ? location : null;
    });
  };
  private readonly onLeave = () => {
    this.pointer = null;
  };
  private readonly withdraw = () => this.send(undefined);
  private readonly placeSoon = () => {
    clearTimeout(this.placeTimer);
    this.placeTimer = setTimeout(() => void this.place(), REPLACE_AFTER_MS);
  };

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('mousemove', this.onPointer);
    document.addEventListener('mousedown', this.onPointer);
    document.addEventListener('mouseleave', this.onLeave);
    window.addEventListener('beforeunload', this.withdraw);
    for (const name of ['scroll', 'wheel', 'resize']) window.addEventListener(name, this.placeSoon, true);
    this.sendTimer = setInterval(() => this.send(this.pointer), SEND_EVERY_MS);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('mousemove', this.onPointer);
    document.removeEventListener('mousedown', this.onPointer);
    document.removeEventListener('mouseleave', this.onLeave);
    window.removeEventListener('beforeunload', this.withdraw);
    for (const name of ['scroll', 'wheel', 'resize']) window.removeEventListener(name, this.placeSoon, true);
    clearInterval(this.sendTimer);
    clearTimeout(this.placeTimer);
    this.withdraw();
  }

  protected override willUpdate() {
    const given = parseJsonAttribute<unknown>(this.location ?? this.context);
    const location = isFlatLocation(given) ? given : undefined;
    if (!location && !this.reported) {
      this.reported = true;
      console.error('cord-live-cursors: missing location');
    }
    this.groupId = location ? this.guard.check(undefined) : undefined;
    this.base = location && this.groupId !== undefined ? { ...location, __cord_live_cursors: true } : undefined;
    const watching = this.base && booleanAttribute(this.showCursors, true);
    this.presence.use(watching && this.base ? presenceQuery(live, this.base, undefined) : undefined);
  }

  protected override updated(changed: Map<PropertyKey, unknown>) {
    super.updated(changed);
    if (this.presence.value !== this.placedFrom) void this.place();
  }

  /** Sends the viewer's cursor if it moved (or withdraws it: off the page, not sending, region changed). */
  private send(pointer: CordLocation | null | undefined) {
    const { base, groupId } = this;
    const wanted =
      pointer && base && groupId !== undefined && booleanAttribute(this.sendCursor, true)
        ? { location: { ...pointer, ...base }, base, groupId }
        : undefined;
    const sent = this.sent;
    if (wanted && sent && locationKey(wanted.location) === locationKey(sent.location) && sent.groupId === groupId) {
      return;
    }
    this.sent = wanted;
    const set = (spot: NonNullable<typeof wanted>, present: boolean) =>
      live
        .request({
          type: 'presence.set',
          location: spot.location,
          present,
          durable: false,
          groupId: spot.groupId,
          exclusiveWithin: spot.base,
        })
        .catch(() => {});
    if (wanted) {
      // Moving to another region leaves the old one explicitly; within one, the server moves the cursor.
      if (sent && locationKey(sent.base) !== locationKey(wanted.base)) void set(sent, false);
      void set(wanted, true);
    } else if (sent) void set(sent, false);
  }

  /** Works out where each cursor is in this viewport, and notes new clicks. */
  private async place() {
    const presence = this.presence.value;
    this.placedFrom = presence;
    const viewerId = live.viewer?.id;
    const showViewer = booleanAttribute(this.showViewerCursor, false);
    const shown = (presence ?? []).flatMap(({ user, locations }) => {
      const [location] = locations;
      return location && (showViewer || user.id !== viewerId) ? [{ id: user.id, location }] : [];
    });
    const placed = await Promise.all(
      shown.map(async ({ id, location }) => ({ id, position: await this.translations.locationToDocument(location) })),
    );
    if (this.presence.value !== presence) return;
    const positions = new Map<string, CursorPosition>();
    for (const { id, position } of placed) if (position) positions.set(id, position);
    for (const [id, position] of positions) this.noteClick(id, position);
    this.positions = positions;
    this.users.use([...positions.keys()]);
    this.requestUpdate();
  }

  private noteClick(id: string, position: CursorPosition) {
    const before = this.clicks.get(id);
    const moved = before?.viewportX !== position.viewportX || before?.viewportY !== position.viewportY;
    if (!position.click || !moved || !booleanAttribute(this.showClicks, false)) return;
    this.clicks.set(id, position);
    setTimeout(() => {
      if (this.clicks.get(id) !== position) return;
      this.clicks.delete(id);
      this.requestUpdate();
    }, numberAttribute(this.clickDisplayDuration) ?? CLICK_DISPLAY_MS);
  }

  /** One user's cursor; `<cord-multiple-cursors>` draws its older look. */
  protected renderCursor(user: UserData, position: CursorPosition): TemplateResult {
    return liveCursor(user, position);
  }

  protected renderContent() {
    if (!this.base || !live.viewer) return nothing;
    const users = knownUsers(this.users, [...this.positions.keys()]);
    const clicks = users.flatMap((user) => {
      const position = this.clicks.get(user.id);
      return position ? [{ user, position }] : [];
    });
    return html`${repeat(
      users,
      (user) => user.id,
      (user) => this.renderCursor(user, this.positions.get(user.id)!),
    )}${repeat(
      clicks,
      ({ user }) => user.id,
      ({ user, position }) => cursorClick(user, position),
    )}`;
  }
}
