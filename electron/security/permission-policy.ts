/**
 * The dashboard needs no browser permission (notifications come from the main process, there is
 * no camera, clipboard read, geolocation, ...): every request and every check is refused.
 */
export function grantPermissionRequest(_permission: string): false {
  return false;
}

export function reportPermissionGranted(_permission: string): false {
  return false;
}
