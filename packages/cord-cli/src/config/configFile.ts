import { chmod, readFile, writeFile } from 'node:fs/promises';

// Cord CLI's settings file (`~/.cord`, or CORD_CONFIG_PATH): `KEY=VALUE` lines, the keys
// below, nothing else. A file written by Cord's own CLI reads here, and the other way round.

export const CONFIG_KEYS = [
  'VERSION_LAST_CHECKED',
  'CORD_PROJECT_ID',
  'CORD_PROJECT_SECRET',
  'CORD_CUSTOMER_ID',
  'CORD_CUSTOMER_SECRET',
  'CORD_API_URL',
] as const;

export type ConfigKey = (typeof CONFIG_KEYS)[number];
export type ConfigValues = Partial<Record<ConfigKey, string>>;

const isConfigKey = (key: string): key is ConfigKey => (CONFIG_KEYS as readonly string[]).includes(key);

/**
 * The known keys of the file; none if there is no file yet. Unlike Cord's CLI, a value
 * keeps any `=` in it (Cord's cut it at the second one), and a line without `=` is
 * skipped rather than making the whole file unreadable.
 */
export async function readConfigFile(path: string): Promise<ConfigValues> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const values: ConfigValues = {};
  for (const line of text.split('\n')) {
    const split = line.indexOf('=');
    if (split < 0) continue;
    const key = line.slice(0, split).trim();
    const value = line.slice(split + 1).trim();
    if (isConfigKey(key) && value !== '') values[key] = value;
  }
  return values;
}

/**
 * Merges `changes` into the file, as Cord's CLI did: known keys in their order, new ones
 * at the end. The file holds a secret, so only its owner may read it.
 */
export async function updateConfigFile(path: string, changes: ConfigValues): Promise<void> {
  const merged = { ...(await readConfigFile(path)), ...changes };
  const lines = Object.entries(merged)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${value}`);
  await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; an older file is tightened too.
  await chmod(path, 0o600);
}
