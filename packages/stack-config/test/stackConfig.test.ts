import { describe, expect, it } from 'vitest';
import {
  LOCAL_CORD_CSS_PATH,
  LOCAL_CORD_PROJECT_ID,
  LOCAL_CORD_PROJECT_SECRET,
  LOCAL_CORD_SCRIPT_PATH,
  readStackConfig,
  StackConfigError,
} from '../src/index.ts';

const PROJECT_ID = '2b0f7c6a-1d3e-4f58-9a7b-6c5d4e3f2a1b';
const SECRET = 'a-real-projects-secret';

/** The error readStackConfig throws for `env`, which must be a StackConfigError. */
function configError(env: NodeJS.ProcessEnv): StackConfigError {
  try {
    readStackConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(StackConfigError);
    return error as StackConfigError;
  }
  throw new Error(`readStackConfig accepted ${JSON.stringify(env)}`);
}

describe('readStackConfig: local Cord', () => {
  it('runs against local Cord when neither CORD_PROJECT_ID nor CORD_SECRET is set', () => {
    const config = readStackConfig({});
    expect(config.mode).toBe('local');
    expect(config.projectId).toBe(LOCAL_CORD_PROJECT_ID);
    expect(config.projectSecret).toBe(LOCAL_CORD_PROJECT_SECRET);
    expect(config.tokenExpiresSeconds).toBeUndefined();
    expect(config.localCord.host).toBe('127.0.0.1');
    expect(config.localCord.port).toBe(8161);
    expect(config.localCord.url).toBe('http://127.0.0.1:8161');
    expect(config.localCord.allowRemote).toBe(false);
    expect(config.cordScriptUrl).toBe(`http://127.0.0.1:8161${LOCAL_CORD_SCRIPT_PATH}`);
    expect(config.cordCssUrl).toBe(`http://127.0.0.1:8161${LOCAL_CORD_CSS_PATH}`);
  });

  it('the local project id is a UUID, as Cord requires of project_id', () => {
    expect(LOCAL_CORD_PROJECT_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('treats empty or blank CORD_PROJECT_ID and CORD_SECRET as unset', () => {
    expect(readStackConfig({ CORD_PROJECT_ID: '', CORD_SECRET: '' }).mode).toBe('local');
    expect(readStackConfig({ CORD_PROJECT_ID: '  ', CORD_SECRET: ' ' }).mode).toBe('local');
  });

  it('points the script and stylesheet at local Cord on its configured port and host', () => {
    const config = readStackConfig({ LOCAL_CORD_PORT: '9000', LOCAL_CORD_HOST: 'localhost' });
    expect(config.localCord.url).toBe('http://localhost:9000');
    expect(config.cordScriptUrl).toBe(`http://localhost:9000${LOCAL_CORD_SCRIPT_PATH}`);
    expect(config.cordCssUrl).toBe(`http://localhost:9000${LOCAL_CORD_CSS_PATH}`);
  });

  it('a wildcard listening host still gives the browser a loopback URL', () => {
    for (const host of ['0.0.0.0', '::']) {
      const config = readStackConfig({ LOCAL_CORD_HOST: host });
      expect(config.localCord.host).toBe(host);
      expect(config.localCord.url).toBe('http://127.0.0.1:8161');
      expect(config.cordScriptUrl).toBe(`http://127.0.0.1:8161${LOCAL_CORD_SCRIPT_PATH}`);
    }
  });

  it('LOCAL_CORD_ALLOW_REMOTE is true only when asked for', () => {
    expect(readStackConfig({ LOCAL_CORD_ALLOW_REMOTE: '1' }).localCord.allowRemote).toBe(true);
    expect(readStackConfig({ LOCAL_CORD_ALLOW_REMOTE: 'true' }).localCord.allowRemote).toBe(true);
    expect(readStackConfig({ LOCAL_CORD_ALLOW_REMOTE: '0' }).localCord.allowRemote).toBe(false);
    expect(readStackConfig({ LOCAL_CORD_ALLOW_REMOTE: 'false' }).localCord.allowRemote).toBe(false);
    expect(configError({ LOCAL_CORD_ALLOW_REMOTE: 'yes' }).message).toContain('LOCAL_CORD_ALLOW_REMOTE');
  });

  it('LOCAL_CORD_WEBHOOK_URL sends every event there, or those LOCAL_CORD_WEBHOOK_EVENTS names', () => {
    expect(readStackConfig({}).localCord.webhook).toBeUndefined();
    expect(readStackConfig({ LOCAL_CORD_WEBHOOK_URL: 'http://localhost:4000/cord' }).localCord.webhook).toEqual({
      url: 'http://localhost:4000/cord',
      events: ['thread-message-added', 'notification-created'],
    });
    const some = readStackConfig({
      LOCAL_CORD_WEBHOOK_URL: 'http://127.0.0.1:4000/',
      LOCAL_CORD_WEBHOOK_EVENTS: ' notification-created ',
    });
    expect(some.localCord.webhook?.events).toEqual(['notification-created']);
    expect(configError({ LOCAL_CORD_WEBHOOK_URL: 'ftp://x/' }).message).toContain(
      'LOCAL_CORD_WEBHOOK_URL must be an http(s) URL',
    );
    expect(
      configError({ LOCAL_CORD_WEBHOOK_URL: 'http://x/', LOCAL_CORD_WEBHOOK_EVENTS: 'message-deleted' }).message,
    ).toContain('LOCAL_CORD_WEBHOOK_EVENTS has message-deleted');
  });

  it('LOCAL_CORD_DB picks the database', () => {
    expect(readStackConfig({ LOCAL_CORD_DB: ':memory:' }).localCord.database).toBe(':memory:');
    expect(readStackConfig({}).localCord.database).toMatch(/[/\\]\.local-cord[/\\]local-cord\.db$/);
  });
});

describe('readStackConfig: a real Cord project', () => {
  it('uses the project when both CORD_PROJECT_ID and CORD_SECRET are set', () => {
    const config = readStackConfig({ CORD_PROJECT_ID: PROJECT_ID, CORD_SECRET: SECRET });
    expect(config.mode).toBe('hosted');
    expect(config.projectId).toBe(PROJECT_ID);
    expect(config.projectSecret).toBe(SECRET);
    // Undefined: CordProvider falls back to Cord's own script and stylesheet.
    expect(config.cordScriptUrl).toBeUndefined();
    expect(config.cordCssUrl).toBeUndefined();
  });

  it('trims the values it is given', () => {
    const config = readStackConfig({ CORD_PROJECT_ID: ` ${PROJECT_ID} `, CORD_SECRET: ` ${SECRET}\n` });
    expect(config.projectId).toBe(PROJECT_ID);
    expect(config.projectSecret).toBe(SECRET);
  });

  it('loads the SDK from CORD_SCRIPT_URL when it is set', () => {
    const url = 'https://cord.example.com/sdk/v1/sdk.latest.js';
    const config = readStackConfig({
      CORD_PROJECT_ID: PROJECT_ID,
      CORD_SECRET: SECRET,
      CORD_SCRIPT_URL: url,
    });
    expect(config.mode).toBe('hosted');
    expect(config.cordScriptUrl).toBe(url);
    expect(config.cordCssUrl).toBeUndefined();
  });

  it('refuses a relative CORD_SCRIPT_URL (CordProvider would crash on new URL())', () => {
    const error = configError({
      CORD_PROJECT_ID: PROJECT_ID,
      CORD_SECRET: SECRET,
      CORD_SCRIPT_URL: '/sdk.js',
    });
    expect(error.message).toContain('CORD_SCRIPT_URL');
  });

  it('names CORD_SECRET when only CORD_PROJECT_ID is set', () => {
    const error = configError({ CORD_PROJECT_ID: PROJECT_ID });
    expect(error.name).toBe('StackConfigError');
    expect(error.message).toMatch(/^CORD_SECRET is not set\b/);
  });

  it('names CORD_PROJECT_ID when only CORD_SECRET is set', () => {
    const error = configError({ CORD_SECRET: SECRET });
    expect(error.message).toMatch(/^CORD_PROJECT_ID is not set\b/);
  });

  it('counts a blank value as not set when the other one is set', () => {
    expect(configError({ CORD_PROJECT_ID: PROJECT_ID, CORD_SECRET: '  ' }).message).toMatch(
      /^CORD_SECRET is not set\b/,
    );
    expect(configError({ CORD_PROJECT_ID: '', CORD_SECRET: SECRET }).message).toMatch(/^CORD_PROJECT_ID is not set\b/);
  });

  it.each(['not-a-uuid', '12345', `${PROJECT_ID}x`, PROJECT_ID.replaceAll('-', '')])(
    'refuses CORD_PROJECT_ID %j, which is not a UUID',
    (projectId) => {
      const error = configError({ CORD_PROJECT_ID: projectId, CORD_SECRET: SECRET });
      expect(error.message).toContain('CORD_PROJECT_ID must be a UUID');
    },
  );

  it('CORD_TOKEN_EXPIRES_SECONDS sets the token lifetime, a positive whole number', () => {
    expect(readStackConfig({ CORD_TOKEN_EXPIRES_SECONDS: '3600' }).tokenExpiresSeconds).toBe(3600);
    for (const bad of ['0', '-5', '1.5', 'soon']) {
      expect(configError({ CORD_TOKEN_EXPIRES_SECONDS: bad }).message).toContain('CORD_TOKEN_EXPIRES_SECONDS');
    }
  });
});

describe('readStackConfig: ports and origins', () => {
  it('defaults: token server on 3337, client on 5173', () => {
    const config = readStackConfig({});
    expect(config.tokenServer.port).toBe(3337);
    expect(config.tokenServer.url).toBe('http://localhost:3337');
    expect(config.web.port).toBe(5173);
  });

  it('allows both spellings of the client origin by default', () => {
    const { allowedOrigins } = readStackConfig({}).tokenServer;
    expect(allowedOrigins).toContain('http://localhost:5173');
    expect(allowedOrigins).toContain('http://127.0.0.1:5173');
  });

  it('WEB_PORT moves the client and the origins allowed by default', () => {
    const config = readStackConfig({ WEB_PORT: '4173' });
    expect(config.web.port).toBe(4173);
    expect(config.tokenServer.allowedOrigins).toEqual(['http://localhost:4173', 'http://127.0.0.1:4173']);
  });

  it('PORT moves the token server and the URL the client fetches from', () => {
    const config = readStackConfig({ PORT: '4000' });
    expect(config.tokenServer.port).toBe(4000);
    expect(config.tokenServer.url).toBe('http://localhost:4000');
  });

  it('PORT=0 (any free port) is allowed', () => {
    expect(readStackConfig({ PORT: '0' }).tokenServer.port).toBe(0);
  });

  it('an empty or blank PORT / WEB_PORT means the default, not port 0', () => {
    for (const blank of ['', '  ']) {
      const config = readStackConfig({ PORT: blank, WEB_PORT: blank, LOCAL_CORD_PORT: blank });
      expect(config.tokenServer.port).toBe(3337);
      expect(config.tokenServer.url).toBe('http://localhost:3337');
      expect(config.web.port).toBe(5173);
      expect(config.tokenServer.allowedOrigins).toContain('http://localhost:5173');
      expect(config.localCord.port).toBe(8161);
    }
  });

  it('any blank variable means its default', () => {
    const config = readStackConfig({ CLIENT_ORIGINS: ' ', LOCAL_CORD_HOST: '', CORD_TOKEN_EXPIRES_SECONDS: '' });
    expect(config.tokenServer.allowedOrigins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
    expect(config.localCord.url).toBe('http://127.0.0.1:8161');
    expect(config.tokenExpiresSeconds).toBeUndefined();
  });

  it('a relative LOCAL_CORD_DB is from the repository root; :memory: stays as it is', () => {
    const root = new URL('../../../', import.meta.url).pathname;
    expect(readStackConfig({}).localCord.database).toBe(`${root}.local-cord/local-cord.db`);
    expect(readStackConfig({ LOCAL_CORD_DB: 'data/x.db' }).localCord.database).toBe(`${root}data/x.db`);
    expect(readStackConfig({ LOCAL_CORD_DB: '/tmp/y.db' }).localCord.database).toBe('/tmp/y.db');
    expect(readStackConfig({ LOCAL_CORD_DB: ':memory:' }).localCord.database).toBe(':memory:');
  });

  it.each(['abc', '3.5', '-1', '65536', '99999', '0x10', '1e3'])('refuses PORT=%j', (value) => {
    expect(configError({ PORT: value }).message).toMatch(/\bPORT\b/);
    expect(configError({ WEB_PORT: value }).message).toContain('WEB_PORT');
  });

  it('CLIENT_ORIGINS replaces the default origins (comma-separated, trimmed)', () => {
    const config = readStackConfig({ CLIENT_ORIGINS: 'https://a.test, https://b.test:8443 ,' });
    expect(config.tokenServer.allowedOrigins).toEqual(['https://a.test', 'https://b.test:8443']);
  });

  it('TOKEN_SERVER_URL overrides the URL the client fetches tokens from', () => {
    const config = readStackConfig({ PORT: '4000', TOKEN_SERVER_URL: 'https://tokens.example.com' });
    expect(config.tokenServer.port).toBe(4000);
    expect(config.tokenServer.url).toBe('https://tokens.example.com');
    expect(configError({ TOKEN_SERVER_URL: 'tokens' }).message).toContain('TOKEN_SERVER_URL');
  });

  it('reports every problem at once', () => {
    const { message } = configError({ PORT: 'x', WEB_PORT: 'y', CORD_PROJECT_ID: 'z', CORD_SECRET: 's' });
    expect(message).toContain('PORT');
    expect(message).toContain('WEB_PORT');
    expect(message).toContain('CORD_PROJECT_ID');
  });
});

describe('readStackConfig: where the servers listen and which host names they answer', () => {
  it('the token server listens on loopback by default; TOKEN_SERVER_HOST opens it', () => {
    expect(readStackConfig({}).tokenServer.host).toBe('127.0.0.1');
    expect(readStackConfig({ TOKEN_SERVER_HOST: '0.0.0.0' }).tokenServer.host).toBe('0.0.0.0');
  });

  it('by default both answer loopback names only, and say which variable allows more', () => {
    const config = readStackConfig({});
    expect(config.localCord.allowedHosts).toEqual({ names: [], setting: 'LOCAL_CORD_ALLOWED_HOSTS' });
    expect(config.tokenServer.allowedHosts).toEqual({ names: [], setting: 'TOKEN_SERVER_ALLOWED_HOSTS' });
  });

  it('*_ALLOWED_HOSTS add names (comma-separated), besides those the stack itself is set to reach them by', () => {
    const config = readStackConfig({
      LOCAL_CORD_ALLOWED_HOSTS: 'cord.example, .dev.test',
      LOCAL_CORD_HOST: 'laptop.lan',
      TOKEN_SERVER_ALLOWED_HOSTS: 'tokens.example',
      TOKEN_SERVER_URL: 'https://auth.example/',
      TOKEN_SERVER_HOST: '0.0.0.0',
    });
    expect(config.localCord.allowedHosts.names).toEqual(['cord.example', '.dev.test', 'laptop.lan']);
    expect(config.tokenServer.allowedHosts.names).toEqual(['tokens.example', 'auth.example']);
    expect(readStackConfig({ LOCAL_CORD_HOST: 'fd00::2' }).localCord.allowedHosts.names).toEqual(['[fd00::2]']);
  });
});

describe('readStackConfig: CORD_GUIDE_VARIANT', () => {
  it("defaults to the tutorial's users, whose tokens name their group", () => {
    const { guideVariant } = readStackConfig({});
    expect(guideVariant.name).toBe('tutorial');
    expect(guideVariant.group.id).toBe('starpotterdunewars');
    expect(guideVariant.users.map((user) => user.id)).toEqual(['severusatreides', 'minervahalleck', 'hermioneorgana']);
    expect(guideVariant.groupNamedIn).toBe('token');
  });

  it("`guide` picks the integration guide's step 11: its users, my-first-group on the components", () => {
    const { guideVariant } = readStackConfig({ CORD_GUIDE_VARIANT: 'guide' });
    expect(guideVariant.name).toBe('guide');
    expect(guideVariant.group.id).toBe('my-first-group');
    expect(guideVariant.users.map((user) => user.id)).toEqual(['cordymccordface', 'yaketyyak', 'jibberjabber']);
    expect(guideVariant.groupNamedIn).toBe('components');
  });

  it("keeps the guide in a database of its own (its thread id is the tutorial's, in another group)", () => {
    expect(readStackConfig({ CORD_GUIDE_VARIANT: 'guide' }).localCord.database).toMatch(
      /[/\\]\.local-cord[/\\]guide\.db$/,
    );
    expect(readStackConfig({ CORD_GUIDE_VARIANT: 'tutorial' }).localCord.database).toMatch(/[/\\]local-cord\.db$/);
    expect(readStackConfig({ CORD_GUIDE_VARIANT: 'guide', LOCAL_CORD_DB: ':memory:' }).localCord.database).toBe(
      ':memory:',
    );
  });

  it('a blank value is the default; anything else is refused, naming the choices', () => {
    expect(readStackConfig({ CORD_GUIDE_VARIANT: ' ' }).guideVariant.name).toBe('tutorial');
    expect(readStackConfig({ CORD_GUIDE_VARIANT: ' guide ' }).guideVariant.name).toBe('guide');
    expect(configError({ CORD_GUIDE_VARIANT: 'Guide' }).message).toBe(
      'Invalid environment: CORD_GUIDE_VARIANT must be "tutorial" or "guide".',
    );
  });
});
