import "server-only";

// Node.js release lines and the day each stops getting security fixes (nodejs.org/en/about/previous-releases).
// Odd majors are never LTS and end within months, so only even ones are listed; anything else counts as ended.
const END_OF_LIFE: Record<number, string> = {
  20: "2026-04-30",
  22: "2027-04-30",
  24: "2028-04-30",
  26: "2029-04-30",
};

/** Why this Node.js should be replaced, or null while it still gets security fixes. */
export function nodeVersionWarning(version: string, today = new Date()): string | null {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? 0);
  const endOfLife = END_OF_LIFE[major];
  if (endOfLife && today.toISOString().slice(0, 10) <= endOfLife) return null;
  const newest = Math.max(...Object.keys(END_OF_LIFE).map(Number));
  if (major > newest) return null;
  const ended = endOfLife ? `reached its end of life on ${endOfLife}` : "is not a supported release line";
  return `Node.js ${version} ${ended} and gets no security fixes: run M2M Console on a current LTS release (22 or 24).`;
}
