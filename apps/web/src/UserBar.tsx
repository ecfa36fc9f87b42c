import { GUIDE_VARIANT } from './guideVariant.ts';

interface UserBarProps {
  userIndex: number;
  onSwitch: (index: number) => void;
}

/** Says who this tab is signed in as, and opens the page as the other test users. */
export function UserBar({ userIndex, onSwitch }: UserBarProps) {
  const me = GUIDE_VARIANT.users[userIndex];
  return (
    <nav className="user-bar" aria-label="Test users">
      <span>
        Signed in as <strong>{me?.name}</strong>
      </span>
      {GUIDE_VARIANT.users.map((user, index) =>
        index === userIndex ? null : (
          <span key={user.id} className="other-user">
            <a href={`?userIndex=${index}`} target="_blank" rel="noreferrer">
              Open as {user.name}
            </a>
            <button type="button" onClick={() => onSwitch(index)}>
              switch here
            </button>
          </span>
        ),
      )}
    </nav>
  );
}
