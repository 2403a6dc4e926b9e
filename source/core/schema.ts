import * as z from 'zod/mini';
import {type KeyValues, ownedKeys} from './keys.js';

type GatewayConfigSchema = z.ZodMiniObject<Record<keyof KeyValues, z.ZodMiniOptional<z.ZodMiniString>>>;

let schema: GatewayConfigSchema | undefined;

/**
The gateway configuration as ccgate stores it (profiles, the values behind a shell profile):
each of ccgate's keys, optional, a string. zod/mini keeps the parse cheap; the schema is built on first use,
so the wizard's first frame does not wait for it.

@example
gatewayConfigSchema().parse({ANTHROPIC_BASE_URL: 'https://gw.example.com', ANTHROPIC_AUTH_TOKEN: 'token'})
*/
export function gatewayConfigSchema(): GatewayConfigSchema {
	schema ??= z.strictObject(Object.fromEntries(ownedKeys.map(key => [key, z.optional(z.string())])) as Record<keyof KeyValues, z.ZodMiniOptional<z.ZodMiniString>>);
	return schema;
}

/** Parse stored values; anything that is not a gateway config gives undefined (the caller says what to do). */
export function parseGatewayConfig(data: unknown): KeyValues | undefined {
	const result = gatewayConfigSchema().safeParse(data);
	return result.success ? result.data : undefined;
}
