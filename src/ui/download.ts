/** Saving generated files from the page: a file name from a title and a download of a Blob. */

/** Long enough for the browser to have started the download before its object URL goes. */
const REVOKE_DELAY_MS = 1000;
const MAX_NAME_LENGTH = 60;

/**
 * A file base name from a chart title: lowercase, each run of characters other than a–z and 0–9 as one
 * '-', no '-' at either end, at most 60 characters; "chart" when nothing is left.
 */
export function safeFileName(title: string): string {
  const trimDashes = (text: string) => text.replace(/^-+|-+$/g, '');
  const name = trimDashes(trimDashes(title.toLowerCase().replace(/[^a-z0-9]+/g, '-')).slice(0, MAX_NAME_LENGTH));
  return name || 'chart';
}

/** Offers `blob` as a download named `fileName` (an object URL clicked through a temporary `<a download>`). */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_DELAY_MS);
}
