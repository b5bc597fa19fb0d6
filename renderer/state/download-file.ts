/**
 * Hands a file built in the page to the operator: a Blob behind an
 * <a download>, which saves a file in a browser and in Electron alike, with no
 * round trip to the engine and nothing the CSP forbids.
 */
export function downloadFile(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoked later, not at once: the browser reads the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
