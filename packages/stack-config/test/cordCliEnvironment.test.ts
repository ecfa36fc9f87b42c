import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCordCliEnvironment, StackConfigError } from '../src/index.ts';

describe('readCordCliEnvironment', () => {
  it('defaults to ~/.cord and local Cord on its default address, with no overrides', () => {
    expect(readCordCliEnvironment({})).toEqual({
      configPath: join(homedir(), '.cord'),
      project: undefined,
      customer: undefined,
      apiUrl: undefined,
      localCordApiUrl: 'http://127.0.0.1:8161/v1',
      localCordUrl: 'http://127.0.0.1:8161',
    });
  });

  it('reads the overrides, and finds local Cord where LOCAL_CORD_HOST and LOCAL_CORD_PORT say', () => {
    const env = readCordCliEnvironment({
      CORD_CONFIG_PATH: '/tmp/somewhere/.cord',
      CORD_PROJECT_ID: 'p1',
      CORD_PROJECT_SECRET: 's1',
      CORD_CUSTOMER_ID: 'c1',
      CORD_CUSTOMER_SECRET: 'cs1',
      CORD_API_URL: 'https://cord.example.com/v1',
      LOCAL_CORD_HOST: '0.0.0.0',
      LOCAL_CORD_PORT: '9001',
    });
    expect(env).toEqual({
      configPath: '/tmp/somewhere/.cord',
      project: { id: 'p1', secret: 's1' },
      customer: { id: 'c1', secret: 'cs1' },
      apiUrl: 'https://cord.example.com/v1',
      localCordApiUrl: 'http://127.0.0.1:9001/v1',
      localCordUrl: 'http://127.0.0.1:9001',
    });
  });

  it('treats blank variables as unset', () => {
    expect(readCordCliEnvironment({ CORD_PROJECT_ID: ' ', CORD_PROJECT_SECRET: '', CORD_API_URL: '' }).project).toBe(
      undefined,
    );
  });

  it('refuses half a credential, naming the missing half', () => {
    expect(() => readCordCliEnvironment({ CORD_PROJECT_ID: 'p1' })).toThrow(
      new StackConfigError(
        'CORD_PROJECT_SECRET is not set. Set both CORD_PROJECT_ID and CORD_PROJECT_SECRET, or neither.',
      ),
    );
    expect(() => readCordCliEnvironment({ CORD_CUSTOMER_SECRET: 'x' })).toThrow(/CORD_CUSTOMER_ID is not set/);
  });

  it('refuses an API URL that is not a URL', () => {
    expect(() => readCordCliEnvironment({ CORD_API_URL: 'localhost:8161' })).toThrow(
      'Invalid environment: CORD_API_URL must be an http:// or https:// URL.',
    );
  });
});
