import {afterEach, expect, test} from 'vitest';
import {runClaude} from '../helpers/claude.js';
import {ccgate, sandbox} from '../commands/support.js';
import {type Gateway, type RecordedRequest, startGateway} from '../helpers/gateway.js';

/*
What ccgate writes for the fable tier and the subagent model reaches the wire as the real client (pinned 2.1.328)
sends it: the gateway answers the first message with a call of the client's subagent tool, so the client runs a
subagent, whose request names CLAUDE_CODE_SUBAGENT_MODEL. The probe asks for what the client asks for.
*/

let gateway: Gateway | undefined;
afterEach(async () => {
	await gateway?.close();
	gateway = undefined;
});

type Body = {model?: string; stream?: boolean; tools?: Array<{name: string}>};

/** A gateway that answers the first message offering the subagent tool with a call of it, and everything else as usual. */
async function subagentGateway(): Promise<Gateway> {
	let called = false;
	return startGateway({
		handler(request, response) {
			const body = request.method === 'POST' && request.path.startsWith('/v1/messages?') ? JSON.parse(request.body) as Body : undefined;
			const tool = body?.tools?.find(candidate => candidate.name === 'Agent' || candidate.name === 'Task');
			if (called || tool === undefined || body?.stream !== true) {
				return false;
			}

			called = true;
			response.writeHead(200, {'content-type': 'text/event-stream'});
			const event = (type: string, data: Record<string, unknown>) => response.write(`event: ${type}\ndata: ${JSON.stringify({type, ...data})}\n\n`);
			event('message_start', {message: {id: 'msg_tool', type: 'message', role: 'assistant', model: body.model, content: [], stop_reason: null, stop_sequence: null, usage: {input_tokens: 1, output_tokens: 1}}});
			event('content_block_start', {index: 0, content_block: {type: 'tool_use', id: 'toolu_subagent', name: tool.name, input: {}}});
			event('content_block_delta', {index: 0, delta: {type: 'input_json_delta', partial_json: JSON.stringify({description: 'say hi', prompt: 'Say hi.', subagent_type: 'general-purpose'})}});
			event('content_block_stop', {index: 0});
			event('message_delta', {delta: {stop_reason: 'tool_use', stop_sequence: null}, usage: {output_tokens: 5}});
			event('message_stop', {});
			response.end();
			return true;
		},
	});
}

const modelOf = (request: RecordedRequest) => (JSON.parse(request.body) as Body).model;

test('--model fable with --fable-model, and --subagent-model: the client asks for the mapped fable model, its subagent for the subagent model', async () => {
	gateway = await subagentGateway();
	const box = sandbox();
	const written = await ccgate(box, ['write', '--base-url', gateway.url, '--auth-token', 'sk-gw-0123456789', '--model', 'fable', '--fable-model', 'claude-gw-fable', '--subagent-model', 'claude-gw-sub']);
	expect(written.exitCode).toBe(0);

	const client = await runClaude({home: box.home, prompt: 'Use a subagent to say hi.', timeoutMs: 60_000});
	const messages = gateway.requests.splice(0).filter(request => request.method === 'POST' && request.path.startsWith('/v1/messages?'));
	expect(client.exitCode, client.stderr).toBe(0);
	// The main loop asks for the fable mapping (more than once: before, and with the subagent's result); the subagent, once, for its own model.
	const models = messages.map(request => modelOf(request));
	expect(models.filter(model => model !== 'claude-gw-fable')).toEqual(['claude-gw-sub']);
	expect(models.filter(model => model === 'claude-gw-fable').length).toBeGreaterThanOrEqual(2);

	const probed = await ccgate(box, ['probe']);
	expect(probed.exitCode).toBe(0);
	expect(gateway.requests.filter(request => request.path.startsWith('/v1/messages?')).map(request => modelOf(request))).toEqual(['claude-gw-fable']);
}, 90_000);

test('fable unmapped asks the gateway for claude-fable-5-2, and so does the probe', async () => {
	gateway = await startGateway();
	const box = sandbox();
	expect((await ccgate(box, ['write', '--base-url', gateway.url, '--auth-token', 'sk-gw-0123456789', '--model', 'fable'])).exitCode).toBe(0);

	const client = await runClaude({home: box.home, timeoutMs: 60_000});
	expect(client.exitCode, client.stderr).toBe(0);
	expect(gateway.requests.splice(0).filter(request => request.path.startsWith('/v1/messages?')).map(request => modelOf(request))).toEqual(['claude-fable-5-2']);

	expect((await ccgate(box, ['probe'])).exitCode).toBe(0);
	expect(gateway.requests.filter(request => request.path.startsWith('/v1/messages?')).map(request => modelOf(request))).toEqual(['claude-fable-5-2']);
}, 90_000);
