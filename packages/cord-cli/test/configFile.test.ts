import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfigFile, updateConfigFile } from '../src/config/configFile.ts';
import { tempConfig } from './support.ts';

let config: ReturnType<typeof tempConfig>;
beforeEach(() => {
  config = tempConfig();
});
afterEach(() => config.remove());

describe("Cord CLI's settings file", () => {
  it('reads nothing when there is no file yet', async () => {
    expect(await readConfigFile(config.path)).toEqual({});
  });

  it("reads Cord CLI's keys, trimmed, with CRLF, skipping comments, unknown keys and lines without =", async () => {
    writeFileSync(
      config.path,
      '# mine\r\n CORD_PROJECT_ID = p1 \r\nCORD_API_URL\r\nFAVOURITE=blue\r\n\r\nCORD_PROJECT_SECRET=s1\r\n',
    );
    expect(await readConfigFile(config.path)).toEqual({ CORD_PROJECT_ID: 'p1', CORD_PROJECT_SECRET: 's1' });
  });

  it('keeps an = inside a value (Cord cut the value there)', async () => {
    writeFileSync(config.path, 'CORD_PROJECT_SECRET=abc=def==\n');
    expect(await readConfigFile(config.path)).toEqual({ CORD_PROJECT_SECRET: 'abc=def==' });
  });

  it('merges changes into the file: known keys in place, new ones at the end, others dropped', async () => {
    writeFileSync(config.path, 'CORD_API_URL=http://old/v1\nOTHER=x\nCORD_PROJECT_ID=p0\n');
    await updateConfigFile(config.path, { CORD_PROJECT_ID: 'p1', CORD_PROJECT_SECRET: 's1' });
    expect(readFileSync(config.path, 'utf8')).toBe(
      'CORD_API_URL=http://old/v1\nCORD_PROJECT_ID=p1\nCORD_PROJECT_SECRET=s1\n',
    );
    expect(await readConfigFile(config.path)).toEqual({
      CORD_API_URL: 'http://old/v1',
      CORD_PROJECT_ID: 'p1',
      CORD_PROJECT_SECRET: 's1',
    });
  });
});
