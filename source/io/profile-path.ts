import path from 'node:path';
import {UserError} from '../core/findings.js';
import type {ShellName} from '../core/shell.js';
import {configHome, type Place, zshFolder} from './paths.js';

/** The default profile file for a shell (docs/contract.md §4). */
export function defaultProfilePath(shell: ShellName, place: Place): string {
	const {home} = place;
	switch (shell) {
		case 'bash': {
			return path.join(home, process.platform === 'darwin' ? '.bash_profile' : '.bashrc');
		}

		case 'zsh': {
			return path.join(zshFolder(place), '.zshrc');
		}

		case 'fish': {
			return path.join(configHome(place), 'fish', 'conf.d', 'ccgate.fish');
		}

		case 'powershell': {
			if (process.platform === 'win32') {
				throw new UserError({code: 'shell-profile-unknown', level: 'error', message: 'PowerShell on Windows keeps its profile where ccgate cannot guess it', fix: 'give --profile-file "$PROFILE"'});
			}

			return path.join(home, '.config', 'powershell', 'Microsoft.PowerShell_profile.ps1');
		}

		case 'sh': {
			return path.join(home, '.profile');
		}
	}
}
