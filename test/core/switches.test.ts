import {expect, test} from 'vitest';
import {isSwitchOn} from '../../source/core/switches.js';
import {draftFromValues} from '../../source/wizard/model/draft.js';

test.each(['1', 'true', 'TRUE', 'yes', 'Yes', 'on', ' on '])('%j is on, as Claude Code reads it', value => {
	expect(isSwitchOn(value)).toBe(true);
});

test.each([undefined, '', '0', 'false', 'FALSE', 'no', 'NO', 'off', 'Off', '2', 'enabled'])('%j is off', value => {
	expect(isSwitchOn(value)).toBe(false);
});

test.each(['no', 'off', 'NO', ''])('the wizard shows discovery off for CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=%j', value => {
	expect(draftFromValues({CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: value}).discovery).toBe(false);
});

test.each(['yes', 'TRUE'])('the wizard shows discovery on for CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY=%j', value => {
	expect(draftFromValues({CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY: value}).discovery).toBe(true);
});
