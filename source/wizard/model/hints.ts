import {type Command, keyLabels} from './keys.js';

/*
The bottom line's pieces. Which keys a step shows is the step's own (`logic/<step>.ts`, its `hints`); the reducer
hands the bottom line to the step of the state.
*/

/** One entry of the bottom line: the key and what it does here. */
export type KeyHint = {readonly key: string; readonly action: string};

export function hint(command: Command | 'clear', action: string): KeyHint {
	return {key: keyLabels[command], action};
}

export const choose: KeyHint = {key: `${keyLabels.up}${keyLabels.down}`, action: 'choose'};

/** The last entry of every step's line but the last step's. */
export const quit: KeyHint = hint('cancel', 'quit, nothing written');
