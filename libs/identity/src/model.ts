export const ROLES = ['procurer', 'editor', 'committee', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The logged-in caller, as every service sees it. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  roles: Role[];
}

export const hasRole = (p: Principal, ...roles: Role[]): boolean => roles.some((r) => p.roles.includes(r));
