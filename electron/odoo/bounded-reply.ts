/**
 * Reads an HTTP reply body up to a size limit. A misbehaving Odoo (or a proxy's error page, or a list
 * endpoint that ignores `limit`) can answer with hundreds of megabytes; `response.text()` would hold all of
 * it, and its decoded string, in memory before anything could say no.
 */

/** The body as text, or null once it is larger than `maxBytes`: the stream is then cancelled, the rest never read. */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  // No stream to read: an empty body (or a stand-in Response that only offers text()).
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  // TextDecoder, as response.text() does: UTF-8, a byte-order mark dropped.
  return new TextDecoder().decode(Buffer.concat(chunks));
}
