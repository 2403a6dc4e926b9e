/**
Ink, and chalk (which colours its text), read `CI` once as they load: with it set, Ink draws nothing until exit and
chalk drops colour. ccgate gates the wizard on the terminal alone, so `CI` is hidden while they load and put back
right after (child processes still see it).
*/
export async function withoutCi<T>(load: () => Promise<T>): Promise<T> {
	const saved = {CI: process.env['CI'], CONTINUOUS_INTEGRATION: process.env['CONTINUOUS_INTEGRATION']};
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	try {
		return await load();
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value !== undefined) {
				process.env[name] = value;
			}
		}
	}
}
