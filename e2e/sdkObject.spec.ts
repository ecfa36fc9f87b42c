import { expect, test, WEB_URL, watchForProblems } from './fixtures.ts';
import { composer } from './pages.ts';

// `window.CordSDK` as the real @cord-sdk/react on the tutorial page has initialised it:
// the members its hooks and betaV2 components read besides the data APIs.

/** What this test reads of the SDK object inside the page. */
interface PageSDK {
  groupID?: string;
  options: { screenshot_options: { capture_when: string[] } };
  i18n: { isInitialized: boolean; language: string; t(key: string): string };
  updateOptions(options: object): void;
  __CORD_OPENSOURCE_COMPONENTS: unknown;
}

test('window.CordSDK has i18n with Cord strings, options, groupID and the internals @cord-sdk/react uses', async ({
  page,
}) => {
  const problems = watchForProblems(page);
  const tokenResponse = page.waitForResponse((response) => response.url().includes('/generate-cord-token'));
  await page.goto(`${WEB_URL}/?userIndex=1`);
  const { clientAuthToken } = (await (await tokenResponse).json()) as { clientAuthToken: string };
  const claims = JSON.parse(Buffer.from(clientAuthToken.split('.')[1] ?? '', 'base64url').toString()) as {
    group_id?: string;
    organization_id?: string;
  };
  // The tutorial's token names its group the older way, as organization_id.
  const tokenGroup = claims.group_id ?? claims.organization_id;
  // The composer is enabled once the SDK has signed in, well after CordProvider's init.
  await expect(composer(page)).toBeEnabled();

  const seen = await page.evaluate(() => {
    const sdk = (window as unknown as { CordSDK: PageSDK }).CordSDK;
    return {
      initialized: sdk.i18n.isInitialized,
      language: sdk.i18n.language,
      placeholder: sdk.i18n.t('composer:send_message_placeholder'),
      componentsIsASet: sdk.__CORD_OPENSOURCE_COMPONENTS instanceof Set,
      groupID: sdk.groupID,
      captureWhen: sdk.options.screenshot_options.capture_when,
    };
  });
  expect(seen).toEqual({
    initialized: true,
    language: 'en',
    placeholder: 'Add a comment...',
    componentsIsASet: true,
    groupID: tokenGroup,
    captureWhen: ['new-annotation', 'share-via-email'],
  });
  expect(tokenGroup).toBe('starpotterdunewars');

  const changed = await page.evaluate(() => {
    const sdk = (window as unknown as { CordSDK: PageSDK }).CordSDK;
    sdk.updateOptions({ translations: { en: { composer: { send_message_placeholder: 'Send an owl...' } } } });
    return {
      placeholder: sdk.i18n.t('composer:send_message_placeholder'),
      otherString: sdk.i18n.t('thread:placeholder_title'),
      groupID: sdk.groupID,
    };
  });
  expect(changed).toEqual({
    placeholder: 'Send an owl...',
    otherString: 'Chat with your team, right here',
    groupID: 'starpotterdunewars',
  });
  problems.assertClean();
});
