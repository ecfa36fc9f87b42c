import { Timestamp } from '@cord-sdk/react';

export function TimestampSample({ minutesAgo, relative }: { minutesAgo: number; relative: boolean }) {
  // A fixed moment: the text moves on by itself as time passes.
  const value = new Date(Math.floor(Date.now() / 60_000) * 60_000 - minutesAgo * 60_000);
  return <Timestamp value={value} relative={relative} />;
}
