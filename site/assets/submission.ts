// A submission as the page reads and sends it, so that the engine in the
// page sees what `katabook check` would: the file's exact text, and the
// answer's exact values.

// decodeFile reads an imported file's bytes as the CLI does: UTF-8, with a
// byte-order mark kept for the engine to see, and invalid bytes refused
// (a browser would quietly replace them, and the CLI says they are wrong).
export function decodeFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error("the file is not UTF-8 text: save it as UTF-8");
  }
}

const NEG_ZERO = "\u0000katabook:-0";

// answerJSON is JSON.stringify that keeps -0, which JSON.stringify writes
// as 0: a `-0` in a file must reach the engine as the CLI reads it.
export function answerJSON(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (Object.is(x, -0) ? NEG_ZERO : x)).replaceAll(
    JSON.stringify(NEG_ZERO),
    "-0",
  );
}
