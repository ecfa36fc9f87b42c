import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import App from '../src/App.tsx';

// Set by vitest.config.ts in place of the stack's configuration.
const TOKEN_SERVER = 'http://tokens.test';
const CORD_SCRIPT_URL = 'http://cord.test/sdk.js';

interface InitOptions {
  client_auth_token: string;
  onInitError?: (error: { message: string }) => void;
  [option: string]: unknown;
}

/** What CordProvider uses of the SDK: init, destroy and i18n. */
function fakeSdk() {
  return {
    init: vi.fn(async (_options: InitOptions) => {}),
    destroy: vi.fn(),
    i18n: undefined,
  };
}
type FakeSdk = ReturnType<typeof fakeSdk>;

function installSdk(sdk: FakeSdk = fakeSdk()): FakeSdk {
  Object.assign(window, { CordSDK: sdk });
  return sdk;
}

/** A JWT-shaped token (the React package decodes its payload, unverified). */
function tokenFor(userId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return [
    part({ alg: 'HS512', typ: 'JWT' }),
    part({ user_id: userId, organization_id: 'starpotterdunewars', project_id: 'p' }),
    'c2lnbmF0dXJl',
  ].join('.');
}

const USER_IDS = ['severusatreides', 'minervahalleck', 'hermioneorgana'];

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** The token server: answers each user index with that user's token. */
function stubTokenServer(): Mock<(input: RequestInfo | URL) => Promise<Response>> {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const index = Number(new URL(String(input)).searchParams.get('userIndex'));
    return jsonResponse({ clientAuthToken: tokenFor(USER_IDS[index]!) });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function openPageAs(search: string) {
  window.history.replaceState(null, '', `/${search}`);
}

function tokenUrl(index: number) {
  return `${TOKEN_SERVER}/generate-cord-token?userIndex=${index}`;
}

function initOptions(sdk: FakeSdk, call = 0): InitOptions {
  const options = sdk.init.mock.calls[call]?.[0];
  if (!options) throw new Error(`init was not called ${call + 1} time(s)`);
  return options;
}

function userBar() {
  return screen.getByRole('navigation', { name: 'Test users' });
}

let headBefore: Element[];

beforeEach(() => {
  headBefore = [...document.head.children];
  // App logs failed fetches; keep the output readable.
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  Reflect.deleteProperty(window, 'CordSDK');
  // CordProvider may have added its <script> and link#cord-react.
  for (const element of [...document.head.children]) {
    if (!headBefore.includes(element)) element.remove();
  }
  window.history.replaceState(null, '', '/');
});

describe('App with a working token server', () => {
  it('fetches a token and hands it to Cord as client_auth_token', async () => {
    openPageAs('?userIndex=0');
    const fetchMock = stubTokenServer();
    const sdk = installSdk();
    render(<App />);

    await waitFor(() => expect(sdk.init).toHaveBeenCalled());
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(String(fetchMock.mock.calls[0]![0])).toBe(tokenUrl(0));

    const options = initOptions(sdk);
    expect(options.client_auth_token).toBe(tokenFor('severusatreides'));
    expect(typeof options.onInitError).toBe('function');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('initialises Cord once: re-renders do not re-run init', async () => {
    openPageAs('?userIndex=0');
    stubTokenServer();
    const sdk = installSdk();
    render(<App />);
    await waitFor(() => expect(sdk.init).toHaveBeenCalled());
    // Let CordProvider settle (init resolves, it re-renders as initialised).
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(sdk.init).toHaveBeenCalledTimes(1);
  });

  it("renders the tutorial's page: heading, text, page presence and the thread", async () => {
    openPageAs('?userIndex=0');
    stubTokenServer();
    const sdk = installSdk();
    const { container } = render(<App />);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Hello World!');
    expect(screen.getByText("Let's get Cord-y!").tagName).toBe('P');

    // In the tutorial's order: the presence in the header, then the thread under the text.
    const presence = container.querySelector('header cord-page-presence');
    const thread = container.querySelector('header ~ p ~ cord-thread');
    expect(presence?.tagName).toBe('CORD-PAGE-PRESENCE');
    expect(thread?.getAttribute('thread-id')).toBe('a-first-conversation');
    await waitFor(() => expect(sdk.init).toHaveBeenCalledTimes(1));
  });

  it('gives presence and thread the same explicit location, not the page URL', () => {
    openPageAs('?userIndex=0');
    stubTokenServer();
    installSdk();
    const { container } = render(<App />);

    const presenceLocation = container.querySelector('cord-page-presence')!.getAttribute('location');
    const threadLocation = container.querySelector('cord-thread')!.getAttribute('location');
    expect(presenceLocation).not.toBeNull();
    expect(threadLocation).toBe(presenceLocation);

    // Cord's default location is the page URL, which holds ?userIndex=: each user
    // would then be alone. The explicit location names the page, not the user or the URL.
    expect(JSON.parse(presenceLocation!)).toEqual({ page: 'create-an-auth-token' });
  });

  it('every user gets the same location, so they see each other', async () => {
    const locations = [];
    for (const index of [0, 1, 2]) {
      openPageAs(`?userIndex=${index}`);
      stubTokenServer();
      installSdk();
      const { container, unmount } = render(<App />);
      locations.push([
        container.querySelector('cord-page-presence')!.getAttribute('location'),
        container.querySelector('cord-thread')!.getAttribute('location'),
        container.querySelector('cord-thread')!.getAttribute('thread-id'),
      ]);
      unmount();
    }
    expect(locations[1]).toEqual(locations[0]);
    expect(locations[2]).toEqual(locations[0]);
  });

  it('?userIndex=1 signs in as Minerva Halleck', async () => {
    openPageAs('?userIndex=1');
    const fetchMock = stubTokenServer();
    const sdk = installSdk();
    render(<App />);

    expect(within(userBar()).getByText('Minerva Halleck').tagName).toBe('STRONG');
    expect(userBar().textContent).toContain('Signed in as Minerva Halleck');
    await waitFor(() => expect(sdk.init).toHaveBeenCalled());
    expect(String(fetchMock.mock.calls[0]![0])).toBe(tokenUrl(1));
    expect(initOptions(sdk).client_auth_token).toBe(tokenFor('minervahalleck'));
  });

  it('wraps ?userIndex= around the users and shows the index it used in the URL', async () => {
    openPageAs('?userIndex=5');
    const fetchMock = stubTokenServer();
    installSdk();
    render(<App />);

    expect(userBar().textContent).toContain('Signed in as Hermione Organa');
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(String(fetchMock.mock.calls[0]![0])).toBe(tokenUrl(2));
    expect(new URLSearchParams(window.location.search).get('userIndex')).toBe('2');
  });

  it('picks a random user without ?userIndex= and writes it into the URL', async () => {
    openPageAs('');
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const fetchMock = stubTokenServer();
    installSdk();
    render(<App />);

    expect(new URLSearchParams(window.location.search).get('userIndex')).toBe('1');
    expect(userBar().textContent).toContain('Signed in as Minerva Halleck');
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(String(fetchMock.mock.calls[0]![0])).toBe(tokenUrl(1));
  });

  it('switching user fetches that user’s token and re-initialises Cord with it', async () => {
    openPageAs('?userIndex=0');
    const fetchMock = stubTokenServer();
    const sdk = installSdk();
    render(<App />);
    await waitFor(() => expect(sdk.init).toHaveBeenCalledTimes(1));

    const hermione = within(userBar()).getByText('Open as Hermione Organa').closest('span')!;
    fireEvent.click(within(hermione as HTMLElement).getByRole('button', { name: 'switch here' }));

    await waitFor(() => expect(sdk.init).toHaveBeenCalledTimes(2));
    expect(String(fetchMock.mock.calls.at(-1)![0])).toBe(tokenUrl(2));
    expect(initOptions(sdk, 1).client_auth_token).toBe(tokenFor('hermioneorgana'));
    expect(userBar().textContent).toContain('Signed in as Hermione Organa');
    expect(new URLSearchParams(window.location.search).get('userIndex')).toBe('2');
  });

  it('loads the SDK script from the configured URL when Cord is not loaded yet', async () => {
    openPageAs('?userIndex=0');
    stubTokenServer();
    render(<App />);

    const script = document.head.querySelector<HTMLScriptElement>(`script[src="${CORD_SCRIPT_URL}"]`);
    expect(script).not.toBeNull();
    // The script runs: it defines window.CordSDK, then fires load.
    const sdk = installSdk();
    act(() => {
      script!.dispatchEvent(new Event('load'));
    });
    await waitFor(() => expect(sdk.init).toHaveBeenCalled());
    expect(initOptions(sdk).client_auth_token).toBe(tokenFor('severusatreides'));
  });
});

describe('App shows what went wrong', () => {
  it("Cord's SDK script fails to load: names its URL and `pnpm dev`", async () => {
    openPageAs('?userIndex=0');
    stubTokenServer();
    render(<App />);
    const script = document.head.querySelector<HTMLScriptElement>(`script[src="${CORD_SCRIPT_URL}"]`);
    expect(screen.queryByRole('alert')).toBeNull();

    act(() => {
      script!.dispatchEvent(new Event('error'));
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`did not load from ${CORD_SCRIPT_URL}`);
    expect(alert.textContent).toContain('pnpm dev');
  });

  it('the token server cannot be reached: names its URL and `pnpm dev`', async () => {
    openPageAs('?userIndex=0');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const sdk = installSdk();
    render(<App />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(tokenUrl(0));
    expect(alert.textContent).toContain('pnpm dev');
    expect(sdk.init).not.toHaveBeenCalled();
  });

  it('retries until the token server answers, then clears the message', async () => {
    // shouldAdvanceTime: Testing Library's own short timeouts still run.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    openPageAs('?userIndex=0');
    const fetchMock = vi
      .fn(async (_input: RequestInfo | URL) => jsonResponse({ clientAuthToken: tokenFor('severusatreides') }))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    vi.stubGlobal('fetch', fetchMock);
    const sdk = installSdk();
    render(<App />);

    await screen.findByRole('alert');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(3000));

    await waitFor(() => expect(sdk.init).toHaveBeenCalled());
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(String(fetchMock.mock.calls[1]![0])).toBe(tokenUrl(0));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the token server answers an error: shows the status and its message', async () => {
    openPageAs('?userIndex=0');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ error: 'boom' }, 500)),
    );
    const sdk = installSdk();
    render(<App />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('boom');
    expect(alert.textContent).toContain('500');
    expect(sdk.init).not.toHaveBeenCalled();
  });

  it('an error answer that is not JSON (a 502 page from a proxy) shows its status, not "unreachable"', async () => {
    openPageAs('?userIndex=0');
    const fetchMock = vi.fn(
      async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    vi.stubGlobal('fetch', fetchMock);
    installSdk();
    render(<App />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('The token server answered 502: Bad Gateway');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('a 400 from the token server is shown too', async () => {
    openPageAs('?userIndex=0');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ error: 'userIndex must be given at most once' }, 400)),
    );
    installSdk();
    render(<App />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('400');
    expect(alert.textContent).toContain('userIndex must be given at most once');
  });

  it('Cord refuses the token: shows the reason from onInitError', async () => {
    openPageAs('?userIndex=0');
    stubTokenServer();
    const sdk = installSdk();
    render(<App />);
    await waitFor(() => expect(sdk.init).toHaveBeenCalled());
    expect(screen.queryByRole('alert')).toBeNull();

    const message = 'invalid_session - JsonWebTokenError: invalid signature';
    act(() => {
      initOptions(sdk).onInitError!({ message });
    });

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(message);
    // A stable onInitError: showing the error must not make CordProvider init again (a loop).
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(sdk.init).toHaveBeenCalledTimes(1);
  });
});
