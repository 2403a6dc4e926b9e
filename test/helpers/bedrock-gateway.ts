import type {ServerResponse} from 'node:http';
import {crc32} from 'node:zlib';
import {type CloudGateway, type CloudGatewayOptions, defaultReply, jsonObject, replyEvents, replyMessage, sendJsonBody, startCloudGateway} from './cloud-gateway.js';

/*
A Bedrock InvokeModel pass-through gateway (LiteLLM's `/bedrock`), as Claude Code 2.1.328 was seen to use one with
CLAUDE_CODE_USE_BEDROCK=1, ANTHROPIC_BEDROCK_BASE_URL=<this url> and CLAUDE_CODE_SKIP_BEDROCK_AUTH=1:
- `GET /inference-profiles?type=SYSTEM_DEFINED` first (aws-sdk user-agent); a 404 is tolerated;
- `POST /model/<id>/invoke-with-response-stream` (`us.anthropic.claude-opus-5-5` for the default model in us-east-1),
  `Authorization: Bearer <token>`, the custom headers and `anthropic-beta`; with ANTHROPIC_API_KEY set as well,
  2.1.328 also sent it as `x-api-key` here (Claude Code's docs say it does not; docs/contract.md §4a still refuses --api-key for
  Bedrock); the body has no `model` and no `stream`, but
  `anthropic_version: "bedrock-2023-05-31"` and `anthropic_beta: [...]`;
- the answer it needs: 200 `application/vnd.amazon.eventstream`, one event-stream message per Anthropic event.
Errors come as Bedrock's: `{"message": …}` with `x-amzn-errortype`.
*/

export type BedrockGatewayOptions = CloudGatewayOptions & {
	/** Content type of the streamed answer; default `application/vnd.amazon.eventstream`. */
	streamContentType?: string;
};

/** One header of an event-stream message: 1-byte name length, name, type 7 (string), u16 BE length, value. */
function encodeHeaders(headers: Record<string, string>): Buffer {
	const parts: Buffer[] = [];
	for (const [name, value] of Object.entries(headers)) {
		const nameBytes = Buffer.from(name, 'utf8');
		const valueBytes = Buffer.from(value, 'utf8');
		const head = Buffer.alloc(1 + nameBytes.length + 3);
		head.writeUInt8(nameBytes.length, 0);
		nameBytes.copy(head, 1);
		head.writeUInt8(7, 1 + nameBytes.length);
		head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
		parts.push(head, valueBytes);
	}

	return Buffer.concat(parts);
}

/**
One AWS event-stream message: total length and headers length (u32 BE), the CRC32 of those 8 bytes, the headers,
the payload, the CRC32 of everything before it.
*/
export function encodeEventStreamMessage(headers: Record<string, string>, payload: Buffer): Buffer {
	const headerBytes = encodeHeaders(headers);
	const total = 12 + headerBytes.length + payload.length + 4;
	const prelude = Buffer.alloc(12);
	prelude.writeUInt32BE(total, 0);
	prelude.writeUInt32BE(headerBytes.length, 4);
	prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
	const body = Buffer.concat([prelude, headerBytes, payload]);
	const trailer = Buffer.alloc(4);
	trailer.writeUInt32BE(crc32(body), 0);
	return Buffer.concat([body, trailer]);
}

/** An Anthropic event as Bedrock streams it: a `chunk` event whose payload is `{"bytes": base64(event JSON)}`. */
export function chunkMessage(event: Record<string, unknown>): Buffer {
	const payload = Buffer.from(JSON.stringify({bytes: Buffer.from(JSON.stringify(event)).toString('base64')}));
	return encodeEventStreamMessage({':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event'}, payload);
}

function bedrockError(response: ServerResponse, status: number, type: string, message: string): void {
	sendJsonBody(response, status, {message}, {'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`});
}

/** A real loopback server speaking Bedrock's InvokeModel API for Anthropic models. */
export async function startBedrockGateway(options: BedrockGatewayOptions = {}): Promise<CloudGateway> {
	const reply = options.reply ?? defaultReply;
	let count = 0;
	return startCloudGateway(options, (request, path, response) => {
		const invoke = /^\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/.exec(path);
		if (request.method === 'GET' && path === '/inference-profiles') {
			bedrockError(response, 404, 'UnknownOperationException', 'Not found');
			return;
		}

		if (request.method !== 'POST' || !invoke) {
			bedrockError(response, 404, 'UnknownOperationException', `Not found: ${request.method} ${path}`);
			return;
		}

		const [, model, operation] = invoke as unknown as [string, string, string];
		const body = jsonObject(request.body);
		if (!body) {
			bedrockError(response, 400, 'ValidationException', 'Malformed input request, please reformat your input and try again.');
			return;
		}

		if (body['anthropic_version'] !== 'bedrock-2023-05-31') {
			bedrockError(response, 400, 'ValidationException', 'Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.');
			return;
		}

		for (const extraneous of ['model', 'stream']) {
			if (extraneous in body) {
				bedrockError(response, 400, 'ValidationException', `Malformed input request: #: extraneous key [${extraneous}] is not permitted, please reformat your input and try again.`);
				return;
			}
		}

		const maxTokens = body['max_tokens'];
		if (typeof maxTokens !== 'number' || maxTokens < 1) {
			bedrockError(response, 400, 'ValidationException', 'Malformed input request: #/max_tokens: 0 is not greater or equal to 1, please reformat your input and try again.');
			return;
		}

		count++;
		const id = `msg_bedrock_${String(count).padStart(4, '0')}`;
		if (operation === 'invoke') {
			sendJsonBody(response, 200, replyMessage(body, model, reply, id));
			return;
		}

		response.writeHead(200, {'content-type': options.streamContentType ?? 'application/vnd.amazon.eventstream', 'x-amzn-bedrock-content-type': 'application/json'});
		for (const event of replyEvents(body, model, reply, id)) {
			response.write(chunkMessage(event));
		}

		response.end();
	}, response => {
		bedrockError(response, 401, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
	}, (response, path) => {
		bedrockError(response, 404, 'UnknownOperationException', `Not found: ${path}`);
	});
}
