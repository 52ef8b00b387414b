/**
 * `512 B`, `2 KB`, `1.5 MB`: 1 KB = 1024 bytes, as the editor counts file sizes. One wording for
 * the response view, the history and the Try It panel. Browser-safe: the webview imports it too.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? Math.round(kb * 10) / 10 : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)} MB`;
}
