// The inspector page: shows local Cord's state, read again whenever local Cord says it
// changed (server-sent events), and a search over users, groups and threads. Every piece of
// user data goes in through textContent, so a name or a message can never become markup.
import type {
  InspectorState,
  InspectorThread,
  OutboxEntry,
  SignInRecord,
  WebhookDelivery,
} from '../protocol/inspector.ts';
import { absoluteTime, relativeTime } from '../protocol/timeFormat.ts';

/** Even when nothing changed, "5 mins ago" must move on. */
const REDRAW_MS = 15_000;
/** Typing pauses this long before the search is run. */
const SEARCH_DELAY_MS = 200;

let lastState = '';
let lastDrawn = 0;
/** A read of the state under way, and whether another is wanted once it is done. */
let reading = false;
let readAgain = false;

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The inspector page has no #${id}.`);
  return element;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  /** Text (set as textContent), or children; bare strings among them are fixed separators. */
  content: string | Array<Node | string> = '',
  className = '',
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (typeof content === 'string') element.textContent = content;
  else element.append(...content);
  if (className) element.className = className;
  return element;
}

function table(headings: string[], rows: Array<Array<string | Node>>, empty: string): HTMLElement {
  if (rows.length === 0) return el('p', empty, 'empty');
  const cell = (content: string | Node) => el('td', typeof content === 'string' ? content : [content]);
  return el('table', [
    el('thead', [
      el(
        'tr',
        headings.map((heading) => el('th', heading)),
      ),
    ]),
    el(
      'tbody',
      rows.map((row) => el('tr', row.map(cell))),
    ),
  ]);
}

const code = (value: unknown) => el('code', JSON.stringify(value));
const when = (at: number) => Object.assign(el('span', relativeTime(at)), { title: absoluteTime(at) });

function threadView(thread: InspectorThread): HTMLElement {
  const details = [`id ${thread.id}`, `group ${thread.groupId}`, thread.url];
  if (thread.resolvedAt !== null) details.push('resolved');
  const messages = thread.messages.map((message) => {
    const notes = [message.editedAt !== null ? ' (edited)' : '', message.deletedAt !== null ? ' (deleted)' : ''];
    const reactions = message.reactions.map(({ emoji, count }) => `${emoji} ${count}`).join(' ');
    return el(
      'li',
      [
        el('strong', message.authorName),
        ' ',
        when(message.createdAt),
        notes.join(''),
        ': ',
        el('span', message.plaintext, 'message-text'),
        ' ',
        el('span', reactions),
      ],
      message.deletedAt !== null ? 'deleted' : '',
    );
  });
  const earlier = thread.earlierMessages > 0 ? `${thread.earlierMessages} earlier messages not shown.` : '';
  return el(
    'article',
    [
      el('h3', thread.name || thread.id),
      el('p', details.join(' · '), 'meta'),
      ...(earlier ? [el('p', earlier, 'meta')] : []),
      el('ol', messages, 'messages'),
    ],
    'thread',
  );
}

function signInRow(record: SignInRecord): Array<string | Node> {
  const verdict = el('span', record.accepted ? 'accepted' : 'refused', record.accepted ? 'accepted' : 'refused');
  const claims = record.claims ? el('pre', JSON.stringify(record.claims, null, 2)) : '';
  const credential = record.algorithm ? `${record.credential} (${record.algorithm})` : record.credential;
  return [when(record.at), verdict, credential, record.userId ?? '', record.reason ?? '', claims];
}

function outboxRow(email: OutboxEntry): Array<string | Node> {
  const status =
    email.status === 'waiting'
      ? `waiting until ${new Date(email.dueAt).toLocaleTimeString()}`
      : email.status === 'skipped'
        ? `skipped: ${email.reason ?? ''}`
        : 'Cord would have sent it';
  return [
    when(email.createdAt),
    email.to,
    email.subject,
    el('pre', email.text),
    email.link,
    el('span', status, email.status === 'skipped' ? 'refused' : ''),
  ];
}

function webhookRow(delivery: WebhookDelivery): Array<string | Node> {
  const attempts = delivery.attempts.map(({ at, status, answer }) =>
    el('li', [when(at), ': ', status === null ? 'no answer' : `HTTP ${status}`, answer ? ` ${answer}` : '']),
  );
  const next =
    delivery.nextAttemptAt === null ? '' : ` (next try ${new Date(delivery.nextAttemptAt).toLocaleTimeString()})`;
  const failed = delivery.state === 'failed' || delivery.state === 'retrying';
  return [
    when(delivery.createdAt),
    delivery.type,
    el('span', `${delivery.state}${next}`, delivery.state === 'delivered' ? 'accepted' : failed ? 'refused' : ''),
    el('ol', attempts, 'attempts'),
  ];
}

/** The ids shown and, when there are more, how many are left out. */
function someOf(ids: string[], total: number): string {
  const more = total - ids.length;
  return more > 0 ? `${ids.join(', ')} and ${more} more` : ids.join(', ');
}

const counted = (count: number, noun: string) => `${count.toLocaleString()} ${noun}${count === 1 ? '' : 's'}`;

/** Nothing when the whole list shows; "50 of 10,000 users, the newest; …" when a page of it does. */
function shownOf(shown: number, total: number, noun: string, order: string, search: string): string {
  if (search) return `${counted(shown, noun)} matching “${search}”${shown === total ? '' : `, ${order}`}.`;
  if (shown === total) return '';
  return `${shown.toLocaleString()} of ${counted(total, noun)}, ${order}; search to find the others.`;
}

