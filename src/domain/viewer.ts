/** Roles a caller can hold (the same values as `Role` in config.ts). */
export type Role = 'reader' | 'operator' | 'admin';

/** Who is calling. `roles` holds every role granted (admin ⊃ operator ⊃ reader). */
export interface Viewer {
  actor: string;
  roles: ReadonlySet<Role>;
  anonymous: boolean;
}

export function rolesFor(role: Role): ReadonlySet<Role> {
  if (role === 'admin') return new Set<Role>(['reader', 'operator', 'admin']);
  if (role === 'operator') return new Set<Role>(['reader', 'operator']);
  return new Set<Role>(['reader']);
}
