// The wizard's ES-module half, loaded by its CommonJS half (source/wizard/open.ts) once the first frame is drawn.
export {startWizard} from '../wizard/start.js';
