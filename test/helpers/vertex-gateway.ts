import type {ServerResponse} from 'node:http';
import {type CloudGateway, type CloudGatewayOptions, defaultReply, jsonObject, replyEvents, replyMessage, sendJsonBody, startCloudGateway} from './cloud-gateway.js';
import {countTokens} from './gateway.js';

/*
A Vertex AI rawPredict pass-through gateway (LiteLLM's `/vertex_ai/v1`), as Claude Code 2.1.328 was seen to use one
with CLAUDE_CODE_USE_VERTEX=1, ANTHROPIC_VERTEX_BASE_URL=<this url>, CLAUDE_CODE_SKIP_VERTEX_AUTH=1,
ANTHROPIC_VERTEX_PROJECT_ID and CLOUD_ML_REGION:
- `POST /projects/<p>/locations/<r>/publishers/anthropic/models/<m>:streamRawPredict` below the base URL as given
  (its `/v1` is kept), `Authorization: Bearer <token>` and `x-api-key: <key>`, `anthropic-version: 2023-06-01`,
  `anthropic-beta`, the custom headers; the body has no `model`, `stream: true`,
  `anthropic_version: "vertex-2023-10-16"`;
- after a 404 it retries once with `:rawPredict` (`stream: false`);
- the answer it needs: 200 `text/event-stream`, Anthropic's SSE events.
`…/models/count-tokens:rawPredict` takes `{model, messages}` and answers `{input_tokens}`.
Errors on paths and credentials come in Google's shape (`{"error": {code, message, status}}`), errors about the
request body in Anthropic's, as Vertex passes those through.
*/

export type VertexGatewayOptions = CloudGatewayOptions & {
	/** The project the gateway serves; another one in the path gets 404. Default: any. */
	project?: string;
};

function googleError(response: ServerResponse, code: number, status: string, message: string): void {
	sendJsonBody(response, code, {error: {code, message, status}});
}

function anthropicError(response: ServerResponse, status: number, type: string, message: string): void {
	sendJsonBody(response, status, {type: 'error', error: {type, message}});
}

/** A real loopback server speaking Vertex AI's rawPredict API for Anthropic models. */
export async function startVertexGateway(options: VertexGatewayOptions = {}): Promise<CloudGateway> {
	const reply = options.reply ?? defaultReply;
	let count = 0;
	return startCloudGateway(options, (request, path, response) => {
		const match = /^\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/.exec(path);
		if (request.method !== 'POST' || !match || (options.project !== undefined && match[1] !== options.project)) {
			googleError(response, 404, 'NOT_FOUND', `The requested URL ${path} was not found on this server.`);
			return;
		}

		const model = match[3]!;
		const method = match[4]!;
		const body = jsonObject(request.body);
		if (!body) {
			googleError(response, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
			return;
		}

		if (model === 'count-tokens') {
			if (method !== 'rawPredict') {
				googleError(response, 404, 'NOT_FOUND', `The requested URL ${path} was not found on this server.`);
				return;
			}

			sendJsonBody(response, 200, {input_tokens: countTokens(body)});
			return;
		}

		if (body['anthropic_version'] !== 'vertex-2023-10-16') {
			anthropicError(response, 400, 'invalid_request_error', 'anthropic_version: Field required');
			return;
		}

		if ('model' in body) {
			anthropicError(response, 400, 'invalid_request_error', 'model: Extra inputs are not permitted');
			return;
		}

		const maxTokens = body['max_tokens'];
		if (typeof maxTokens !== 'number' || maxTokens < 1) {
			anthropicError(response, 400, 'invalid_request_error', 'max_tokens: must be greater than or equal to 1');
			return;
		}

		count++;
		const id = `msg_vertex_${String(count).padStart(4, '0')}`;
		if (body['stream'] !== true) {
			sendJsonBody(response, 200, replyMessage(body, model, reply, id));
			return;
		}

		response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'});
		for (const event of replyEvents(body, model, reply, id)) {
			response.write(`event: ${event['type'] as string}\ndata: ${JSON.stringify(event)}\n\n`);
		}

		response.end();
	}, response => {
		googleError(response, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
	}, (response, path) => {
		googleError(response, 404, 'NOT_FOUND', `The requested URL ${path} was not found on this server.`);
	});
}
