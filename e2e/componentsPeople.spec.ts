import { choose, closeAll, event, openComponents, sample, toggle } from './componentsPage.ts';
import { expect, test, watchForProblems } from './fixtures.ts';

// The People sections of the components page: Avatar, Facepile, PresenceFacepile and
// PresenceObserver through @cord-sdk/react's own wrappers, between two users.

test.afterEach(({ browser }) => closeAll(browser));

test('Avatar and Facepile show users by id, with their names on hover', async ({ browser }) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const problems = watchForProblems(severus);

  const avatar = sample(severus, 'avatar').locator('cord-avatar .cord-avatar-container');
  await expect(avatar).toHaveAttribute('title', 'Severus Atreides (you)');
  await expect(avatar.locator('.cord-avatar-fallback')).toHaveText('S');
  await expect(avatar.locator('.cord-avatar-fallback')).toBeVisible();
  await expect(avatar).toHaveClass(/cord-color-palette-\d/);
  await expect(sample(severus, 'avatar').locator('cord-avatar')).toHaveClass(/cord-component-avatar/);
  // enable-tooltip="false": no name on hover.
  await toggle(severus, 'avatar', 'enableTooltip');
  await expect(avatar).not.toHaveAttribute('title');
  await choose(severus, 'avatar', 'userId', 'minervahalleck');
  await expect(avatar.locator('.cord-avatar-fallback')).toHaveText('M');

  // The test users' ids, in order (one who never signed in is unknown to Cord: left out).
  const faces = sample(minerva, 'facepile').locator('cord-facepile .cord-avatar-container');
  await expect(faces.nth(1)).toBeVisible();
  await expect(faces.nth(0)).toHaveAttribute('title', 'Severus Atreides');
  await expect(faces.nth(1)).toHaveAttribute('title', 'Minerva Halleck (you)');
  await choose(minerva, 'facepile', 'users', '1');
  await expect(faces).toHaveCount(1);
  problems.assertClean();
});

test('PresenceFacepile shows who is on the page, live, with its options', async ({ browser }) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const pile = (page: typeof severus) => sample(page, 'presence-facepile').locator('cord-presence-facepile');

  // The page's PagePresence marks each of them present at { page: 'components' }.
  for (const page of [severus, minerva]) {
    await expect(pile(page).getByRole('img', { name: /^Severus Atreides/ })).toHaveClass(/cord-present/);
    await expect(pile(page).getByRole('img', { name: /^Minerva Halleck/ })).toHaveClass(/cord-present/);
  }
  await expect(pile(severus).getByRole('img', { name: 'Minerva Halleck: Viewing' })).toBeVisible();

  await toggle(severus, 'presence-facepile', 'excludeViewer');
  await expect(pile(severus).getByRole('img', { name: /^Severus Atreides/ })).toHaveCount(0);
  await toggle(severus, 'presence-facepile', 'excludeViewer');
  await choose(severus, 'presence-facepile', 'maxUsers', '1');
  await expect(pile(severus).locator('.cord-avatar-container')).toHaveCount(1);
  await expect(pile(severus).locator('.cord-other-users')).toHaveText('+1');

  // Minerva leaves: dimmed, "Viewed just now"; gone with onlyPresentUsers.
  await choose(severus, 'presence-facepile', 'maxUsers', '5');
  await minerva.context().close();
  const away = pile(severus).getByRole('img', { name: /^Minerva Halleck/ });
  await expect(away).toHaveClass(/cord-not-present/);
  await expect(away).toHaveAttribute('title', 'Minerva Halleck: Viewed just now');
  await toggle(severus, 'presence-facepile', 'onlyPresentUsers');
  await expect(away).toHaveCount(0);
});

test('PresenceObserver fires change as the pointer enters and leaves, and the other user sees it', async ({
  browser,
}) => {
  const severus = await openComponents(browser, 0);
  const minerva = await openComponents(browser, 1);
  const inTheBox = minerva.locator('#presence-observer .in-the-box');
  await expect(inTheBox.getByRole('img', { name: /^Severus Atreides/ })).toHaveCount(0);

  const box = sample(severus, 'presence-observer').locator('.observed-box');
  // The children stay the page's own: the observer wraps them and adds nothing visible.
  await expect(sample(severus, 'presence-observer').locator('cord-presence-observer > .observed-box')).toBeVisible();
  await box.hover();
  await expect(event(severus, 'presence-observer', 'onChange')).toHaveText('onChange [true]');
  await expect(inTheBox.getByRole('img', { name: /^Severus Atreides/ })).toBeVisible();

  await severus.mouse.move(0, 0);
  await expect(event(severus, 'presence-observer', 'onChange')).toHaveText('onChange [false]');
  await expect(inTheBox.getByRole('img', { name: /^Severus Atreides/ })).toHaveCount(0);
});
