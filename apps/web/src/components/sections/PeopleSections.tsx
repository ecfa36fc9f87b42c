import { TEST_USERS } from '@cord-tutorial/stack-config/test-users';
import { useState } from 'react';
import { Choice, Section, Toggle, useEventLog } from '../Section.tsx';
import { AvatarSample } from '../samples/AvatarSample.tsx';
import avatarSource from '../samples/AvatarSample.tsx?raw';
import { FacepileSample } from '../samples/FacepileSample.tsx';
import facepileSource from '../samples/FacepileSample.tsx?raw';
import { ObservedBoxFacepileSample } from '../samples/ObservedBoxFacepileSample.tsx';
import { PresenceFacepileSample } from '../samples/PresenceFacepileSample.tsx';
import presenceFacepileSource from '../samples/PresenceFacepileSample.tsx?raw';
import { PresenceObserverSample } from '../samples/PresenceObserverSample.tsx';
import presenceObserverSource from '../samples/PresenceObserverSample.tsx?raw';

const USER_IDS = TEST_USERS.map((user) => user.id);

export function AvatarSection() {
  const [userId, setUserId] = useState(USER_IDS[0]!);
  const [enableTooltip, setEnableTooltip] = useState(true);
  return (
    <Section
      id="avatar"
      title="Avatar"
      tag="cord-avatar"
      description="A user's profile picture, or the first letter of their name."
      source={avatarSource}
      controls={
        <>
          <Choice label="userId" value={userId} options={USER_IDS} onChange={setUserId} />
          <Toggle label="enableTooltip" value={enableTooltip} onChange={setEnableTooltip} />
        </>
      }
    >
      <AvatarSample userId={userId} enableTooltip={enableTooltip} />
    </Section>
  );
}

export function FacepileSection() {
  const [count, setCount] = useState(USER_IDS.length);
  const [enableTooltip, setEnableTooltip] = useState(true);
  return (
    <Section
      id="facepile"
      title="Facepile"
      tag="cord-facepile"
      description="Several users' avatars, overlapping, in the order given."
      source={facepileSource}
      controls={
        <>
          <Choice
            label="users"
            value={String(count)}
            options={USER_IDS.map((_, index) => String(index + 1))}
            onChange={(value) => setCount(Number(value))}
          />
          <Toggle label="enableTooltip" value={enableTooltip} onChange={setEnableTooltip} />
        </>
      }
    >
      <FacepileSample users={USER_IDS.slice(0, count)} enableTooltip={enableTooltip} />
    </Section>
  );
}

export function PresenceFacepileSection() {
  const [maxUsers, setMaxUsers] = useState(5);
  const [excludeViewer, setExcludeViewer] = useState(false);
  const [onlyPresentUsers, setOnlyPresentUsers] = useState(false);
  return (
    <Section
      id="presence-facepile"
      title="PresenceFacepile"
      tag="cord-presence-facepile"
      description="Who is on this page now, and (dimmed) who was. Open the page as another user to see them arrive."
      source={presenceFacepileSource}
      controls={
        <>
          <Choice
            label="maxUsers"
            value={String(maxUsers)}
            options={['1', '2', '5']}
            onChange={(value) => setMaxUsers(Number(value))}
          />
          <Toggle label="excludeViewer" value={excludeViewer} onChange={setExcludeViewer} />
          <Toggle label="onlyPresentUsers" value={onlyPresentUsers} onChange={setOnlyPresentUsers} />
        </>
      }
    >
      <PresenceFacepileSample maxUsers={maxUsers} excludeViewer={excludeViewer} onlyPresentUsers={onlyPresentUsers} />
    </Section>
  );
}

export function PresenceObserverSection() {
  const [durable, setDurable] = useState(false);
  const [events, log] = useEventLog();
  return (
    <Section
      id="presence-observer"
      title="PresenceObserver"
      tag="cord-presence-observer"
      description="Marks you present at a location while the pointer or focus is inside its children. The facepile under it shows who is in the box."
      source={presenceObserverSource}
      controls={<Toggle label="durable" value={durable} onChange={setDurable} />}
      events={events}
    >
      <PresenceObserverSample durable={durable} onEvent={log} />
      <div className="in-the-box">
        In the box: <ObservedBoxFacepileSample />
      </div>
    </Section>
  );
}
