import type { RequestBody, ServerEvent } from '@cord-tutorial/local-cord/protocol';
import { sendBody, type TestClient } from '@cord-tutorial/local-cord/testing';
import { rssMiB, signInTo, sleep, startLocalCordProcess } from './support.ts';

// Issue goal: one local Cord holds 1,000 concurrent signed-in clients, each with a thread
// open and a presence watch, in under 200 MB of RSS. Clients are grouped as people are,
// in rooms of ROOM_SIZE: each room is one page (one thread, one presence location) whose
// clients all watch presence there and say they are present. Two layouts, each on a
// fresh local Cord process whose RSS is read from /proc/<pid>/status after each step:
// - one group: every user in the same group, as in the tutorial (worst case for presence);
// - a group per room: as many separate teams would be.
const ROOM_SIZE = Number(process.env.ROOM_SIZE ?? 10);
const CONNECT_CONCURRENCY = 25;
/** A step that takes longer than this to join ends the layout's run. */
const STEP_BUDGET_S = Number(process.env.STEP_BUDGET_S ?? 60);
const LAYOUTS = [
  {
    name: 'one group',
    groupOf: (_room: number) => 'capacity',
    steps: (process.env.STEPS_ONE_GROUP ?? '250,500,1000,1500,2000').split(',').map(Number),
  },
  {
    name: 'a group per room',
    groupOf: (room: number) => `room-group-${room}`,
    steps: (process.env.STEPS_PER_ROOM ?? '500,1000,2000,4000,6000').split(',').map(Number),
  },
];
const REQUEST_TIMEOUT_MS = 60_000;

type Ack = Extract<ServerEvent, { type: 'ack' }>;
let nextId = 0;

/** A request with a long timeout: under load an answer may take a while, and that is measured, not failed. */
async function ask(client: TestClient, body: RequestBody) {
  const id = `cap-${++nextId}`;
  client.send({ ...body, id });
  const ack = await client.next<Ack>(
    (event) => event.type === 'ack' && event.id === id,
    `ack ${id}`,
    REQUEST_TIMEOUT_MS,
  );
  if ('error' in ack) throw new Error(`${body.type} refused: ${ack.error.message}`);
}

async function runLayout({ name, groupOf, steps }: (typeof LAYOUTS)[number]) {
  const cord = await startLocalCordProcess();
  const clients: TestClient[] = [];

  /** Signs one more client in, opens its room's thread, watches presence there and is present. */
  const join = async (index: number) => {
    const room = Math.floor(index / ROOM_SIZE);
    const { client } = await signInTo(cord, `cap${index}`, groupOf(room));
    const location = { page: `room-${room}` };
    await ask(client, { type: 'thread.observe', threadId: `room-${room}` });
    await ask(client, { type: 'presence.watch', watchId: 'page', location });
    await ask(client, { type: 'presence.set', location, present: true, durable: true });
    if (index % ROOM_SIZE === 0)
      await ask(client, sendBody(`room-${room}`, `first-${room}`, `Welcome to room ${room}`));
    clients[index] = client;
  };

  /** Every client still works: one message per room reaches every member of that room. */
  const checkAllAlive = async (count: number) => {
    const check = `check-${count}`;
    const arrivals = clients.map((client) =>
      client.next(
        (event) => event.type === 'message' && event.message.id.startsWith(`${check}-`),
        'room message',
        REQUEST_TIMEOUT_MS,
      ),
    );
    for (let room = 0; room * ROOM_SIZE < count; room++) {
      await ask(clients[room * ROOM_SIZE]!, sendBody(`room-${room}`, `${check}-${room}`, `Still here, room ${room}`));
    }
    await Promise.all(arrivals);
  };

  try {
    const idle = rssMiB(cord.pid);
    console.log(`  ${name}: local Cord RSS idle ${idle.toFixed(0)} MiB`);
    let previous = 0;
    for (const target of steps) {
      const started = performance.now();
      for (let i = previous; i < target; i += CONNECT_CONCURRENCY) {
        await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, target - i) }, (_, k) => join(i + k)));
      }
      const joinSeconds = (performance.now() - started) / 1_000;
      await checkAllAlive(target);
      const health = (await (await fetch(`${cord.url}/health`)).json()) as { connections: number };
      if (health.connections !== target)
        throw new Error(`health says ${health.connections} connections, expected ${target}`);
      await sleep(1_000);
      const rss = rssMiB(cord.pid);
      console.log(
        `    ${String(target).padStart(5)} clients: RSS ${rss.toFixed(0)} MiB (${(((rss - idle) * 1024) / target).toFixed(0)} KiB/client over idle), ` +
          `all receive; last ${target - previous} joined at ${((target - previous) / joinSeconds).toFixed(0)}/s` +
          (target === 1000 ? '   <- goal: 1,000 under 200 MB' : ''),
      );
      previous = target;
      for (const client of clients) client.inbox.length = 0;
      if (joinSeconds > STEP_BUDGET_S) {
        console.log(`    (stopping: that step took ${joinSeconds.toFixed(0)} s to join)`);
        break;
      }
    }
    await Promise.all(clients.map((client) => client.close()));
  } finally {
    await cord.stop();
  }
}

console.log(
  `Capacity: signed-in clients in rooms of ${ROOM_SIZE}, each with the room's thread open, a presence watch there, and present`,
);
for (const layout of LAYOUTS) await runLayout(layout);
