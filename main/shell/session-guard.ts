import type { PermissionDetails, SessionLike } from './electron-types';
import { KIOSK_ORIGIN, originOf } from './kiosk-origin';
import type { ShellLog } from './shell-log';

/**
 * The one permission the page has: the camera (`media`, video only) for our own origin, for the
 * live photo. Microphone, geolocation, notifications, clipboard, USB/HID/serial from the page:
 * never. Devices belong to the host, which talks to them from Node.
 */
export function mayUseCamera(permission: string, origin: string, mediaTypes: readonly string[] | undefined): boolean {
  if (permission !== 'media' || origin !== KIOSK_ORIGIN) return false;
  // A request with no listed types, or one asking for audio, is not a camera request.
  return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');
}

function requestOrigin(details: PermissionDetails, fallback: string): string {
  return originOf(details.requestingUrl ?? fallback);
}

export function lockDownSession(session: SessionLike, log: ShellLog): void {
  session.on('will-download', (event, item) => {
    event.preventDefault();
    item.cancel();
    log.warn({ url: item.getURL() }, 'download refused');
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const origin = requestOrigin(details, '');
    const granted = mayUseCamera(permission, origin, details.mediaTypes);
    if (!granted) log.warn({ permission, origin }, 'permission request refused');
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    // Checks carry one media type (`mediaType`); Electron passes it in details for `media`.
    const mediaType = (details as { mediaType?: string }).mediaType;
    return mayUseCamera(permission, originOf(requestingOrigin) || requestingOrigin, mediaType === undefined ? undefined : [mediaType]);
  });
  session.setDevicePermissionHandler(() => false);
}
