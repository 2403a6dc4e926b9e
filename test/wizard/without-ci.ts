/**
Ink reads `CI` once as it loads, and with it set draws only at exit; the wizard loads Ink with it hidden
(source/wizard/start/hide-ci.ts). A test file that imports Ink itself hides it the same way, before any of its imports run:

	const restoreCi = await vi.hoisted(async () => (await import('./without-ci.js')).hideCi());
	afterAll(restoreCi);
*/
export function hideCi(): () => void {
	const saved = {CI: process.env['CI'], CONTINUOUS_INTEGRATION: process.env['CONTINUOUS_INTEGRATION']};
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	return () => {
		for (const [name, value] of Object.entries(saved)) {
			if (value !== undefined) {
				process.env[name] = value;
			}
		}
	};
}
