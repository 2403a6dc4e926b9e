import {describe, expect, test} from 'vitest';
import {bedrockEvents, decodeEventStream} from '../../source/probe/event-stream.js';
import {chunkMessage, encodeEventStreamMessage} from '../helpers/bedrock-gateway.js';

// AWS event-stream framing as Bedrock's invoke-with-response-stream sends it; the encoder is the test gateway's.
const start = {type: 'message_start', message: {id: 'm1', type: 'message', role: 'assistant', content: []}};
const stop = {type: 'message_stop'};

/** The no-headers frame of AWS's own tests (awslabs/aws-c-event-stream): payload `{'foo':'bar'}`, both CRCs fixed. */
const awsVector = Buffer.from('0000001d00000000fd528c5a7b27666f6f273a27626172277dc3653936', 'hex');

describe('decodeEventStream', () => {
	test('decodes AWS\'s published frame: prelude CRC and message CRC as AWS computes them', () => {
		expect(decodeEventStream(awsVector)).toEqual({messages: [{headers: {}, payload: Buffer.from('{\'foo\':\'bar\'}')}]});
	});

	test('the test gateway\'s frame with no headers is byte for byte AWS\'s', () => {
		expect(encodeEventStreamMessage({}, Buffer.from('{\'foo\':\'bar\'}'))).toEqual(awsVector);
	});

	test('chunks decode to the Anthropic events inside their base64 bytes', () => {
		const decoded = decodeEventStream(Buffer.concat([chunkMessage(start), chunkMessage({type: 'ping'}), chunkMessage(stop)]));
		expect(decoded.problem).toBeUndefined();
		expect(decoded.messages[0]?.headers).toEqual({':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event'});
		expect(bedrockEvents(decoded)).toEqual({events: [{type: 'message_start', data: start}, {type: 'ping', data: {type: 'ping'}}, {type: 'message_stop', data: stop}]});
	});

	test('a flipped bit in the prelude is caught by the prelude checksum', () => {
		const frame = chunkMessage(start);
		frame.writeUInt8(frame.readUInt8(5) ^ 0x01, 5);
		expect(decodeEventStream(frame)).toEqual({messages: [], problem: 'message 1 has a wrong prelude checksum'});
	});

	test('a flipped bit in the payload is caught by the message checksum, after the whole messages before it', () => {
		const second = chunkMessage(stop);
		second.writeUInt8(second.readUInt8(second.length - 8) ^ 0x01, second.length - 8);
		const decoded = decodeEventStream(Buffer.concat([chunkMessage(start), second]));
		expect(decoded.messages).toHaveLength(1);
		expect(decoded.problem).toBe('message 2 has a wrong message checksum');
	});

	test('a stream cut off mid-message says how much arrived', () => {
		const frame = chunkMessage(stop);
		expect(decodeEventStream(frame.subarray(0, 20)).problem).toBe(`message 1 is cut off (20 of ${frame.length} bytes)`);
		expect(decodeEventStream(frame.subarray(0, 10)).problem).toBe('message 1 is cut off after 10 bytes');
	});

	test('an exception message ends the events with the gateway\'s error', () => {
		const exception = encodeEventStreamMessage({':message-type': 'exception', ':exception-type': 'throttlingException', ':content-type': 'application/json'}, Buffer.from('{"message":"Too many requests"}'));
		expect(bedrockEvents(decodeEventStream(Buffer.concat([chunkMessage(start), exception])))).toEqual({
			events: [{type: 'message_start', data: start}],
			exception: 'throttlingException: Too many requests',
		});
	});
});
