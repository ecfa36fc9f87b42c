import { TEST_USERS } from '@cord-tutorial/stack-config/test-users';

interface UserBarProps {
  userIndex: number;
  onSwitch: (index: number) => void;
}

/** Says who this tab is signed in as, and opens the page as the other test users. */
export function UserBar({ userIndex, onSwitch }: UserBarProps) {
  const me = TEST_USERS[userIndex];
  return (
    <nav className="user-bar" aria-label="Test users">
      <span>
        Signed in as <strong>{me?.name}</strong>
      </span>
      {TEST_USERS.map((user, index) =>
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
