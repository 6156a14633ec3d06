/**
 * The backend origin's host permission, asked for at run time (optional_host_permissions, EX-02).
 * Extension pages that hold it reach the backend without a CORS entry on the server.
 */
import { hostPermissionPattern } from '../shared/settings.ts';
import type { PermissionsApi } from './ports.ts';

export function hasBackendPermission(permissions: PermissionsApi, backendUrl: string): Promise<boolean> {
  return permissions.contains({ origins: [hostPermissionPattern(backendUrl)] });
}

/**
 * Must be called synchronously inside the click handler (before any await): browsers only show
 * the prompt during a user gesture. Resolves true at once when the origin is already granted.
 */
export function requestBackendPermission(permissions: PermissionsApi, backendUrl: string): Promise<boolean> {
  return permissions.request({ origins: [hostPermissionPattern(backendUrl)] });
}

/** Gives back the previous backend's permission when the person switches servers. */
export async function releaseBackendPermission(
  permissions: PermissionsApi,
  previousUrl: string | undefined,
  nextUrl: string | undefined,
): Promise<void> {
  if (!previousUrl) return;
  const previous = hostPermissionPattern(previousUrl);
  if (nextUrl !== undefined && previous === hostPermissionPattern(nextUrl)) return;
  await permissions.remove({ origins: [previous] }).catch(() => false);
}
