/** A host-given URL as a link target: http(s) only, never `javascript:` (CS-02); '' otherwise. */
export function safeHttpUrl(value: string): string {
  if (!value) return '';
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : '';
  } catch {
    return '';
  }
}
