// Saving an export: a Blob offered as a download (the desktop app handles `<a download>` too), and
// a file name from a board's name and today's date, safe on every platform. Every kind's export uses these.

export function download(fileName: string, content: string | Uint8Array, type: string): void {
  const blob = new Blob([content as BlobPart], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a board name and today's date, safe on every platform. */
export function exportFileName(boardName: string, extension: string, today: string): string {
  // Characters no file system accepts in a name, control characters included.
  // eslint-disable-next-line no-control-regex
  const base = boardName.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim() || 'board';
  return `${base}-${today}.${extension}`;
}
