import type { WebSocket } from 'ws';

/** Something that can stop reading a socket for a while, and read it again. */
export interface ReadControl {
  pause(): void;
  resume(): void;
}

/**
 * A socket read by more than one party's leave: the frame scheduler holds it while the
 * connection's frames wait their turn, its outflow while the client is behind on reading.
 * It is read again only once neither holds it, so one cannot undo the other's pause.
 */
export class ReadGate {
  private readonly held = new Set<ReadControl>();

  constructor(private readonly socket: Pick<WebSocket, 'pause' | 'resume'>) {}

  /** A party's own control over reading this socket. */
  holder(): ReadControl {
    const holder: ReadControl = {
      pause: () => {
        if (this.held.size === 0) this.socket.pause();
        this.held.add(holder);
      },
      resume: () => {
        if (!this.held.delete(holder)) return;
        if (this.held.size === 0) this.socket.resume();
      },
    };
    return holder;
  }
}
