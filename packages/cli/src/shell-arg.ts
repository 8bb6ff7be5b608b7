/** A path as it can be pasted into a shell command line (quoted only when it needs to be). */
export function shellArg(path: string): string {
  return /^[\w./~-]+$/.test(path) ? path : JSON.stringify(path);
}
