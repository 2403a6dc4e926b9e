import {afterAll} from 'vitest';
import {removeTemporaryFolders} from '../helpers/temporary.js';

afterAll(() => {
	removeTemporaryFolders();
});