function draw(state: InspectorState) {
  const { counts, search } = state;
  byId('users-shown').textContent = shownOf(state.users.length, counts.users, 'user', 'the newest', search);
  byId('groups-shown').textContent = shownOf(state.groups.length, counts.groups, 'group', 'the newest', search);
  byId('threads-shown').textContent = shownOf(
    state.threads.length,
    counts.threads,
    'thread',
    'the most recently active',
    search,
  );
  byId('users').replaceChildren(
    table(
      ['ID', 'Name', 'Short name', 'Email', 'Status', 'Groups'],
      state.users.map((user) => [
        user.id,
        user.name ?? '',
        user.shortName ?? '',
        user.email ?? '',
        user.status,
        someOf(user.groupIds, user.groupCount),
      ]),
      search ? 'No users match.' : 'No users yet.',
    ),
  );
  byId('groups').replaceChildren(
    table(
      ['ID', 'Name', 'Status', 'Members'],
      state.groups.map((group) => [group.id, group.name, group.status, someOf(group.memberIds, group.memberCount)]),
      search ? 'No groups match.' : 'No groups yet.',
    ),
  );
  byId('presence').replaceChildren(
    table(
      ['User', 'Group', 'Location', 'Seen'],
      state.presence.map((entry) => [
        entry.userName,
        entry.groupId,
        code(entry.location),
        entry.present ? 'here now' : entry.lastSeen !== null ? when(entry.lastSeen) : '',
      ]),
      'Nobody is or was anywhere yet.',
    ),
  );
  const threads = byId('threads');
  if (state.threads.length === 0)
    threads.replaceChildren(el('p', search ? 'No threads match.' : 'No threads yet.', 'empty'));
  else threads.replaceChildren(...state.threads.map(threadView));
  byId('outbox').replaceChildren(
    table(['When', 'To', 'Subject', 'Text', 'Link', 'Status'], state.outbox.map(outboxRow), 'No e-mails yet.'),
  );
  byId('webhook-url').textContent = state.webhookUrl
    ? `Events go to ${state.webhookUrl}, signed as Cord signs them, retried after a failure.`
    : 'No webhook address is set (LOCAL_CORD_WEBHOOK_URL): no events are sent.';
  byId('webhooks').replaceChildren(
    table(['When', 'Event', 'Delivery', 'Answers'], state.webhooks.map(webhookRow), 'No webhook events yet.'),
  );
  byId('sign-ins').replaceChildren(
    table(
      ['When', 'Verdict', 'Credential', 'User', 'Reason', 'Claims'],
      state.signIns.map(signInRow),
      'No sign-ins yet.',
    ),
  );
}

function showStatus(text: string, offline = false) {
  const status = byId('status');
  status.textContent = text;
  status.classList.toggle('offline', offline);
}

const searchBox = byId('search') as HTMLInputElement;

async function fetchState(): Promise<string> {
  const query = searchBox.value.trim() ? `?search=${encodeURIComponent(searchBox.value.trim())}` : '';
  const response = await fetch(`/inspector/state${query}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

function show(text: string, force = false) {
  const state = JSON.parse(text) as InspectorState;
  const plural = state.connections === 1 ? '' : 's';
  showStatus(`Project ${state.projectId} · ${state.connections} open connection${plural} · live`);
  if (!force && text === lastState) return;
  lastState = text;
  lastDrawn = Date.now();
  draw(state);
}

/** Reads the state and shows it; asked again while reading, reads once more afterwards. */
async function refresh() {
  if (reading) {
    readAgain = true;
    return;
  }
  reading = true;
  try {
    show(await fetchState());
  } catch {
    showStatus('Local Cord is not reachable; retrying.', true);
  } finally {
    reading = false;
  }
  if (readAgain) {
    readAgain = false;
    void refresh();
  }
}

/** Local Cord says when something changed (and the stream reopens by itself after a restart). */
function listen() {
  const changes = new EventSource('/inspector/events');
  changes.addEventListener('open', () => void refresh());
  changes.addEventListener('message', () => void refresh());
  changes.addEventListener('error', () => showStatus('Local Cord is not reachable; retrying.', true));
}

async function reset(button: HTMLButtonElement) {
  const question =
    'Reset local Cord? This deletes every user, group, thread, message and presence, ' +
    'and disconnects every open page.';
  if (!window.confirm(question)) return;
  button.disabled = true;
  try {
    const response = await fetch('/inspector/reset', { method: 'POST' });
    if (!response.ok) {
      const { error } = (await response.json()) as { error?: string };
      throw new Error(error ?? `HTTP ${response.status}`);
    }
    await refresh();
  } catch (error) {
    window.alert(`Reset failed: ${(error as Error).message}`);
  } finally {
    button.disabled = false;
  }
}

const resetButton = byId('reset') as HTMLButtonElement;
resetButton.addEventListener('click', () => void reset(resetButton));
let searchTimer: ReturnType<typeof setTimeout> | undefined;
searchBox.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void refresh(), SEARCH_DELAY_MS);
});
setInterval(() => {
  if (lastState && Date.now() - lastDrawn >= REDRAW_MS) show(lastState, true);
}, REDRAW_MS);
listen();
