/** The fields of a user that make up the name Cord shows. */
export interface NamedUser {
  id: string;
  name: string | null;
  shortName: string | null;
  email: string | null;
}

/** Cord's display name: short name, else name, else the e-mail's local part, else the id. */
export function displayName(user: NamedUser): string {
  return user.shortName || user.name || user.email?.split('@')[0] || user.id;
}

/** The name Cord puts second (e.g. under the display name): name, else short name. */
export function secondaryDisplayName(user: NamedUser): string {
  return user.name || user.shortName || displayName(user);
}
