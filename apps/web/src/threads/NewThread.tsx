import { CordContext } from '@cord-sdk/react';
import { type FormEvent, useContext, useState } from 'react';
import { COMPONENT_GROUP_ID } from '../guideVariant.ts';

/** Where the threads of this page live: apps listing them by location would pass this. */
const LOCATION = { page: 'threads' };

/** Starts a thread with `CordSDK.thread.createThread`, in the token's group (or the guide's). */
export function NewThread({ onCreated }: { onCreated: (threadId: string) => void }) {
  const { sdk } = useContext(CordContext);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!sdk || !name.trim()) return;
    const id = crypto.randomUUID();
    try {
      await sdk.thread.createThread({
        id,
        name: name.trim(),
        location: LOCATION,
        url: window.location.href,
        groupID: COMPONENT_GROUP_ID,
      });
      setName('');
      setError(undefined);
      onCreated(id);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <form className="new-thread" onSubmit={(event) => void create(event)}>
      <input
        aria-label="New thread name"
        placeholder="Name a new thread"
        value={name}
        onChange={(event) => setName(event.target.value)}
        disabled={!sdk}
      />
      <button type="submit" disabled={!sdk || !name.trim()}>
        Start thread
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
