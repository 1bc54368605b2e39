/** A display name as the identity service takes it (1 to 100 characters once trimmed), or undefined. */
export function parseDisplayName(typed: string): string | undefined {
  const name = typed.trim();
  return name && name.length <= 100 ? name : undefined;
}
