import { isIP } from 'node:net';

// Loopback, decided the same way by every process of the stack: where a server may
// listen without being asked, and which callers and Host names count as this machine.

/** 127.0.0.0/8 and ::1 (also written as an IPv4-mapped address). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^::ffff:/i, '');
  return bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/** `localhost` or a loopback address, with or without the brackets of an IPv6 URL. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || isLoopbackAddress(bare);
}

/** Addresses that listen on every interface; a client reaches such a server on loopback. */
export const WILDCARD_HOSTS: ReadonlySet<string> = new Set(['0.0.0.0', '::', '[::]']);
