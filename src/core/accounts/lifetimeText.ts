/**
 * The token lifetime as people type it in the account prompts: `300`, `300s`, `90m`, `12h`, `30d`.
 * Kept apart from the prompts so the parsing is tested without an editor.
 */

const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds, or undefined when the text is none of the accepted forms. */
export function parseLifetime(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd]?)$/i.exec(text.trim());
  return match ? Math.round(Number(match[1]) * UNIT_SECONDS[match[2].toLowerCase()]) : undefined;
}

/** The shortest whole form of a lifetime, so an edit prompt shows `30d` rather than `2592000`. */
export function formatLifetime(seconds: number): string {
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return String(seconds);
}
