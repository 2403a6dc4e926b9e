/** Claude Code's model aliases (2.1.328); each may carry a `[1m]` suffix. */
const modelAliases: ReadonlySet<string> = new Set(['default', 'best', 'fable', 'opus', 'sonnet', 'haiku', 'opusplan']);

/** The alias a model setting names (lower case, `[1m]` taken off), or undefined for a model ID. */
export function modelAlias(model: string): string | undefined {
	const alias = model.toLowerCase().replace(/\[1m]$/, '');
	return modelAliases.has(alias) ? alias : undefined;
}
