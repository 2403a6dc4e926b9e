export const requiredTools: readonly string[];
export function missingTools(searchPath?: string): string[];
export function missingToolsSentence(missing?: readonly string[]): string | undefined;
