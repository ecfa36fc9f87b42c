import { componentGroupId, GUIDE_VARIANTS } from '@cord-tutorial/stack-config/test-users';

/** The stack's CORD_GUIDE_VARIANT, as vite.config.ts hands it to the page. */
export const GUIDE_VARIANT = GUIDE_VARIANTS[import.meta.env.VITE_CORD_GUIDE_VARIANT];

/** `groupId` for PagePresence and Thread: "my-first-group" in the guide's step 11, none in the tutorial. */
export const COMPONENT_GROUP_ID = componentGroupId(GUIDE_VARIANT);
