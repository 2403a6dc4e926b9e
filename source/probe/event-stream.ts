import {crc32} from 'node:zlib';
import {fieldOf, parseJson} from '../core/json-shape.js';

/** One message of AWS's event-stream framing (`application/vnd.amazon.eventstream`), as Bedrock streams it. */
export type EventStreamMessage = {
	readonly headers: Readonly<Record<string, string | number | boolean>>;
	readonly payload: Buffer;
};

export type DecodedEventStream = {
	/** Every message whose framing and checksums were whole. */
	readonly messages: EventStreamMessage[];
	/** What broke the framing, when something did: decoding stops there. */
	readonly problem?: string;
};

/** Fixed value sizes of the header types that are not length-prefixed (0/1 booleans carry none). */
const fixedSizes: Readonly<Record<number, number>> = {0: 0, 1: 0, 2: 1, 3: 2, 4: 4, 5: 8, 8: 8, 9: 16};

function decodeHeaders(bytes: Buffer): Record<string, string | number | boolean> | string {
	const headers: Record<string, string | number | boolean> = {};
	let offset = 0;
	while (offset < bytes.length) {
		const nameLength = bytes.readUInt8(offset);
		const name = bytes.toString('utf8', offset + 1, offset + 1 + nameLength);
		offset += 1 + nameLength;
		if (offset >= bytes.length) {
			return `the header ${name} has no value`;
		}

		const type = bytes.readUInt8(offset);
		offset += 1;
		if (type === 6 || type === 7) {
			if (offset + 2 > bytes.length) {
				return `the header ${name} is cut off`;
			}

			const length = bytes.readUInt16BE(offset);
			offset += 2;
			if (offset + length > bytes.length) {
				return `the header ${name} is cut off`;
			}

			headers[name] = type === 7 ? bytes.toString('utf8', offset, offset + length) : bytes.toString('base64', offset, offset + length);
			offset += length;
			continue;
		}

		const size = fixedSizes[type];
		if (size === undefined || offset + size > bytes.length) {
			return size === undefined ? `the header ${name} has the unknown type ${type}` : `the header ${name} is cut off`;
		}

		if (size === 0) {
			headers[name] = type === 0;
		} else if (size <= 4) {
			headers[name] = bytes.readIntBE(offset, size);
		} else {
			// A long, a timestamp or a UUID: kept as hex, as nothing here reads them.
			headers[name] = bytes.toString('hex', offset, offset + size);
		}

		offset += size;
	}

	return headers;
}

/**
Splits an AWS event stream into messages, checking each frame: total length and headers length (u32 BE), the
CRC32 of those 8 bytes, the headers, the payload, the CRC32 of everything before. Node's `zlib.crc32` (Node
20.15 and later) is the CRC-32 the framing uses.
*/
export function decodeEventStream(body: Uint8Array): DecodedEventStream {
	const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	const messages: EventStreamMessage[] = [];
	let offset = 0;
	while (offset < bytes.length) {
		const index = messages.length + 1;
		if (bytes.length - offset < 16) {
			return {messages, problem: `message ${index} is cut off after ${bytes.length - offset} bytes`};
		}

		const total = bytes.readUInt32BE(offset);
		const headersLength = bytes.readUInt32BE(offset + 4);
		if (bytes.readUInt32BE(offset + 8) !== crc32(bytes.subarray(offset, offset + 8))) {
			return {messages, problem: `message ${index} has a wrong prelude checksum`};
		}

		if (total < 16 + headersLength) {
			return {messages, problem: `message ${index} declares impossible lengths`};
		}

		if (offset + total > bytes.length) {
			return {messages, problem: `message ${index} is cut off (${bytes.length - offset} of ${total} bytes)`};
		}

		const end = offset + total;
		if (bytes.readUInt32BE(end - 4) !== crc32(bytes.subarray(offset, end - 4))) {
			return {messages, problem: `message ${index} has a wrong message checksum`};
		}

		const headers = decodeHeaders(bytes.subarray(offset + 12, offset + 12 + headersLength));
		if (typeof headers === 'string') {
			return {messages, problem: `message ${index}: ${headers}`};
		}

		messages.push({headers, payload: bytes.subarray(offset + 12 + headersLength, end - 4)});
		offset = end;
	}

	return {messages};
}

/**
The Anthropic events inside Bedrock's stream: each `chunk` event's payload is `{"bytes": base64(event JSON)}`;
an `exception` message ends the stream with the gateway's error.
*/
export function bedrockEvents(decoded: DecodedEventStream): {events: Array<{type: string; data: unknown}>; exception?: string; problem?: string} {
	const events: Array<{type: string; data: unknown}> = [];
	for (const message of decoded.messages) {
		const messageType = message.headers[':message-type'];
		if (messageType === 'exception' || messageType === 'error') {
			const kind = message.headers[':exception-type'] ?? message.headers[':error-code'] ?? 'exception';
			let detail = message.payload.toString('utf8');
			const said = fieldOf(parseJson(detail)?.data, 'message');
			detail = typeof said === 'string' ? said : detail;

			return {events, exception: `${String(kind)}: ${detail}`};
		}

		if (message.headers[':event-type'] !== 'chunk') {
			continue;
		}

		const bytes = fieldOf(parseJson(message.payload.toString('utf8'))?.data, 'bytes');
		const chunk = typeof bytes === 'string' ? parseJson(Buffer.from(bytes, 'base64').toString('utf8')) : undefined;
		if (chunk === undefined) {
			return {events, problem: `chunk ${events.length + 1} does not hold base64 JSON in "bytes"`};
		}

		const type = fieldOf(chunk.data, 'type');
		events.push({type: typeof type === 'string' ? type : 'unknown', data: chunk.data});
	}

	return {events, ...(decoded.problem === undefined ? {} : {problem: decoded.problem})};
}

